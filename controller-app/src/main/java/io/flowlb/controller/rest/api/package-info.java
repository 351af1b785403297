/**
 * The native REST API under {@code /api/v1}, plus {@code /metrics}, the OpenAPI document and the
 * dashboard's files; {@link io.flowlb.controller.rest.api.RestApi} assembles them with the
 * Floodlight-compatible API into one route table.
 *
 * <p>Route table (every write needs the bearer token when one is configured):
 * <pre>
 * GET    /api/v1/{vips|pools|members|monitors|router-pools}        list, in id order
 * POST   /api/v1/{kind}                 create: 201 + Location; 409 if the id exists; no id: next free number
 * GET    /api/v1/{kind}/{id}            one, or 404
 * PUT    /api/v1/{kind}/{id}            create or replace with the whole body
 * DELETE /api/v1/{kind}/{id}            delete (answers the object); 409 while in use
 * PUT    /api/v1/members/{id}/weight        {"weight": 0..1000}
 * PUT    /api/v1/members/{id}/admin-state   {"admin_state": "up"|"drain"|"maint"}
 * GET    /api/v1/pools/{id}/members
 * GET    /api/v1/config                 the whole configuration (the state file's format)
 * PUT    /api/v1/config                 replace it in one change
 * GET    /api/v1/distribution           every VIP: member, weight, health, share, connections, traffic
 * GET    /api/v1/vips/{id}/distribution
 * GET    /api/v1/switches[/{dpid}[/ports|/flows|/groups]], /api/v1/hosts, /api/v1/connections
 * GET    /api/v1/agents[/{member_id}]   last agent report per member
 * POST   /api/v1/agents/report          an agent's report: 202; 400 malformed; 422 no such member
 * GET    /api/v1/openapi.json, /metrics, /, /web/{file}
 * </pre>
 *
 * <p>Statuses: 400 for a request wrong in itself (not JSON, unknown field, wrong type, out of
 * range, missing field), 422 for a valid request the configuration rejects (unknown reference,
 * clashing VIPs), 404 for an unknown id in the URL, 409 for a duplicate id or an object in use,
 * 401/405/413/415 as HTTP says, 503 when the change could not be saved or the control loop is
 * unavailable; every error body is {@code {"error": ..., "field": ...}}.
 *
 * <p>Thread safety: resources are stateless; every change goes through the control loop.
 */
package io.flowlb.controller.rest.api;
