package org.verifikimporter.unknown;

import org.verifikimporter.domain.CreatedSession;

/**
 * What {@code retry --unknown} made of one row whose outcome was unknown.
 *
 * @param found the validation Verifik lists for it, when it was adopted
 */
public record Decision(UnknownRow row, Verdict verdict, String detail, CreatedSession found) {

    public enum Verdict {
        /** Verifik lists exactly one validation for the person since the row was sent: created, recorded so. */
        ADOPTED("created after all (adopted, not sent again)"),
        /** Verifik's whole list since it was sent holds none: may go back into the inbox, once confirmed. */
        NOT_LISTED("not listed by Verifik"),
        /** Several: one of them may be this row's, so it is not sent again. */
        SEVERAL("listed several times by Verifik"),
        /** No complete answer (an error, a 401/402/403, a list too long to read): nothing concluded. */
        NOT_LOOKED_UP("lookup without an answer"),
        /** Adopted or put back by an earlier retry --unknown, or not in the ledger: left as it is. */
        LEFT("left as it is");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public long rowNumber() {
        return row.rowNumber();
    }
}
