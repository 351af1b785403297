/**
 * The Floodlight-compatible load-balancer API under {@code /quantum/v1.0/}: Floodlight's paths,
 * methods and JSON field names, so that scripts written for Floodlight's LoadBalancer module
 * (its wiki's curl sequence included) work unchanged against flowlb.
 *
 * <p>What is the same as Floodlight:
 * <ul>
 *   <li>Routes: {@code vips/}, {@code vips/{vip}/}, {@code pools/}, {@code pools/{pool}/},
 *       {@code members/}, {@code members/{member}/}, {@code members/{member}/{weight}/},
 *       {@code pools/{pool}/members/}, {@code pools/{pool}/members/{member}/},
 *       {@code pools/{pool}/health_monitors/}, {@code pools/{pool}/health_monitors/{monitor}/},
 *       {@code pools/{pool}/stats/}, {@code health_monitors/}, {@code health_monitors/{monitor}/},
 *       {@code clear/}; the trailing slash is optional.</li>
 *   <li>POST and PUT both create or update (Floodlight's {@code @Put @Post}); a field left out of an
 *       update keeps its value. Bodies are read as JSON whatever the Content-Type (curl's
 *       {@code -d} sends {@code application/x-www-form-urlencoded}); values may be strings or
 *       numbers ({@code "port":"8"}); an empty string means "not given", as in Floodlight.</li>
 *   <li>Answers use Floodlight's field names ({@code vipId}, {@code lbMethod}, {@code poolId},
 *       {@code "Bytes In"}) and its {@code {"status": ...}} strings.</li>
 *   <li>{@code lb_method}: {@code RR} (or 1) is round robin, {@code WRR} (or 3) weighted round
 *       robin, {@code STATISTICS} (or 2) least connections: Floodlight's STATISTICS picks the
 *       member whose switch port carries the least traffic, a measurement of the network like
 *       flowlb's connection counts, rather than of the servers' own load.</li>
 *   <li>VIPs created here use NAT mode, as Floodlight rewrites the destination IP; a VIP of a
 *       protocol without ports (ICMP) gets port 0 whatever port it is given, and so do the members
 *       of its pool (Floodlight's wiki gives ICMP a port "8" that nothing uses).</li>
 * </ul>
 *
 * <p>Where flowlb is stricter or wider: a field Floodlight does not know is refused with 400 naming
 * it (Floodlight logged and ignored it); errors have a real status (400, 404, 409, 422) instead
 * of 200 with a null body; ids left out are the smallest free number instead of a random one;
 * a pool may have several monitors; a monitor's {@code name}, {@code address}, {@code
 * protocol} and {@code admin_state} are accepted but not kept (flowlb probes each member at its own
 * address); weights go from 0 to 1000 (Floodlight: 1 to 10); a pool's
 * members are listed as an array under {@code poolMembers} (Floodlight repeated the key). The
 * {@code health_monitors/all/...} and {@code health_monitors/monitors/{period}} switches of
 * Floodlight's monitoring thread are not provided: flowlb's monitors always run.
 *
 * <p>Thread safety: handlers are stateless; changes go through the control loop.
 */
package io.flowlb.controller.rest.floodlight;
