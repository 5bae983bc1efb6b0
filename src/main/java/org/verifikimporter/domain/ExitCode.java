package org.verifikimporter.domain;

/**
 * Exit codes of {@code run}, {@code watch} and {@code validate}. With several outcomes in one run the most urgent
 * wins: 1, then 4, 5, 3, 2, 0. The constants stand in that order of urgency, the least urgent first, and
 * {@link #worst} goes by it. 5 outranks 3 and 2: the counts of a run stopped before the end are not final.
 */
public enum ExitCode {
    OK(0, "every row was created (or is valid)", "every row is valid"),
    ROWS_FAILED(2, "some rows failed: see failed.csv", "some rows are not valid: see failed.csv"),
    FILE_REJECTED(3, "a file was rejected whole: see its reason above",
            "a file cannot be imported as it is: see its reason above"),
    INTERRUPTED(5, "stopped before the end: the next run resumes", "stopped before the end: the next run resumes"),
    RUN_STOPPED(4, "the run was stopped by Verifik (401/402/403)", "the run was stopped by Verifik (401/402/403)"),
    CONFIG_ERROR(1, "bad configuration or startup failure", "bad configuration or startup failure");

    private final int code;
    private final String meaning;
    private final String dryRunMeaning;

    ExitCode(int code, String meaning, String dryRunMeaning) {
        this.code = code;
        this.meaning = meaning;
        this.dryRunMeaning = dryRunMeaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The same for a dry run (validate), which creates nothing and moves nothing. */
    public String dryRunMeaning() {
        return dryRunMeaning;
    }

    public ExitCode worst(ExitCode other) {
        return other.compareTo(this) > 0 ? other : this;
    }
}
