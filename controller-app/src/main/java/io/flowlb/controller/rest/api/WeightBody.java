package io.flowlb.controller.rest.api;

/** The body of {@code PUT /api/v1/members/{id}/weight}: {@code {"weight": 5}} (0-1000). Thread safety: immutable. */
public record WeightBody(Integer weight) {
}
