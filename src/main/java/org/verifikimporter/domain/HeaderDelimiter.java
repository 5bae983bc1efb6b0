package org.verifikimporter.domain;

/** Which delimiter a file uses, told from its header line when the configuration does not name one. */
final class HeaderDelimiter {

    private static final String CANDIDATES = ",;\t|";

    private HeaderDelimiter() {
    }

    /** The candidate seen most often outside quotes; ties go to the earlier of , ; tab |; none: comma. */
    static char find(String headerLine) {
        int[] counts = new int[CANDIDATES.length()];
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                int k = CANDIDATES.indexOf(c);
                if (k >= 0) {
                    counts[k]++;
                }
            }
        }
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CANDIDATES.charAt(best);
    }
}
