package io.flowlb.loadbalancer.model;

/**
 * A value that is malformed, out of range, or refers to something that does not exist
 * (HTTP 400/422 at the REST layer).
 *
 * <p>Thread safety: immutable.
 */
public final class ValidationException extends ModelException {
    public ValidationException(String field, String error) {
        super(field, error);
    }
}
