package io.flowlb.controller.lb.install;

import io.flowlb.controller.openflow.AppCookie;
import io.flowlb.loadbalancer.model.IpAddress;
import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDelete;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.oxm.OFOxm;
import org.projectfloodlight.openflow.types.ArpOpcode;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.ICMPv4Type;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IPv6Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;
import org.projectfloodlight.openflow.types.U16;
import org.projectfloodlight.openflow.types.U8;

/**
 * Turns plans into OpenFlow 1.3 messages: the one place that knows OpenFlowJ's builders, so the
 * planner and its tests deal in plain data. Match prerequisites (ethertype, IP protocol) are
 * added here, because OpenFlowJ silently drops a field whose prerequisite is missing.
 *
 * <p>Thread safety: stateless apart from the factory, which is immutable.
 */
public final class OfEncoder {
    private final OFFactory f;

    public OfEncoder(OFFactory factory) {
        this.f = factory;
    }

    /** The messages of a diff, in the order that keeps every flow's group present. */
    public List<OFMessage> encode(PlanDiff d) {
        List<OFMessage> out = new ArrayList<>(d.size());
        for (GroupSpec g : d.groupAdds()) {
            out.add(f.buildGroupAdd().setGroup(OFGroup.of(g.groupId())).setGroupType(OFGroupType.SELECT)
                    .setBuckets(buckets(g)).build());
        }
        for (GroupSpec g : d.groupModifies()) {
            out.add(f.buildGroupModify().setGroup(OFGroup.of(g.groupId())).setGroupType(OFGroupType.SELECT)
                    .setBuckets(buckets(g)).build());
        }
        for (FlowSpec s : d.flowAdds()) {
            out.add(flowAdd(s));
        }
        for (FlowSpec s : d.flowDeletes()) {
            out.add(flowDeleteStrict(s));
        }
        for (GroupSpec g : d.groupDeletes()) {
            out.add(groupDelete(g.groupId()));
        }
        return out;
    }

    public OFFlowAdd flowAdd(FlowSpec s) {
        return f.buildFlowAdd()
                .setTableId(TableId.of(s.table()))
                .setPriority(s.priority())
                .setCookie(U64.of(s.cookie()))
                .setIdleTimeout(s.idleTimeout())
                .setMatch(match(s.match()))
                .setInstructions(instructions(s.actions()))
                .build();
    }

    public OFFlowDeleteStrict flowDeleteStrict(FlowSpec s) {
        return f.buildFlowDeleteStrict()
                .setTableId(TableId.of(s.table()))
                .setPriority(s.priority())
                .setMatch(match(s.match()))
                .setCookie(U64.of(s.cookie()))
                .setCookieMask(U64.NO_MASK)
                .setOutPort(OFPort.ANY)
                .setOutGroup(OFGroup.ANY)
                .build();
    }

    /** Deletes every flow in {@code table} whose cookie equals {@code cookie} under {@code mask}. */
    public OFFlowDelete flowDeleteByCookie(int table, long cookie, long mask) {
        return flowDelete(table, null, cookie, mask);
    }

    /**
     * Deletes every flow in {@code table} at least as specific as {@code match} (all when null)
     * whose cookie equals {@code cookie} under {@code mask}.
     */
    public OFFlowDelete flowDelete(int table, LbMatch match, long cookie, long mask) {
        return f.buildFlowDelete()
                .setTableId(TableId.of(table))
                .setMatch(match == null ? f.matchWildcardAll() : match(match))
                .setCookie(U64.of(cookie))
                .setCookieMask(U64.of(mask))
                .setOutPort(OFPort.ANY)
                .setOutGroup(OFGroup.ANY)
                .build();
    }

    /** Deletes every load-balancer flow of the classifier table. */
    public OFFlowDelete deleteAllFlows() {
        return flowDeleteByCookie(0, LbCookie.all(), AppCookie.APP_MASK);
    }

    public OFMessage groupDelete(int groupId) {
        return f.buildGroupDelete().setGroup(OFGroup.of(groupId)).setGroupType(OFGroupType.SELECT).build();
    }

    private List<OFBucket> buckets(GroupSpec g) {
        List<OFBucket> out = new ArrayList<>(g.buckets().size());
        for (GroupSpec.Bucket b : g.buckets()) {
            out.add(f.buildBucket()
                    .setWeight(b.weight())
                    .setWatchPort(b.watchPort().toOfPort())
                    .setWatchGroup(OFGroup.ANY)
                    .setActions(actions(b.actions()))
                    .build());
        }
        return out;
    }

    private List<OFInstruction> instructions(List<LbAction> actions) {
        List<OFInstruction> out = new ArrayList<>(2);
        List<LbAction> apply = actions;
        LbAction.GotoTable go = null;
        if (!actions.isEmpty() && actions.get(actions.size() - 1) instanceof LbAction.GotoTable g) {
            go = g;
            apply = actions.subList(0, actions.size() - 1);
        }
        if (!apply.isEmpty()) {
            out.add(f.instructions().applyActions(actions(apply)));
        }
        if (go != null) {
            out.add(f.instructions().gotoTable(TableId.of(go.table())));
        }
        return out;
    }

    /** Actions of a flow or a bucket (no goto_table). */
    public List<OFAction> actions(List<LbAction> actions) {
        List<OFAction> out = new ArrayList<>(actions.size());
        for (LbAction a : actions) {
            out.add(switch (a) {
                case LbAction.SetEthSrc s -> f.actions().setField(f.oxms().ethSrc(MacAddress.of(s.mac().value())));
                case LbAction.SetEthDst s -> f.actions().setField(f.oxms().ethDst(MacAddress.of(s.mac().value())));
                case LbAction.SetIpSrc s -> f.actions().setField(ipSrc(s.address()));
                case LbAction.SetIpDst s -> f.actions().setField(ipDst(s.address()));
                case LbAction.SetTpSrc s -> f.actions().setField(port(s.ipProto(), s.port(), true));
                case LbAction.SetTpDst s -> f.actions().setField(port(s.ipProto(), s.port(), false));
                case LbAction.Output o -> f.actions().buildOutput().setPort(o.port().toOfPort()).setMaxLen(0xffff)
                        .build();
                case LbAction.ToController c -> f.actions().buildOutput().setPort(OFPort.CONTROLLER)
                        .setMaxLen(0xffff).build();
                case LbAction.Group g -> f.actions().group(OFGroup.of(g.groupId()));
                case LbAction.GotoTable g -> throw new IllegalArgumentException("goto_table in an action list");
            });
        }
        return out;
    }

    private OFOxm<?> ipSrc(IpAddress a) {
        return a.isV4() ? f.oxms().ipv4Src(v4(a)) : f.oxms().ipv6Src(v6(a));
    }

    private OFOxm<?> ipDst(IpAddress a) {
        return a.isV4() ? f.oxms().ipv4Dst(v4(a)) : f.oxms().ipv6Dst(v6(a));
    }

    private OFOxm<?> port(int ipProto, int port, boolean source) {
        TransportPort p = TransportPort.of(port);
        return switch (ipProto) {
            case LbMatch.PROTO_TCP -> source ? f.oxms().tcpSrc(p) : f.oxms().tcpDst(p);
            case LbMatch.PROTO_UDP -> source ? f.oxms().udpSrc(p) : f.oxms().udpDst(p);
            case 132 -> source ? f.oxms().sctpSrc(p) : f.oxms().sctpDst(p);
            default -> throw new IllegalArgumentException("IP protocol " + ipProto + " has no ports");
        };
    }

    public Match match(LbMatch m) {
        Match.Builder b = f.buildMatch();
        int ethType = m.ethType();
        if (ethType == LbMatch.ANY && (m.ipDst() != null || m.ipSrc() != null)) {
            ethType = LbMatch.familyOf(m.ipDst() != null ? m.ipDst() : m.ipSrc());
        }
        if (ethType != LbMatch.ANY) {
            b.setExact(MatchField.ETH_TYPE, EthType.of(ethType));
        }
        if (m.ethDst() != null) {
            b.setExact(MatchField.ETH_DST, MacAddress.of(m.ethDst().value()));
        }
        if (ethType == LbMatch.ETH_ARP) {
            arp(b, m);
            return b.build();
        }
        if (m.ipProto() != LbMatch.ANY) {
            b.setExact(MatchField.IP_PROTO, IpProtocol.of((short) m.ipProto()));
        }
        if (m.ipSrc() != null) {
            if (m.ipSrc().isV4()) {
                b.setExact(MatchField.IPV4_SRC, v4(m.ipSrc()));
            } else {
                b.setExact(MatchField.IPV6_SRC, v6(m.ipSrc()));
            }
        }
        if (m.ipDst() != null) {
            if (m.ipDst().isV4()) {
                b.setExact(MatchField.IPV4_DST, v4(m.ipDst()));
            } else {
                b.setExact(MatchField.IPV6_DST, v6(m.ipDst()));
            }
        }
        ports(b, m);
        icmp(b, m, ethType);
        if (m.pureSyn()) {
            b.setMasked(MatchField.OVS_TCP_FLAGS, U16.of(TCP_SYN), U16.of(TCP_SYN | TCP_ACK));
        }
        return b.build();
    }

    private static final int TCP_SYN = 0x002;
    private static final int TCP_ACK = 0x010;

    private static void arp(Match.Builder b, LbMatch m) {
        if (m.arpOp() != LbMatch.ANY) {
            b.setExact(MatchField.ARP_OP, ArpOpcode.of(m.arpOp()));
        }
        if (m.arpSpa() != null) {
            b.setExact(MatchField.ARP_SPA, v4(m.arpSpa()));
        }
        if (m.arpTpa() != null) {
            b.setExact(MatchField.ARP_TPA, v4(m.arpTpa()));
        }
    }

    private static void ports(Match.Builder b, LbMatch m) {
        if (m.tpSrc() == LbMatch.ANY && m.tpDst() == LbMatch.ANY) {
            return;
        }
        MatchField<TransportPort> src;
        MatchField<TransportPort> dst;
        switch (m.ipProto()) {
            case LbMatch.PROTO_TCP -> {
                src = MatchField.TCP_SRC;
                dst = MatchField.TCP_DST;
            }
            case LbMatch.PROTO_UDP -> {
                src = MatchField.UDP_SRC;
                dst = MatchField.UDP_DST;
            }
            case 132 -> {
                src = MatchField.SCTP_SRC;
                dst = MatchField.SCTP_DST;
            }
            default -> throw new IllegalArgumentException("ports need TCP, UDP or SCTP: " + m);
        }
        if (m.tpSrc() != LbMatch.ANY) {
            b.setExact(src, TransportPort.of(m.tpSrc()));
        }
        if (m.tpDst() != LbMatch.ANY) {
            b.setExact(dst, TransportPort.of(m.tpDst()));
        }
    }

    private static void icmp(Match.Builder b, LbMatch m, int ethType) {
        if (m.icmpType() != LbMatch.ANY) {
            if (ethType == LbMatch.ETH_IPV6) {
                b.setExact(MatchField.ICMPV6_TYPE, U8.of((short) m.icmpType()));
            } else {
                b.setExact(MatchField.ICMPV4_TYPE, ICMPv4Type.of((short) m.icmpType()));
            }
        }
        if (m.ndTarget() != null) {
            b.setExact(MatchField.IPV6_ND_TARGET, v6(m.ndTarget()));
        }
    }

    static IPv4Address v4(IpAddress a) {
        return IPv4Address.of(a.v4());
    }

    static IPv6Address v6(IpAddress a) {
        return IPv6Address.of(a.hi(), a.lo());
    }
}
