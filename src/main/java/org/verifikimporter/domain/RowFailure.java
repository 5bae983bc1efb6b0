package org.verifikimporter.domain;

/**
 * Why a row was not created. {@code code} is an {@link ErrorCode} name, the API's own code, or
 * {@code HTTP_<status>}; {@code httpStatus} is null when no answer came back.
 */
public record RowFailure(String code, String message, Integer httpStatus, boolean retryable) {

    public static RowFailure of(ErrorCode code, String message) {
        return new RowFailure(code.name(), message, null, code.retryable());
    }

    public static RowFailure of(ErrorCode code, String message, Integer httpStatus) {
        return new RowFailure(code.name(), message, httpStatus, code.retryable());
    }
}
