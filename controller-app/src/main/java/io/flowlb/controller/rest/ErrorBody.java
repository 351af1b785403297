package io.flowlb.controller.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error answer: {@code {"error": "...", "field": "pool_id"}}, with
 * {@code "field": null} when no single field is at fault. Floodlight-compatible routes add
 * Floodlight's {@code "status"} string.
 *
 * <p>Thread safety: immutable.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ErrorBody(String error, String field) {

    /** The Floodlight-compatible form. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WithStatus(String status, String error, String field) {
    }
}
