/**
 * The controller's HTTP face: the native REST API ({@code /api/v1}), the Floodlight-compatible
 * API ({@code /quantum/v1.0}), {@code /metrics}, the OpenAPI document and the web dashboard, all
 * served by {@link io.flowlb.controller.rest.RestServer}.
 *
 * <p>Design notes:
 * <ul>
 *   <li>The JDK's {@code HttpServer} with one virtual thread per request: no extra dependency,
 *       and handlers may simply wait for the control loop's futures.</li>
 *   <li>A tiny {@link io.flowlb.controller.rest.Router} of method and path pattern; each route
 *       carries its documentation, from which the OpenAPI document is generated, so the two
 *       cannot drift apart.</li>
 *   <li>Resources are thin: decode the body into the model's records (which validate
 *       themselves), call {@code LbService}, encode the answer. Exceptions become statuses in one
 *       place ({@link io.flowlb.controller.rest.RestServer} and
 *       {@link io.flowlb.controller.rest.Await}): 400 for a request wrong in itself, 422 for one
 *       the configuration rejects, 404, 409, 401, 405, 413, 415, 503/504; every error body is
 *       {@code {"error": ..., "field": ...}}.</li>
 * </ul>
 *
 * <p>Thread safety: the router and settings are immutable after start; requests run
 * concurrently.
 */
package io.flowlb.controller.rest;
