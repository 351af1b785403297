package io.flowlb.controller.rest;

/**
 * An HTTP error answer: the status, the JSON field at fault (or null) and a sentence, sent as
 * {@code {"error": ..., "field": ...}}. Thrown by handlers and by the request helpers.
 *
 * <p>Thread safety: immutable.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String field;
    private final String error;

    public ApiException(int status, String field, String error) {
        super(status + (field == null ? "" : " " + field) + ": " + error, null, false, false);
        this.status = status;
        this.field = field;
        this.error = error;
    }

    public static ApiException badRequest(String field, String error) {
        return new ApiException(400, field, error);
    }

    public static ApiException notFound(String field, String error) {
        return new ApiException(404, field, error);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public String error() {
        return error;
    }
}
