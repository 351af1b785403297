package io.flowlb.loadbalancer.filter;

import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.packet.ArpReplies;
import io.flowlb.loadbalancer.packet.BuildResult;
import io.flowlb.loadbalancer.packet.FlowKey;
import io.flowlb.loadbalancer.packet.IcmpEchoReplies;
import io.flowlb.loadbalancer.packet.IpProtocol;
import io.flowlb.loadbalancer.packet.NeighborAdvertisements;
import io.flowlb.loadbalancer.packet.PacketView;
import io.flowlb.loadbalancer.packet.ParseResult;
import io.flowlb.loadbalancer.packet.TcpResets;
import io.flowlb.loadbalancer.select.ConfigSnapshot;
import io.flowlb.loadbalancer.select.ConfigTable;
import io.flowlb.loadbalancer.select.Selector;
import io.flowlb.loadbalancer.select.SelectorCounters;
import io.flowlb.loadbalancer.select.ServiceTable;
import io.flowlb.loadbalancer.table.ConnectionTable;

import java.lang.foreign.MemorySegment;

/**
 * The packet filter of the load balancer (WO 00/30294, Fig. 6): one frame in, a {@link Verdict}
 * and a {@link FilterReason} out, with the frame rewritten in place or an answer written for it.
 *
 * <p>Steps, as the seed's flow chart:
 * <ol>
 *   <li>Parse. A malformed frame is dropped with its parse reason.</li>
 *   <li>Valid service entry? The destination (address, protocol, port) names a service of the
 *       active {@link ConfigSnapshot}. A VIP address with no service for the packet: a TCP segment
 *       gets a reset, an echo request an echo reply, anything else is dropped.</li>
 *   <li>New or known connection: the {@link Selector} finds the connection in the connection
 *       table (same member), or picks a member by Maglev and records it (a NAT connection under
 *       its reply key too). A mid-connection TCP packet without an entry is adopted by the same
 *       hash (consistent policy) or reset (strict policy, per service). A draining member keeps
 *       its connections and gets no new ones; a down member's connections are re-selected.</li>
 *   <li>Rewrite in place, with incremental checksums: DSR sets the destination MAC only; NAT also
 *       the destination address and port. A member's answer on a NAT connection gets the VIP back
 *       as source address and port, and the VIP's MAC as source MAC.</li>
 * </ol>
 * Besides, ARP requests and IPv6 neighbor solicitations for a VIP are answered with the VIP's MAC;
 * frames for the control addresses go to the control plane; everything else goes to the control
 * plane or is dropped, as {@link FilterSettings} says.
 *
 * <p>Protocols: TCP and UDP balance on the 5-tuple, in both modes. Any other IP protocol (ICMP,
 * ESP, GRE...) balances on (source, destination, protocol); in NAT mode only its address is
 * translated (so ICMP echo works through NAT by address). TCP and UDP fragments sent to a service
 * are dropped: the later fragments carry no ports to follow the first one. ICMP errors about a
 * connection are not matched to it.
 *
 * <p>Speed: the frame the filter sees most (untagged IPv4 without options, TCP or UDP, to a
 * service) is read by {@link FastFrame} with five 8-byte loads and rewritten with at most four
 * stores; every other frame, and anything that needs an answer built, goes through the full
 * {@link PacketView} parse. Both paths give the same result for the frames they share (tested).
 * The per-packet path allocates nothing, takes no lock and reads the active snapshot with one
 * acquire load per frame (a plain load on x86).
 *
 * <p>Thread safety: one owner thread, which owns the connection table too; the counters
 * ({@link #counters()}, {@link #selectorCounters()}, the table's) are readable from any thread.
 */
public final class PacketFilter {
    private final ConfigTable config;
    private final ConnectionTable table;
    private final Selector selector;
    private final boolean unmatchedToControl;
    private final long[] controlHi;
    private final long[] controlLo;
    private final boolean fastPath;
    private final FastFrame fast = new FastFrame();
    private final PacketView view = new PacketView();
    private final FlowKey key = new FlowKey();
    private final FlowKey forwardKey = new FlowKey();
    private final FilterCounters counters = new FilterCounters();

    public PacketFilter(ConfigTable config, ConnectionTable table, FilterSettings settings) {
        this(config, table, settings, true);
    }

    /** With {@code fastPath} false every frame takes the general path (tests compare the two). */
    PacketFilter(ConfigTable config, ConnectionTable table, FilterSettings settings, boolean fastPath) {
        this.fastPath = fastPath;
        this.config = config;
        this.table = table;
        this.selector = new Selector(table, settings.hashSeed(), settings.midConnection());
        this.unmatchedToControl = settings.unmatchedToControl();
        int n = settings.controlAddresses().size();
        this.controlHi = new long[n];
        this.controlLo = new long[n];
        for (int i = 0; i < n; i++) {
            IpAddress a = settings.controlAddresses().get(i);
            controlHi[i] = a.hi();
            controlLo[i] = a.lo();
        }
    }

    /**
     * Filters the frame of {@code length} bytes at {@code offset} in {@code segment}: rewrites it in
     * place ({@link Verdict#FORWARD}), or writes an answer into {@code out}'s reply buffer
     * ({@link Verdict#REPLY}), or leaves it alone ({@link Verdict#TO_CONTROL}, {@link Verdict#DROP}).
     * Returns the verdict; {@code out} holds the reason and the details.
     *
     * @param now the caller's clock in nanoseconds (connection-table timeouts)
     */
    public int filter(MemorySegment segment, long offset, int length, long now, FilterResult out) {
        out.clear();
        ConfigSnapshot snapshot = config.current();
        if (fastPath && fast.read(segment, offset, length, key)) {
            ServiceTable svc = snapshot.findService(key);
            if (svc != null) {
                return balance(svc, true, fast.tcpFlags(), now, out);
            }
        }
        return generalPath(segment, offset, length, snapshot, now, out);
    }

    /** Any frame, parsed in full by the packet view. */
    private int generalPath(MemorySegment segment, long offset, int length, ConfigSnapshot snapshot, long now,
                            FilterResult out) {
        PacketView v = view.wrap(segment, offset, length);
        int parsed = v.parse();
        if (parsed != ParseResult.OK && parsed != ParseResult.UNSUPPORTED) {
            return done(out, Verdict.DROP, FilterReason.malformed(parsed));
        }
        if (!v.extractKey(key)) {
            return notIp(snapshot, out);
        }
        if (key.protocol == IpProtocol.ICMPV6 && NeighborAdvertisements.isSolicitation(v)) {
            return solicitation(snapshot, out); // multicast, or unicast to the VIP (unreachability detection)
        }
        ServiceTable svc = snapshot.findService(key);
        if (svc == null) {
            return notServed(snapshot, now, out);
        }
        if (v.isFragment() && (key.protocol == IpProtocol.TCP || key.protocol == IpProtocol.UDP)) {
            return done(out, Verdict.DROP, FilterReason.FRAGMENT);
        }
        return balance(svc, false, v.tcpFlags(), now, out);
    }

    /** Steps 3 and 4 for a packet of a service, read by the fast path ({@code fastFrame}) or parsed by the view. */
    private int balance(ServiceTable svc, boolean fastFrame, int tcpFlags, long now, FilterResult out) {
        int member = selector.select(key, svc.id(), svc, tcpFlags, now);
        return member < 0 ? noMember(member, fastFrame, out) : forward(svc, member, fastFrame, out);
    }

    /**
     * Rewrites the frame for its member and counts it. Kept apart from {@link #balance}: when the
     * JIT runs out of inlining budget in the per-packet path (frame reads, probe), this is one call
     * whose own compilation inlines everything below it, not one call per accessor.
     */
    private int forward(ServiceTable svc, int member, boolean fastFrame, FilterResult out) {
        long mac = svc.mac(member);
        if (mac == 0) {
            return done(out, Verdict.DROP, FilterReason.MEMBER_MAC_UNKNOWN);
        }
        int port = svc.backendPort(member);
        port = port == ServiceTable.ALL ? PacketView.NONE : port;
        boolean nat = svc.mode() == ServiceTable.MODE_NAT;
        if (!fastFrame) {
            rewrite(svc, member, mac, nat, port);
        } else if (nat) {
            fast.natDestination(mac, (int) svc.addressLo(member), port);
        } else {
            fast.setEthDst(mac);
        }
        out.service = svc;
        out.member = member;
        return done(out, Verdict.FORWARD, selector.lastOutcome());
    }

    /** No member for the packet: a strict-policy reset (which needs the parsed frame), or a drop. */
    private int noMember(int member, boolean fastFrame, FilterResult out) {
        if (member != Selector.REJECT) {
            return done(out, Verdict.DROP, FilterReason.NO_BACKEND);
        }
        if (fastFrame) {
            view.wrap(fast.segment(), fast.base(), fast.length()).parse();
        }
        return refuse(FilterReason.NO_CONNECTION, out);
    }

    /** DSR: the destination MAC; NAT: also the address, and the port when the member has one (protocols without ports keep none). */
    private void rewrite(ServiceTable svc, int member, long mac, boolean nat, int port) {
        PacketView v = view;
        v.setEthDst(mac);
        if (!nat) {
            return;
        }
        if (v.ipVersion() == 4) {
            v.setIpv4DstAndPort((int) svc.addressLo(member), port);
        } else {
            v.setIpv6DstAndPort(svc.addressHi(member), svc.addressLo(member), port);
        }
    }

    /** An IP packet that matched no service: a VIP's unserved port, a NAT reply, control traffic or none of these. */
    private int notServed(ConfigSnapshot snapshot, long now, FilterResult out) {
        ServiceTable vip = snapshot.findAddress(key.dstHi, key.dstLo);
        if (vip != null) {
            return unservedPort(out);
        }
        if (isControl(key.dstHi, key.dstLo)) {
            return done(out, Verdict.TO_CONTROL, FilterReason.CONTROL_ADDRESS);
        }
        int slot = selector.reply(key, view.tcpFlags(), now);
        if (slot >= 0) {
            return natReply(snapshot, slot, out);
        }
        return unmatched(FilterReason.NOT_FOR_VIP, out);
    }

    /** A member's answer on a NAT connection: from the VIP again, as the client expects. */
    private int natReply(ConfigSnapshot snapshot, int slot, FilterResult out) {
        int zone = table.copyKey(slot, forwardKey);
        ServiceTable svc = snapshot.service(zone);
        if (svc == null) {
            return done(out, Verdict.DROP, FilterReason.NO_SERVICE);
        }
        PacketView v = view;
        if (svc.vipMac() != 0) {
            v.setEthSrc(svc.vipMac());
        }
        if (v.ipVersion() == 4) {
            v.setIpv4SrcAndPort((int) forwardKey.dstLo, forwardKey.dstPort);
        } else {
            v.setIpv6SrcAndPort(forwardKey.dstHi, forwardKey.dstLo, forwardKey.dstPort);
        }
        out.service = svc;
        out.member = svc.indexOf(table.backendKey(slot));
        return done(out, Verdict.FORWARD, FilterReason.NAT_REPLY);
    }

    /** To a VIP address on a protocol or port no service has: ping is answered, TCP reset, the rest dropped. */
    private int unservedPort(FilterResult out) {
        if (IcmpEchoReplies.isRequest(view)) {
            return answer(IcmpEchoReplies.write(view, out.replyBuffer(), out.replyOffset()), FilterReason.ECHO_REQUEST, out);
        }
        return refuse(FilterReason.NO_SERVICE, out);
    }

    /** A TCP RST for a TCP segment (not for a reset), a drop for anything else. */
    private int refuse(int reason, FilterResult out) {
        if (!view.isTcp()) {
            return done(out, Verdict.DROP, reason);
        }
        return answer(TcpResets.write(view, out.replyBuffer(), out.replyOffset()), reason, out);
    }

    /** Frames without an IP header: ARP requests for VIPs are answered, the rest is unmatched traffic. */
    private int notIp(ConfigSnapshot snapshot, FilterResult out) {
        PacketView v = view;
        if (!v.isArp()) {
            return unmatched(FilterReason.NOT_IP, out);
        }
        if (!ArpReplies.isRequest(v)) {
            return unmatched(FilterReason.NOT_FOR_VIP, out);
        }
        long lo = FlowKey.V4_MAPPED_LO_PREFIX | (v.arpTpa() & 0xffff_ffffL);
        ServiceTable vip = snapshot.findAddress(FlowKey.V4_MAPPED_HI, lo);
        if (vip != null && vip.vipMac() != 0) {
            int length = ArpReplies.write(v, vip.vipMac(), out.replyBuffer(), out.replyOffset());
            return answer(length, FilterReason.ARP_FOR_VIP, out);
        }
        return isControl(FlowKey.V4_MAPPED_HI, lo) ? done(out, Verdict.TO_CONTROL, FilterReason.CONTROL_ADDRESS)
                : unmatched(FilterReason.NOT_FOR_VIP, out);
    }

    /** An IPv6 neighbor solicitation: answered for a VIP, passed on for the control plane, else unmatched. */
    private int solicitation(ConfigSnapshot snapshot, FilterResult out) {
        long hi = NeighborAdvertisements.targetHi(view);
        long lo = NeighborAdvertisements.targetLo(view);
        ServiceTable vip = snapshot.findAddress(hi, lo);
        if (vip != null && vip.vipMac() != 0) {
            int length = NeighborAdvertisements.write(view, vip.vipMac(), out.replyBuffer(), out.replyOffset());
            return answer(length, FilterReason.SOLICITATION_FOR_VIP, out);
        }
        return isControl(hi, lo) ? done(out, Verdict.TO_CONTROL, FilterReason.CONTROL_ADDRESS)
                : unmatched(FilterReason.NOT_FOR_VIP, out);
    }

    private boolean isControl(long hi, long lo) {
        for (int i = 0; i < controlLo.length; i++) {
            if (controlLo[i] == lo && controlHi[i] == hi) {
                return true;
            }
        }
        return false;
    }

    private int unmatched(int reason, FilterResult out) {
        return done(out, unmatchedToControl ? Verdict.TO_CONTROL : Verdict.DROP, reason);
    }

    /** A REPLY of {@code length} bytes, or a drop when the builder wrote nothing. */
    private int answer(int length, int reason, FilterResult out) {
        if (length >= 0) {
            out.replyLength = length;
            return done(out, Verdict.REPLY, reason);
        }
        return done(out, Verdict.DROP, length == BuildResult.NO_ROOM ? FilterReason.NO_ROOM : reason);
    }

    private int done(FilterResult out, int verdict, int reason) {
        out.verdict = verdict;
        out.reason = reason;
        counters.count(verdict, reason);
        return verdict;
    }

    /** Packets per verdict and per reason. */
    public FilterCounters counters() {
        return counters;
    }

    /** Connections picked, hit, adopted, re-selected, refused (the selector's view). */
    public SelectorCounters selectorCounters() {
        return selector.counters();
    }

    public ConnectionTable table() {
        return table;
    }
}
