package io.flowlb.controller.view;

import io.flowlb.controller.openflow.AppCookie;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.SwitchService;
import io.flowlb.controller.topology.Host;
import io.flowlb.controller.topology.HostService;
import io.flowlb.controller.view.NetworkView.ConnectionInfo;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.Vip;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionSetDlDst;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.action.OFActionSetNwDst;
import org.projectfloodlight.openflow.protocol.action.OFActionSetTpDst;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * A sample of the load-balanced connections the switches hold, read from their flow tables:
 * the per-connection flows the load balancer installs in reactive mode (cookie kind
 * "connection"), each giving client, VIP, member, packets, bytes and age.
 *
 * <p>What OpenFlow cannot show: with SELECT groups (proactive mode) a switch picks the member
 * per connection inside the group; Open vSwitch keeps no per-connection flow for it, and
 * flow-switch keeps the choice in its own connection table, which OpenFlow has no message to
 * read. The sample then holds only the reactive VIPs' connections (often none); the
 * distribution view's per-member counters are the place to look.
 *
 * <p>Thread safety: stateless apart from thread-safe suppliers; callable from any thread.
 */
public final class ConnectionSampler {
    /** The load balancer's cookie for per-connection flows: application id, then kind 8 ("connection"). */
    static final long CONNECTION_COOKIE = AppCookie.of(AppCookie.LOAD_BALANCER, 8L << 40).getValue();
    /** Selects application and kind. */
    static final long KIND_MASK = 0xffff_ff00_0000_0000L;

    private final Supplier<LbConfig> config;
    private final HostService hosts;
    private final int max;

    /**
     * @param config the current load-balancer configuration (VIP and member addresses)
     * @param hosts where a member reached by MAC only (DSR) is found by address
     * @param max the largest sample returned
     */
    public ConnectionSampler(Supplier<LbConfig> config, HostService hosts, int max) {
        this.config = config;
        this.hosts = hosts;
        this.max = max;
    }

    /** Asks every switch for its connection flows; completes with up to {@code max} of them. */
    public CompletableFuture<List<ConnectionInfo>> sample(SwitchService switches) {
        List<CompletableFuture<List<ConnectionInfo>>> parts = new ArrayList<>();
        for (OfSwitch sw : switches.switches()) {
            parts.add(switches.requestMultipart(sw.dpid(), SwitchNetworkView.allFlows(sw.factory(),
                    new long[] {CONNECTION_COOKIE, KIND_MASK})).thenApply(r -> read(sw, r)));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<ConnectionInfo> out = new ArrayList<>();
            for (CompletableFuture<List<ConnectionInfo>> p : parts) {
                for (ConnectionInfo c : p.join()) {
                    if (out.size() < max) {
                        out.add(c);
                    }
                }
            }
            return out;
        });
    }

    /** The forward flows (client to VIP) of one switch's reply as connections. */
    List<ConnectionInfo> read(OfSwitch sw, List<OFFlowStatsReply> replies) {
        LbConfig c = config.get();
        Map<IpAddress, Vip> vips = new HashMap<>();
        for (Vip v : c.vips().values()) {
            vips.putIfAbsent(v.address(), v);
        }
        List<ConnectionInfo> out = new ArrayList<>();
        for (OFFlowStatsReply r : replies) {
            for (OFFlowStatsEntry e : r.getEntries()) {
                if ((e.getCookie().getValue() & KIND_MASK) != CONNECTION_COOKIE || out.size() >= max) {
                    continue;
                }
                Match m = e.getMatch();
                IpAddress dst = address(m, true);
                if (dst == null || !vips.containsKey(dst)) {
                    continue;
                }
                int vipPort = port(m, false);
                long ageMillis = e.getDurationSec() * 1000 + e.getDurationNsec() / 1_000_000;
                out.add(new ConnectionInfo(sw.dpid().toString(), protocol(m), endpoint(address(m, false), port(m, true)),
                        endpoint(dst, vipPort), member(c, actions(e), vipPort), SwitchNetworkView.v(e.getPacketCount()),
                        SwitchNetworkView.v(e.getByteCount()), ageMillis));
            }
        }
        return out;
    }

    private static List<OFAction> actions(OFFlowStatsEntry e) {
        if (e.getVersion() == OFVersion.OF_10) {
            return e.getActions();
        }
        List<OFAction> all = new ArrayList<>();
        for (OFInstruction i : e.getInstructions()) {
            if (i instanceof OFInstructionApplyActions a) {
                all.addAll(a.getActions());
            }
        }
        return all;
    }

    /**
     * The member the flow rewrites to, found by its address (NAT) or by the host of its MAC (DSR):
     * its id, or its address and port when no member of the configuration has them (or its MAC
     * when not even the address is known).
     */
    private String member(LbConfig c, List<OFAction> actions, int vipPort) {
        IpAddress ip = null;
        MacAddress mac = null;
        int port = vipPort;
        for (OFAction a : actions) {
            switch (a) {
                case OFActionSetField s -> {
                    Object v = s.getField().getValue();
                    MatchField<?> f = s.getField().getMatchField();
                    if (f == MatchField.IPV4_DST || f == MatchField.IPV6_DST) {
                        ip = IpAddress.parse(v.toString());
                    } else if (f == MatchField.ETH_DST) {
                        mac = (MacAddress) v;
                    } else if (f == MatchField.TCP_DST || f == MatchField.UDP_DST || f == MatchField.SCTP_DST) {
                        port = Integer.parseInt(v.toString());
                    }
                }
                case OFActionSetNwDst s -> ip = IpAddress.parse(s.getNwAddr().toString());
                case OFActionSetDlDst s -> mac = s.getDlAddr();
                case OFActionSetTpDst s -> port = s.getTpPort().getPort();
                default -> { }
            }
        }
        if (ip == null && mac != null) {
            ip = memberAddressOf(c, hosts.host(mac));
        }
        if (ip == null) {
            return mac == null ? "" : mac.toString();
        }
        Member byAddress = null;
        for (Member m : c.members().values()) {
            if (m.address().equals(ip) && (byAddress == null || m.port() == port)) {
                byAddress = m;
            }
        }
        return byAddress != null ? byAddress.id().value() : endpoint(ip, port);
    }

    private static IpAddress memberAddressOf(LbConfig c, Host h) {
        if (h == null) {
            return null;
        }
        for (Member m : c.members().values()) {
            for (var ip : h.ips()) {
                if (m.address().equals(IpAddress.parse(ip.toString()))) {
                    return m.address();
                }
            }
        }
        return null;
    }

    private static IpAddress address(Match m, boolean dst) {
        MatchField<?> v4 = dst ? MatchField.IPV4_DST : MatchField.IPV4_SRC;
        MatchField<?> v6 = dst ? MatchField.IPV6_DST : MatchField.IPV6_SRC;
        if (m.isExact(v4)) {
            return IpAddress.parse(m.get(v4).toString());
        }
        return m.isExact(v6) ? IpAddress.parse(m.get(v6).toString()) : null;
    }

    /** The exact TCP, UDP or SCTP port of the match, or -1. */
    private static int port(Match m, boolean src) {
        for (MatchField<?> f : src ? List.of(MatchField.TCP_SRC, MatchField.UDP_SRC, MatchField.SCTP_SRC)
                : List.of(MatchField.TCP_DST, MatchField.UDP_DST, MatchField.SCTP_DST)) {
            if (m.isExact(f)) {
                return Integer.parseInt(m.get(f).toString());
            }
        }
        return -1;
    }

    private static String protocol(Match m) {
        if (!m.isExact(MatchField.IP_PROTO)) {
            return "ip";
        }
        IpProtocol p = m.get(MatchField.IP_PROTO);
        return p.equals(IpProtocol.TCP) ? "tcp" : p.equals(IpProtocol.UDP) ? "udp" : p.equals(IpProtocol.SCTP) ? "sctp"
                : p.equals(IpProtocol.ICMP) || p.equals(IpProtocol.IPv6_ICMP) ? "icmp"
                : Short.toString(p.getIpProtocolNumber());
    }

    /** {@code 10.0.0.1:80}, {@code [fd00::1]:80}, or the bare address when there is no port. */
    private static String endpoint(IpAddress ip, int port) {
        if (ip == null) {
            return "";
        }
        String a = ip.isV4() ? ip.toString() : "[" + ip + "]";
        return port < 0 ? ip.toString() : a + ":" + port;
    }
}
