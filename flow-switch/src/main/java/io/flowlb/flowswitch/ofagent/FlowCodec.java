package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.datapath.spec.FlowFlag;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowModCommand;
import io.flowlb.flowswitch.datapath.spec.FlowRemoved;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.FlowStats;
import io.flowlb.flowswitch.datapath.spec.FlowStatsRequest;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchEntry;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import io.flowlb.flowswitch.datapath.spec.PacketIn;
import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowRemoved;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.ver13.OFFlowModFlagsSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFFlowRemovedReasonSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFPacketInReasonSerializerVer13;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * Translates the flow messages of OpenFlow 1.3 to the datapath's spec and back: FLOW_MOD in,
 * flow statistics, FLOW_REMOVED and PACKET_IN out.
 *
 * <p>Thread safety: stateless.
 */
final class FlowCodec {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private FlowCodec() {
    }

    /** The datapath request of a FLOW_MOD; refuses buffered packets (flow-switch keeps no buffers). */
    static FlowMod decode(OFFlowMod m) {
        if (!m.getBufferId().equals(OFBufferId.NO_BUFFER)) {
            throw OfError.BAD_REQUEST_BUFFER_UNKNOWN.refusal("buffer " + m.getBufferId() + ": flow-switch has no buffers");
        }
        FlowModCommand command = switch (m.getCommand()) {
            case ADD -> FlowModCommand.ADD;
            case MODIFY -> FlowModCommand.MODIFY;
            case MODIFY_STRICT -> FlowModCommand.MODIFY_STRICT;
            case DELETE -> FlowModCommand.DELETE;
            case DELETE_STRICT -> FlowModCommand.DELETE_STRICT;
        };
        int flagBits = OFFlowModFlagsSerializerVer13.toWireValue(m.getFlags());
        FlowSpec spec = new FlowSpec(m.getTableId().getValue(), m.getPriority(), OxmCodec.decode(m.getMatch()),
                ActionCodec.decodeInstructions(m.getInstructions()), m.getCookie().getValue(), m.getIdleTimeout(),
                m.getHardTimeout(), FlowFlag.fromBits(flagBits));
        return new FlowMod(command, spec, m.getCookieMask().getValue(), m.getOutPort().getPortNumber(),
                m.getOutGroup().getGroupNumber());
    }

    /** The filter of a flow or aggregate statistics request. */
    static FlowStatsRequest statsRequest(TableId table, OFPort outPort, OFGroup outGroup, U64 cookie, U64 cookieMask,
            org.projectfloodlight.openflow.protocol.match.Match match) {
        return new FlowStatsRequest(table.getValue(), outPort.getPortNumber(), outGroup.getGroupNumber(),
                cookie.getValue(), cookieMask.getValue(), OxmCodec.decode(match));
    }

    static OFFlowStatsEntry encode(FlowStats s, OFFactory f) {
        FlowSpec spec = s.spec();
        return f.buildFlowStatsEntry()
                .setTableId(TableId.of(spec.tableId()))
                .setDurationSec(s.durationNanos() / NANOS_PER_SECOND)
                .setDurationNsec(s.durationNanos() % NANOS_PER_SECOND)
                .setPriority(spec.priority())
                .setIdleTimeout(spec.idleTimeout())
                .setHardTimeout(spec.hardTimeout())
                .setFlags(OFFlowModFlagsSerializerVer13.ofWireValue((short) FlowFlag.toBits(spec.flags())))
                .setCookie(U64.of(spec.cookie()))
                .setPacketCount(U64.of(s.packets()))
                .setByteCount(U64.of(s.bytes()))
                .setMatch(OxmCodec.encode(spec.match(), f))
                .setInstructions(ActionCodec.encodeInstructions(spec.instructions(), f))
                .build();
    }

    static OFFlowRemoved encode(FlowRemoved r, OFFactory f) {
        FlowSpec spec = r.spec();
        return f.buildFlowRemoved()
                .setXid(0)
                .setCookie(U64.of(spec.cookie()))
                .setPriority(spec.priority())
                .setReason(OFFlowRemovedReasonSerializerVer13.ofWireValue((byte) r.reason().ofReason()))
                .setTableId(TableId.of(spec.tableId()))
                .setDurationSec(r.durationNanos() / NANOS_PER_SECOND)
                .setDurationNsec(r.durationNanos() % NANOS_PER_SECOND)
                .setIdleTimeout(spec.idleTimeout())
                .setHardTimeout(spec.hardTimeout())
                .setPacketCount(U64.of(r.packets()))
                .setByteCount(U64.of(r.bytes()))
                .setMatch(OxmCodec.encode(spec.match(), f))
                .build();
    }

    /**
     * A PACKET_IN carrying at most {@code maxData} bytes of the frame (a session's miss_send_len for
     * table misses); the match holds in_port and, when set, metadata.
     */
    static OFPacketIn encode(PacketIn p, OFFactory f, int maxData) {
        List<MatchEntry> fields = new ArrayList<>(2);
        fields.add(MatchEntry.exact(MatchField.IN_PORT, p.inPort() & 0xffff_ffffL));
        if (p.metadata() != 0) {
            fields.add(MatchEntry.exact(MatchField.METADATA, p.metadata()));
        }
        byte[] data = p.data();
        if (data.length > maxData) {
            data = java.util.Arrays.copyOf(data, maxData);
        }
        return f.buildPacketIn()
                .setXid(0)
                .setBufferId(OFBufferId.NO_BUFFER)
                .setTotalLen(p.totalLength())
                .setReason(OFPacketInReasonSerializerVer13.ofWireValue((byte) p.reason().ofReason()))
                .setTableId(TableId.of(p.tableId()))
                .setCookie(U64.of(p.cookie()))
                .setMatch(OxmCodec.encode(Match.of(fields), f))
                .setData(data)
                .build();
    }
}
