package io.flowlb.flowswitch.ofagent;

import static io.flowlb.flowswitch.ofagent.AgentHarness.F13;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBadActionCode;
import org.projectfloodlight.openflow.protocol.OFBadInstructionCode;
import org.projectfloodlight.openflow.protocol.OFBadMatchCode;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFlowModFailedCode;
import org.projectfloodlight.openflow.protocol.OFGroupModFailedCode;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadActionErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadInstructionErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadMatchErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadRequestErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFFlowModFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.errormsg.OFGroupModFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.protocol.ver13.OFErrorTypeSerializerVer13;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;

class ErrorReplyTest {
    private final AgentHarness h = new AgentHarness();
    private final EmbeddedChannel ch = h.controller();

    private OFErrorMsg errorFor(OFMessage request) {
        h.send(ch, request);
        List<OFMessage> out = AgentHarness.read(ch);
        assertThat(out).hasSize(1);
        OFErrorMsg e = (OFErrorMsg) out.get(0);
        assertThat(e.getXid()).isEqualTo(request.getXid());
        assertThat(ch.isOpen()).isTrue();
        return e;
    }

    private OFErrorMsg datapathRefuses(DatapathError error) {
        h.datapath.nextError = error;
        return errorFor(F13.buildFlowAdd().setXid(21).setMatch(F13.buildMatch().build()).build());
    }

    @Test
    void reportsTheDatapathsFlowModFailuresWithTheirOpenFlowCodes() {
        assertThat(((OFFlowModFailedErrorMsg) datapathRefuses(DatapathError.TABLE_FULL)).getCode())
                .isEqualTo(OFFlowModFailedCode.TABLE_FULL);
        assertThat(((OFFlowModFailedErrorMsg) datapathRefuses(DatapathError.OVERLAP)).getCode())
                .isEqualTo(OFFlowModFailedCode.OVERLAP);
        assertThat(((OFBadActionErrorMsg) datapathRefuses(DatapathError.BAD_OUT_PORT)).getCode())
                .isEqualTo(OFBadActionCode.BAD_OUT_PORT);
        assertThat(((OFBadMatchErrorMsg) datapathRefuses(DatapathError.BAD_PREREQ)).getCode())
                .isEqualTo(OFBadMatchCode.BAD_PREREQ);
        assertThat(((OFBadRequestErrorMsg) datapathRefuses(DatapathError.BAD_REQUEST_BAD_TABLE_ID)).getCode())
                .isEqualTo(OFBadRequestCode.BAD_TABLE_ID);
    }

    @Test
    void everyDatapathErrorHasAnOpenFlowMessage() {
        for (DatapathError e : DatapathError.values()) {
            if (e.isError()) {
                OFErrorMsg msg = OfError.of(e).toMessage(org.projectfloodlight.openflow.protocol.OFVersion.OF_13, 1,
                        new byte[8]);
                assertThat((int) OFErrorTypeSerializerVer13.toWireValue(msg.getErrType())).as(e.name())
                        .isEqualTo(e.ofType());
            }
        }
    }

    @Test
    void refusesAMatchFieldWithoutItsPrerequisite() {
        // tcp_dst without ip_proto=6: OpenFlowJ's builder would drop the field, the wire keeps it.
        h.send(ch, F13.buildFlowAdd().setXid(5).setMatch(F13.matchV3(org.projectfloodlight.openflow.protocol.OFOxmList
                .of(F13.oxms().tcpDst(TransportPort.of(80))))).build());
        assertThat(h.datapath.flowMods).singleElement()
                .satisfies(m -> assertThat(m.spec().match().check()).isEqualTo(DatapathError.BAD_PREREQ));
    }

    @Test
    void refusesBufferedFlowModsAndPacketOuts() {
        OFErrorMsg e = errorFor(F13.buildFlowAdd().setXid(6).setBufferId(OFBufferId.of(5))
                .setMatch(F13.buildMatch().build()).build());
        assertThat(((OFBadRequestErrorMsg) e).getCode()).isEqualTo(OFBadRequestCode.BUFFER_UNKNOWN);
        e = errorFor(F13.buildPacketOut().setXid(7).setBufferId(OFBufferId.of(5)).setInPort(OFPort.CONTROLLER)
                .build());
        assertThat(((OFBadRequestErrorMsg) e).getCode()).isEqualTo(OFBadRequestCode.BUFFER_UNKNOWN);
        assertThat(h.datapath.flowMods).isEmpty();
        assertThat(h.datapath.packetOuts).isEmpty();
    }

    @Test
    void refusesUnsupportedActionsAndInstructions() {
        OFErrorMsg e = errorFor(F13.buildFlowAdd().setXid(8).setMatch(F13.buildMatch().build())
                .setInstructions(List.of(F13.instructions().applyActions(List.of(F13.actions().popMpls(
                        org.projectfloodlight.openflow.types.EthType.IPv4))))).build());
        assertThat(((OFBadActionErrorMsg) e).getCode()).isEqualTo(OFBadActionCode.BAD_TYPE);
        e = errorFor(F13.buildFlowAdd().setXid(9).setMatch(F13.buildMatch().build())
                .setInstructions(List.of(F13.instructions().meter(1))).build());
        assertThat(((OFBadInstructionErrorMsg) e).getCode()).isEqualTo(OFBadInstructionCode.UNSUP_INST);
    }

    @Test
    void refusesUnsupportedMatchFields() {
        OFErrorMsg e = errorFor(F13.buildFlowAdd().setXid(10).setMatch(F13.buildMatch()
                .setExact(MatchField.TUNNEL_ID, U64.of(5)).build()).build());
        assertThat(((OFBadMatchErrorMsg) e).getCode()).isEqualTo(OFBadMatchCode.BAD_FIELD);
    }

    @Test
    void reportsGroupModFailures() {
        h.datapath.nextError = DatapathError.GROUP_EXISTS;
        OFErrorMsg e = errorFor(F13.buildGroupAdd().setXid(12).setGroup(OFGroup.of(1)).setGroupType(OFGroupType.ALL)
                .setBuckets(List.of()).build());
        assertThat(((OFGroupModFailedErrorMsg) e).getCode()).isEqualTo(OFGroupModFailedCode.GROUP_EXISTS);
        h.datapath.nextError = DatapathError.UNKNOWN_GROUP;
        e = errorFor(F13.buildGroupModify().setXid(13).setGroup(OFGroup.of(2)).setGroupType(OFGroupType.ALL)
                .setBuckets(List.of()).build());
        assertThat(((OFGroupModFailedErrorMsg) e).getCode()).isEqualTo(OFGroupModFailedCode.UNKNOWN_GROUP);
        h.datapath.nextError = DatapathError.INVALID_GROUP;
        e = errorFor(F13.buildGroupAdd().setXid(14).setGroup(OFGroup.ALL).setGroupType(OFGroupType.ALL)
                .setBuckets(List.of()).build());
        assertThat(((OFGroupModFailedErrorMsg) e).getCode()).isEqualTo(OFGroupModFailedCode.INVALID_GROUP);
    }

    @Test
    void refusesMessagesASwitchDoesNotHandleWithBadType() {
        OFErrorMsg e = errorFor(F13.buildFeaturesReply().setXid(15).build());
        assertThat(((OFBadRequestErrorMsg) e).getCode()).isEqualTo(OFBadRequestCode.BAD_TYPE);
    }

    @Test
    void refusesMeterModsAsOutOfMeters() {
        OFErrorMsg e = errorFor(F13.buildMeterMod().setXid(18).setMeterId(1)
                .setCommand(org.projectfloodlight.openflow.protocol.OFMeterModCommand.ADD).setFlags(java.util.Set.of())
                .setMeters(List.of()).build());
        assertThat(((org.projectfloodlight.openflow.protocol.errormsg.OFMeterModFailedErrorMsg) e).getCode())
                .isEqualTo(org.projectfloodlight.openflow.protocol.OFMeterModFailedCode.OUT_OF_METERS);
    }

    @Test
    void refusesUnsupportedMultipartTypes() {
        OFErrorMsg e = errorFor(F13.buildMeterStatsRequest().setXid(16).setMeterId(1).build());
        assertThat(((OFBadRequestErrorMsg) e).getCode()).isEqualTo(OFBadRequestCode.BAD_STAT);
    }

    @Test
    void carriesTheStartOfTheOffendingRequestInTheError() {
        h.datapath.nextError = DatapathError.TABLE_FULL;
        OFErrorMsg e = errorFor(F13.buildFlowAdd().setXid(17).setMatch(F13.buildMatch().build()).build());
        byte[] data = ((OFFlowModFailedErrorMsg) e).getData().getData();
        assertThat(data.length).isGreaterThanOrEqualTo(8);
        assertThat(data[1]).isEqualTo((byte) 14); // OFPT_FLOW_MOD
    }
}
