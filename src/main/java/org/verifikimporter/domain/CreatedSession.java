package org.verifikimporter.domain;

/** What a successful create returned. {@code url} may be null (shape A carries none). */
public record CreatedSession(String validationId, String status, String url) {
}
