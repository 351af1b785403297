package io.flowlb.loadbalancer.model;

/**
 * A rejected configuration change, naming the offending field so that an API can answer
 * {@code {"error": error(), "field": field()}}.
 *
 * <p>Field names are the JSON names the REST API uses ({@code pool_id}, {@code weight},
 * {@code routers[1].mac}); {@link #error()} is a full sentence without the field name.
 *
 * <p>Thread safety: immutable.
 */
public abstract sealed class ModelException extends RuntimeException
        permits ValidationException, ConflictException, NotFoundException {
    private final String field;
    private final String error;

    ModelException(String field, String error) {
        super(field + ": " + error, null, false, false);
        this.field = field;
        this.error = error;
    }

    /** The JSON name of the field at fault. */
    public String field() {
        return field;
    }

    /** What is wrong, as a sentence that does not repeat the field name. */
    public String error() {
        return error;
    }
}
