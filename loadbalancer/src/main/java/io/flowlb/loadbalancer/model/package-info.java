/**
 * The load-balancer configuration model: VIPs, pools, members, monitors and router pools, and
 * {@link io.flowlb.loadbalancer.model.LbConfig}, the whole configuration as one immutable value.
 *
 * <p>Design notes:
 * <ul>
 *   <li>Every type is an immutable record (or value class) that checks itself in its compact
 *       constructor and throws {@link io.flowlb.loadbalancer.model.ValidationException} naming the
 *       field by its JSON name ({@code pool_id}, {@code routers[1].mac}); an API answers
 *       {@code {"error": ..., "field": ...}} from it. Conflicts
 *       ({@link io.flowlb.loadbalancer.model.ConflictException}) and unknown ids
 *       ({@link io.flowlb.loadbalancer.model.NotFoundException}) are separate types so the REST
 *       layer can map them to 409 and 404.</li>
 *   <li>Record components map one-to-one to JSON fields (camelCase here, snake_case on the wire),
 *       and a null optional component takes its documented default, so a JSON codec can build
 *       records straight from what it read. Identifiers are value types
 *       ({@link io.flowlb.loadbalancer.model.VipId}...), strings as in Floodlight's API.</li>
 *   <li>Addresses are primitives underneath: {@link io.flowlb.loadbalancer.model.MacAddress}
 *       is a {@code long}, {@link io.flowlb.loadbalancer.model.IpAddress} two {@code long}s in
 *       the IPv4-mapped layout of {@link io.flowlb.loadbalancer.packet.FlowKey}, so that
 *       compiling a configuration into the per-packet tables copies numbers and parses nothing.
 *       Nothing here is used on the per-packet path.</li>
 *   <li>Cross-object rules (a VIP names an existing pool, no two VIPs serve one address,
 *       protocol and port, DSR members keep the VIP's port...) live in one place,
 *       {@code ConfigValidator}, run by every {@code LbConfig} constructor; the
 *       {@code with...}/{@code without...} operations are pure and all-or-nothing.</li>
 *   <li>Overlapping VIPs on one address are allowed when their (protocol, port) differ, for
 *       example TCP 80 and ANY: the data plane matches the most specific one.</li>
 * </ul>
 *
 * <p>Thread safety: every type is immutable and may be shared between threads.
 */
package io.flowlb.loadbalancer.model;
