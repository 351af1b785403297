package io.flowlb.controller.rest.api;

import io.flowlb.loadbalancer.model.AdminState;

/** The body of {@code PUT /api/v1/members/{id}/admin-state}: {@code {"admin_state": "drain"}} (up, drain, maint).
 * Thread safety: immutable. */
public record AdminStateBody(AdminState adminState) {
}
