package org.verifikimporter.reconcile;

/**
 * How the lookup reaches Verifik's list of biometric validations ({@code GET /v2/biometric-validations}),
 * one page at a time. The importer's implementation sends each page through the same call slots, pace and
 * HTTP client as a create, so a 429 has already slowed (or held) every call by the time it is returned here.
 */
public interface ListPages {

    /** Verifik's answer to one page: its HTTP status and its body, empty when it has none. */
    record Page(int status, String body) {
    }

    /**
     * @param query the query string, already encoded
     * @throws InterruptedException when the importer stopped while the page waited for its turn
     * @throws Exception            when no answer came (a timeout, a connection that failed)
     */
    Page fetch(String query) throws Exception;
}
