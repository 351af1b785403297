package io.flowlb.bench.flowsetup;

import io.flowlb.openflow.OfErrors;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFActionType;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFCapabilities;
import org.projectfloodlight.openflow.protocol.OFConfigFlags;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortFeatures;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFAuxId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * What an emulated switch answers to the controller's requests during and after the handshake:
 * features (with the ports before 1.3), port descriptions, description, configuration, barrier,
 * echo and role; an empty reply to flow and table-features statistics; an OpenFlow error to any
 * other request, as a switch that does not support it would. Messages that are not requests
 * (SET_CONFIG, FLOW_MOD without a packet, ...) need no answer.
 *
 * <p>Thread safety: immutable; called on the switch's event loop.
 */
final class SwitchReplies {
    static final long N_BUFFERS = 256;

    private final OFFactory f;
    private final HostPlan plan;
    private final List<OFPortDesc> ports;

    SwitchReplies(OFVersion version, HostPlan plan) {
        this.f = OFFactories.getFactory(version);
        this.plan = plan;
        this.ports = portDescs(f, plan);
    }

    /**
     * The answer to {@code m}, or null when it needs none.
     *
     * @param missSendLen the miss_send_len last set by the controller (for GET_CONFIG)
     */
    OFMessage answer(OFMessage m, int missSendLen) {
        long xid = m.getXid();
        return switch (m.getType()) {
            case FEATURES_REQUEST -> features(xid);
            case ECHO_REQUEST -> f.buildEchoReply().setXid(xid).setData(((OFEchoRequest) m).getData()).build();
            case BARRIER_REQUEST -> f.buildBarrierReply().setXid(xid).build();
            case GET_CONFIG_REQUEST -> f.buildGetConfigReply().setXid(xid)
                    .setFlags(EnumSet.noneOf(OFConfigFlags.class)).setMissSendLen(missSendLen).build();
            case ROLE_REQUEST -> f.buildRoleReply().setXid(xid).setRole(((OFRoleRequest) m).getRole())
                    .setGenerationId(((OFRoleRequest) m).getGenerationId()).build();
            case STATS_REQUEST -> stats((OFStatsRequest<?>) m);
            case QUEUE_GET_CONFIG_REQUEST, GET_ASYNC_REQUEST, EXPERIMENTER -> OfErrors.badRequest(f.getVersion(),
                    m.getType() == org.projectfloodlight.openflow.protocol.OFType.EXPERIMENTER
                            ? OFBadRequestCode.BAD_EXPERIMENTER : OFBadRequestCode.BAD_TYPE,
                    xid, OfErrors.head(m));
            default -> null;
        };
    }

    private OFMessage features(long xid) {
        var b = f.buildFeaturesReply().setXid(xid)
                .setDatapathId(DatapathId.of(plan.dpid()))
                .setNBuffers(N_BUFFERS)
                .setNTables((short) 1)
                .setCapabilities(EnumSet.of(OFCapabilities.FLOW_STATS, OFCapabilities.TABLE_STATS,
                        OFCapabilities.PORT_STATS));
        if (f.getVersion() == OFVersion.OF_10) {
            b.setActions(EnumSet.of(OFActionType.OUTPUT)).setPorts(ports);
        } else {
            b.setAuxiliaryId(OFAuxId.MAIN).setReserved(0);
        }
        return b.build();
    }

    private OFMessage stats(OFStatsRequest<?> req) {
        long xid = req.getXid();
        return switch (req.getStatsType()) {
            case DESC -> f.buildDescStatsReply().setXid(xid).setMfrDesc("flowlb").setHwDesc("flowsetup emulated switch")
                    .setSwDesc("flowsetup").setSerialNum(Long.toString(plan.dpid())).setDpDesc("flowsetup switch "
                            + plan.dpid()).build();
            case PORT_DESC -> f.buildPortDescStatsReply().setXid(xid).setEntries(ports).build();
            case FLOW -> f.buildFlowStatsReply().setXid(xid).setEntries(List.of()).build();
            case TABLE_FEATURES -> f.buildTableFeaturesStatsReply().setXid(xid).setEntries(List.of()).build();
            default -> OfErrors.badRequest(f.getVersion(), OFBadRequestCode.BAD_STAT, xid, OfErrors.head(req));
        };
    }

    private static List<OFPortDesc> portDescs(OFFactory f, HostPlan plan) {
        List<OFPortDesc> out = new ArrayList<>();
        for (int p = 1; p <= plan.ports(); p++) {
            var b = f.buildPortDesc()
                    .setPortNo(OFPort.of(p))
                    .setHwAddr(MacAddress.of(0x0600_0000_0000L | (plan.dpid() << 16) | p))
                    .setName("s" + plan.dpid() + "-eth" + p)
                    .setConfig(EnumSet.noneOf(OFPortConfig.class))
                    .setState(f.getVersion() == OFVersion.OF_10 ? EnumSet.noneOf(OFPortState.class)
                            : EnumSet.of(OFPortState.LIVE))
                    .setCurr(EnumSet.of(OFPortFeatures.PF_10GB_FD))
                    .setAdvertised(EnumSet.noneOf(OFPortFeatures.class))
                    .setSupported(EnumSet.of(OFPortFeatures.PF_10GB_FD))
                    .setPeer(EnumSet.noneOf(OFPortFeatures.class));
            if (f.getVersion() == OFVersion.OF_13) {
                b.setCurrSpeed(10_000_000).setMaxSpeed(10_000_000);
            }
            out.add(b.build());
        }
        return out;
    }
}
