package io.flowlb.loadbalancer.model;

/**
 * A well-formed change that the current configuration forbids, such as deleting a pool that a
 * VIP still uses (HTTP 409 at the REST layer).
 *
 * <p>Thread safety: immutable.
 */
public final class ConflictException extends ModelException {
    public ConflictException(String field, String error) {
        super(field, error);
    }
}
