package io.flowlb.loadbalancer.model;

/**
 * An operation named an object that the configuration does not hold (HTTP 404 at the REST
 * layer). The field is the one that carried the identifier, usually {@code id}.
 *
 * <p>Thread safety: immutable.
 */
public final class NotFoundException extends ModelException {
    public NotFoundException(String field, String error) {
        super(field, error);
    }
}
