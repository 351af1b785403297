package io.flowlb.controller.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionGroup;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionPushVlan;
import org.projectfloodlight.openflow.protocol.action.OFActionSetDlDst;
import org.projectfloodlight.openflow.protocol.action.OFActionSetDlSrc;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.action.OFActionSetNwDst;
import org.projectfloodlight.openflow.protocol.action.OFActionSetNwSrc;
import org.projectfloodlight.openflow.protocol.action.OFActionSetTpDst;
import org.projectfloodlight.openflow.protocol.action.OFActionSetTpSrc;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionGotoTable;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionMeter;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionWriteActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionWriteMetadata;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.match.MatchFields;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.Masked;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.OFVlanVidMatch;

/**
 * Flow matches, actions, instructions and group buckets as {@code ovs-ofctl dump-flows} and
 * {@code dump-groups} print them ({@code tcp,in_port=1,nw_dst=10.0.0.100,tp_dst=80},
 * {@code set_field:02:00:00:00:00:01->eth_dst,output:2}), so that what the REST API shows can be
 * compared with what a user sees on an Open vSwitch bridge.
 *
 * <p>Thread safety: stateless.
 */
public final class OfText {
    /** ovs-ofctl's names for the fields that it does not print under their OXM name. */
    private static final Map<MatchFields, String> NAMES = Map.ofEntries(
            Map.entry(MatchFields.ETH_SRC, "dl_src"), Map.entry(MatchFields.ETH_DST, "dl_dst"),
            Map.entry(MatchFields.ETH_TYPE, "dl_type"), Map.entry(MatchFields.VLAN_VID, "dl_vlan"),
            Map.entry(MatchFields.VLAN_PCP, "dl_vlan_pcp"), Map.entry(MatchFields.IP_PROTO, "nw_proto"),
            Map.entry(MatchFields.IPV4_SRC, "nw_src"), Map.entry(MatchFields.IPV4_DST, "nw_dst"),
            Map.entry(MatchFields.TCP_SRC, "tp_src"), Map.entry(MatchFields.TCP_DST, "tp_dst"),
            Map.entry(MatchFields.UDP_SRC, "tp_src"), Map.entry(MatchFields.UDP_DST, "tp_dst"),
            Map.entry(MatchFields.SCTP_SRC, "tp_src"), Map.entry(MatchFields.SCTP_DST, "tp_dst"),
            Map.entry(MatchFields.ICMPV4_TYPE, "icmp_type"), Map.entry(MatchFields.ICMPV4_CODE, "icmp_code"),
            Map.entry(MatchFields.ICMPV6_TYPE, "icmp_type"), Map.entry(MatchFields.ICMPV6_CODE, "icmp_code"),
            Map.entry(MatchFields.IPV6_ND_TARGET, "nd_target"));

    private OfText() {
    }

    /** A match: the protocol shorthand ({@code ip}, {@code tcp}, {@code arp}, {@code udp6}...) then the fields. */
    public static String match(Match m) {
        List<String> parts = new ArrayList<>();
        String proto = protocol(m);
        if (proto != null) {
            parts.add(proto);
        }
        boolean protoNamed = proto != null && !proto.equals("ip") && !proto.equals("ipv6") && !proto.equals("arp");
        for (MatchField<?> f : m.getMatchFields()) {
            if (proto != null && f.id == MatchFields.ETH_TYPE || protoNamed && f.id == MatchFields.IP_PROTO) {
                continue;
            }
            parts.add(NAMES.getOrDefault(f.id, f.getName()) + "=" + fieldValue(m, f));
        }
        return String.join(",", parts);
    }

    /** {@code ip}, {@code tcp}, {@code arp}... for an exact EtherType (and IP protocol), else null. */
    private static String protocol(Match m) {
        if (!m.isExact(MatchField.ETH_TYPE)) {
            return null;
        }
        EthType type = m.get(MatchField.ETH_TYPE);
        boolean v6 = type.equals(EthType.IPv6);
        if (type.equals(EthType.ARP)) {
            return "arp";
        }
        if (!type.equals(EthType.IPv4) && !v6) {
            return null;
        }
        String suffix = v6 ? "6" : "";
        if (!m.isExact(MatchField.IP_PROTO)) {
            return v6 ? "ipv6" : "ip";
        }
        IpProtocol p = m.get(MatchField.IP_PROTO);
        if (p.equals(IpProtocol.TCP)) {
            return "tcp" + suffix;
        }
        if (p.equals(IpProtocol.UDP)) {
            return "udp" + suffix;
        }
        if (p.equals(IpProtocol.SCTP)) {
            return "sctp" + suffix;
        }
        if (p.equals(v6 ? IpProtocol.IPv6_ICMP : IpProtocol.ICMP)) {
            return v6 ? "icmp6" : "icmp";
        }
        return v6 ? "ipv6" : "ip";
    }

    private static String fieldValue(Match m, MatchField<?> f) {
        if (!m.isExact(f)) {
            Masked<?> masked = m.getMasked(f);
            if (masked.getMask() instanceof IPv4Address mask && mask.isCidrMask()) {
                return masked.getValue() + "/" + mask.asCidrMaskLength();
            }
            return masked.getValue() + "/" + masked.getMask();
        }
        Object v = m.get(f);
        return switch (v) {
            case OFPort p -> port(p);
            case IpProtocol p -> Short.toString(p.getIpProtocolNumber());
            case OFVlanVidMatch vid -> Short.toString(vid.getVlan());
            default -> String.valueOf(v);
        };
    }

    /** A port number, or its reserved name in capitals ({@code CONTROLLER}, {@code FLOOD}, {@code IN_PORT}). */
    public static String port(OFPort p) {
        int n = p.getPortNumber();
        return Integer.compareUnsigned(n, 0xffffff00) > 0 ? p.toString().toUpperCase(Locale.ROOT)
                : Integer.toUnsignedString(n);
    }

    /** OpenFlow 1.1+ instructions; {@code drop} when there are none. */
    public static String instructions(List<OFInstruction> instructions) {
        List<String> parts = new ArrayList<>();
        for (OFInstruction i : instructions) {
            switch (i) {
                case OFInstructionApplyActions a -> {
                    if (!a.getActions().isEmpty()) {
                        parts.add(actionList(a.getActions()));
                    }
                }
                case OFInstructionWriteActions w -> parts.add("write_actions(" + actionList(w.getActions()) + ")");
                case OFInstructionGotoTable g -> parts.add("goto_table:" + g.getTableId().getValue());
                case OFInstructionMeter meter -> parts.add("meter:" + meter.getMeterId());
                case OFInstructionWriteMetadata md -> parts.add("write_metadata:" + md.getMetadata() + "/"
                        + md.getMetadataMask());
                default -> parts.add(i.getType().name().toLowerCase(Locale.ROOT));
            }
        }
        return parts.isEmpty() ? "drop" : String.join(",", parts);
    }

    /** An action list (OpenFlow 1.0 flows, buckets); {@code drop} when empty. */
    public static String actions(List<OFAction> actions) {
        return actions.isEmpty() ? "drop" : actionList(actions);
    }

    private static String actionList(List<OFAction> actions) {
        List<String> parts = new ArrayList<>(actions.size());
        for (OFAction a : actions) {
            parts.add(action(a));
        }
        return String.join(",", parts);
    }

    static String action(OFAction a) {
        return switch (a) {
            case OFActionOutput o -> o.getPort().equals(OFPort.CONTROLLER) ? "CONTROLLER:" + o.getMaxLen()
                    : o.getPort().getPortNumber() < 0 ? port(o.getPort()) : "output:" + port(o.getPort());
            case OFActionGroup g -> "group:" + g.getGroup().getGroupNumber();
            case OFActionSetField s -> "set_field:" + s.getField().getValue() + "->"
                    + s.getField().getMatchField().getName();
            case OFActionPushVlan p -> "push_vlan:" + p.getEthertype();
            case OFActionSetDlDst s -> "mod_dl_dst:" + s.getDlAddr();
            case OFActionSetDlSrc s -> "mod_dl_src:" + s.getDlAddr();
            case OFActionSetNwDst s -> "mod_nw_dst:" + s.getNwAddr();
            case OFActionSetNwSrc s -> "mod_nw_src:" + s.getNwAddr();
            case OFActionSetTpDst s -> "mod_tp_dst:" + s.getTpPort();
            case OFActionSetTpSrc s -> "mod_tp_src:" + s.getTpPort();
            default -> a.getType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** A group bucket: {@code weight:W} (select groups), {@code watch_port:P} when set, then its actions. */
    public static String bucket(OFGroupType type, OFBucket b) {
        StringBuilder s = new StringBuilder();
        if (type == OFGroupType.SELECT) {
            s.append("weight:").append(b.getWeight()).append(',');
        }
        if (!b.getWatchPort().equals(OFPort.ANY)) {
            s.append("watch_port:").append(port(b.getWatchPort())).append(',');
        }
        return s.append("actions=").append(actions(b.getActions())).toString();
    }

    /** {@code select}, {@code all}, {@code indirect}, {@code ff} (fast failover), as ovs-ofctl writes them. */
    public static String groupType(OFGroupType type) {
        return type == OFGroupType.FF ? "ff" : type.name().toLowerCase(Locale.ROOT);
    }
}
