package org.verifikimporter.track;

import org.verifikimporter.reconcile.ListPages;

/**
 * How a tracking pass reads statuses from Verifik: a page of the list ({@code GET /v2/biometric-validations})
 * or one validation ({@code GET /v2/biometric-validations/{id}}). The importer's implementation sends each
 * through the same call slots, pace and HTTP client as a create (DESIGN section 8).
 */
public interface StatusReads {

    /** @param query the query string, already encoded */
    ListPages.Page list(String query) throws Exception;

    /** @param validationId Verifik's {@code _id}, not encoded */
    ListPages.Page one(String validationId) throws Exception;
}
