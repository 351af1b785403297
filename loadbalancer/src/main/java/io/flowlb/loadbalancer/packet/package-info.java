/**
 * Packet views: zero-allocation flyweights over Ethernet frames in {@code java.lang.foreign}
 * memory, in-place header rewrites with incremental checksums, and builders for the frames the
 * switch answers by itself.
 *
 * <h2>Why flyweights</h2>
 * A frame lives where the kernel put it: a slot of an mmap'd AF_PACKET ring (tests use heap or
 * arena segments). {@link io.flowlb.loadbalancer.packet.PacketView} is one reusable object per
 * thread that is pointed at {@code (segment, offset, length)}, parses the headers once and then
 * reads and writes fields directly in that memory. Nothing is copied or allocated per packet, so
 * the per-packet path produces no garbage and no GC pauses, and a frame can be forwarded from
 * the slot it arrived in.
 *
 * <h2>Offsets as ints</h2>
 * After {@code parse()} the view holds the L3, L4 and payload offsets as {@code int}s relative to
 * the start of the frame, as Open vSwitch's {@code dp_packet} does: every later access is
 * {@code base + offset + field}, with no re-parsing and no pointer chasing. Fields are read and
 * written through big-endian {@code VarHandle}s ({@link io.flowlb.loadbalancer.packet.BigEndian}).
 * Frames are at most 64 KiB (GSO super-frames), so {@code int} offsets always suffice.
 *
 * <h2>Malformed input</h2>
 * Parsing never throws: it returns a {@link io.flowlb.loadbalancer.packet.ParseResult} code
 * (truncated at some layer, bad IHL, bad lengths, bad IPv6 extension chain...) that the caller
 * counts and drops on. An accessor of a layer that did not parse returns a neutral value, and a
 * setter of such a layer does nothing, so no access ever leaves the frame.
 *
 * <h2>Checksums</h2>
 * Rewrites (MAC, IPv4 / IPv6 address, TCP / UDP port, TTL, DSCP, VLAN) update every checksum that
 * covers the field with RFC 1624's {@code HC' = ~(~HC + ~m + m')}, so a NAT rewrite costs a few
 * nanoseconds whatever the packet size and agrees bit for bit with a full recomputation (the
 * tests check that on random frames). IPv4 UDP checksum 0 ("none") stays 0; a UDP checksum that
 * computes to 0 is written 0xffff. Full computation ({@link io.flowlb.loadbalancer.packet.Checksums})
 * sums eight bytes per step in a {@code long} and folds once; the switch uses it to complete the
 * partial checksums veth hands over (CHECKSUM_PARTIAL) and for the frames it builds.
 *
 * <h2>Frames the switch writes</h2>
 * {@link io.flowlb.loadbalancer.packet.ArpReplies}, {@link io.flowlb.loadbalancer.packet.TcpResets},
 * {@link io.flowlb.loadbalancer.packet.IcmpEchoReplies} and
 * {@link io.flowlb.loadbalancer.packet.NeighborAdvertisements} answer a parsed request into caller
 * memory (or in place, in the request's own slot), allocate nothing and return the frame length
 * or a negative {@link io.flowlb.loadbalancer.packet.BuildResult}.
 * {@link io.flowlb.loadbalancer.packet.TcpSegmenter} cuts TSO/GSO super-frames into MSS-sized
 * segments the same way; {@link io.flowlb.loadbalancer.packet.VlanTags} pushes or pops a tag
 * while copying. {@link io.flowlb.loadbalancer.packet.FrameBuilder} builds any frame from
 * parameters for tests, health probes and the control plane; it allocates and is not for the
 * per-packet path.
 *
 * <h2>Thread safety</h2>
 * A view, like a {@link io.flowlb.loadbalancer.packet.FlowKey}, belongs to one thread (a switch
 * poller, a test) and is rewrapped for every frame; the frame memory it points at is that
 * thread's for the duration. The static helpers are stateless.
 */
package io.flowlb.loadbalancer.packet;
