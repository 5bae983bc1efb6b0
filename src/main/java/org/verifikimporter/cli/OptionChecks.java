package org.verifikimporter.cli;

/** Checks of option values whose message names the option as the user typed it (exit 1 with that one line). */
final class OptionChecks {

    private OptionChecks() {
    }

    static void requireRate(String option, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(option + " must be between 0 and 1, got " + value);
        }
    }

    static void requireNotNegative(String option, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must not be negative, got " + value);
        }
    }

    static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
