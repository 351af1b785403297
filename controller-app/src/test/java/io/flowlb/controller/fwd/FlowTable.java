package io.flowlb.controller.fwd;

import io.flowlb.controller.openflow.FlowModSemantics;
import io.flowlb.loadbalancer.packet.PacketView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDelete;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

/**
 * A single flow table that applies the controller's FLOW_MODs the way a switch would (add
 * replaces an identical match and priority; non-strict delete removes every flow at least as
 * specific, filtered by cookie and mask from 1.1), and answers which flow a packet hits. It
 * understands the fields the controller's applications match on: in_port, eth_dst, eth_src,
 * eth_type.
 */
final class FlowTable {
    /** One installed flow. */
    record Flow(int priority, Match match, List<OFAction> actions, U64 cookie, int idleTimeout) {
    }

    private final OFVersion version;
    private final List<Flow> flows = new ArrayList<>();

    FlowTable(OFVersion version) {
        this.version = version;
    }

    List<Flow> flows() {
        return flows;
    }

    void apply(OFMessage m) {
        switch (m) {
            case OFFlowAdd add -> {
                flows.removeIf(f -> f.priority() == add.getPriority() && f.match().equals(add.getMatch()));
                flows.add(new Flow(add.getPriority(), add.getMatch(), add.getActions(), add.getCookie(),
                        add.getIdleTimeout()));
                flows.sort(Comparator.comparingInt(Flow::priority).reversed());
            }
            case OFFlowDeleteStrict del -> flows.removeIf(f -> f.priority() == del.getPriority()
                    && f.match().equals(del.getMatch()) && cookieMatches(f, del.getCookie(), cookieMask(del)));
            case OFFlowDelete del -> flows.removeIf(f -> covers(del.getMatch(), f.match())
                    && cookieMatches(f, del.getCookie(), cookieMask(del)));
            default -> {
            }
        }
    }

    private U64 cookieMask(OFMessage del) {
        if (version == OFVersion.OF_10) {
            return U64.ZERO;
        }
        return del instanceof OFFlowDelete d ? d.getCookieMask() : ((OFFlowDeleteStrict) del).getCookieMask();
    }

    private static boolean cookieMatches(Flow f, U64 cookie, U64 mask) {
        return FlowModSemantics.cookieMatches(f.cookie(), cookie, mask);
    }

    private static boolean covers(Match general, Match specific) {
        return FlowModSemantics.covers(general, specific);
    }

    /** The highest-priority flow matching the packet, or null (a 1.3 table miss drops; 1.0 sends to the controller). */
    Flow lookup(int inPort, PacketView frame) {
        for (Flow f : flows) {
            if (matches(f.match(), inPort, frame)) {
                return f;
            }
        }
        return null;
    }

    private static boolean matches(Match m, int inPort, PacketView frame) {
        for (MatchField<?> field : m.getMatchFields()) {
            Object want = m.get(field);
            Object have = switch (field.id) {
                case IN_PORT -> OFPort.of(inPort);
                case ETH_DST -> MacAddress.of(frame.ethDst());
                case ETH_SRC -> MacAddress.of(frame.ethSrc());
                case ETH_TYPE -> EthType.of(frame.etherType());
                default -> throw new AssertionError("the simulated table does not evaluate " + field.getName());
            };
            if (!have.equals(want)) {
                return false;
            }
        }
        return true;
    }
}
