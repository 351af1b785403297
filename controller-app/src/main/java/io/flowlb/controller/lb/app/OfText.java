package io.flowlb.controller.lb.app;

import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionGroup;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionGotoTable;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * Matches, instructions and buckets as text in the style of {@code ovs-ofctl}
 * ({@code eth_type=0x800,ipv4_dst=10.0.0.100}, {@code actions=set_field:02:..->eth_dst,output:2},
 * {@code goto_table:1}), for the network view.
 *
 * <p>Thread safety: stateless.
 */
final class OfText {

    private OfText() {
    }

    static String match(Match m) {
        List<String> parts = new ArrayList<>();
        for (MatchField<?> f : m.getMatchFields()) {
            parts.add(f.getName() + "=" + m.get(f));
        }
        return parts.isEmpty() ? "any" : String.join(",", parts);
    }

    static String instructions(List<OFInstruction> instructions) {
        List<String> parts = new ArrayList<>();
        for (OFInstruction i : instructions) {
            if (i instanceof OFInstructionApplyActions a) {
                parts.add("actions=" + actions(a.getActions()));
            } else if (i instanceof OFInstructionGotoTable g) {
                parts.add("goto_table:" + g.getTableId().getValue());
            } else {
                parts.add(i.getType().toString().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return parts.isEmpty() ? "drop" : String.join(",", parts);
    }

    static String bucket(OFBucket b) {
        return "weight:" + b.getWeight() + ",watch_port:" + port(b.getWatchPort()) + ",actions=" + actions(b.getActions());
    }

    static String actions(List<OFAction> actions) {
        if (actions.isEmpty()) {
            return "drop";
        }
        List<String> parts = new ArrayList<>(actions.size());
        for (OFAction a : actions) {
            parts.add(switch (a) {
                case OFActionOutput o -> "output:" + port(o.getPort());
                case OFActionSetField s -> "set_field:" + s.getField().getValue() + "->"
                        + s.getField().getMatchField().getName();
                case OFActionGroup g -> "group:" + g.getGroup().getGroupNumber();
                default -> a.getType().toString().toLowerCase(java.util.Locale.ROOT);
            });
        }
        return String.join(",", parts);
    }

    static String port(OFPort p) {
        if (p.equals(OFPort.CONTROLLER)) {
            return "CONTROLLER";
        }
        if (p.equals(OFPort.ANY)) {
            return "ANY";
        }
        return Integer.toUnsignedString(p.getPortNumber());
    }
}
