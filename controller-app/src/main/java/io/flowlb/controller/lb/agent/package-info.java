/**
 * Load reports from the agents on back-end servers (the resource manager's raw input, WO 00/30294
 * item 52): intake of {@code POST /api/v1/agents/report}, validation, mapping to members, and the
 * last report per member for the resource manager and the REST API.
 *
 * <p>Design notes:
 * <ul>
 *   <li>A report names its member by {@code member_id}, or is matched by {@code address} and
 *       {@code port} to every member with that address whose port is that port or 0 (one server
 *       may be a member of several pools). A report that matches no member is refused with 422,
 *       the status the REST API gives every well-formed body that refers to an object that does
 *       not exist; a malformed one with 400. Both are counted per reason.</li>
 *   <li>Readings an agent cannot take are left out of its report and stay null here; the
 *       resource manager decides what a missing reading means.</li>
 *   <li>The intake keeps the newest report per member by {@code sent_at}; a report older than the
 *       one kept (a delayed retry) is acknowledged and counted as stale, not stored.</li>
 *   <li>Listeners run on the load-balancer control thread, where the resource manager keeps its
 *       member states.</li>
 * </ul>
 *
 * <p>Thread safety: the intake may be called from any thread (REST handlers); reports are
 * immutable.
 */
package io.flowlb.controller.lb.agent;
