package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.datapath.spec.PortDesc;
import io.flowlb.flowswitch.datapath.spec.PortStats;
import io.flowlb.flowswitch.datapath.spec.PortStatusReason;
import java.util.EnumSet;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortFeatures;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortStatsEntry;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.ver13.OFPortConfigSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFPortStateSerializerVer13;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

/**
 * Translates the datapath's port descriptions and counters to OpenFlow 1.3 PORT_DESC,
 * PORT_STATUS and port statistics.
 *
 * <p>Thread safety: stateless.
 */
final class PortCodec {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** OpenFlow names are at most 15 characters and a terminating zero. */
    private static final int MAX_NAME = 15;

    private PortCodec() {
    }

    static OFPortDesc encode(PortDesc p, OFFactory f) {
        Set<OFPortFeatures> curr = features(p.currSpeedKbps());
        return f.buildPortDesc()
                .setPortNo(OFPort.of(p.portNo()))
                .setHwAddr(MacAddress.of(p.hwAddr()))
                .setName(p.name().length() > MAX_NAME ? p.name().substring(0, MAX_NAME) : p.name())
                .setConfig(OFPortConfigSerializerVer13.ofWireValue(p.config()))
                .setState(OFPortStateSerializerVer13.ofWireValue(p.state()))
                .setCurr(curr)
                .setAdvertised(EnumSet.noneOf(OFPortFeatures.class))
                .setSupported(curr)
                .setPeer(EnumSet.noneOf(OFPortFeatures.class))
                .setCurrSpeed(p.currSpeedKbps())
                .setMaxSpeed(p.currSpeedKbps())
                .build();
    }

    static OFPortStatus encode(PortStatusReason reason, PortDesc p, OFFactory f) {
        return f.buildPortStatus()
                .setXid(0)
                .setReason(switch (reason) {
                    case ADD -> OFPortReason.ADD;
                    case DELETE -> OFPortReason.DELETE;
                    case MODIFY -> OFPortReason.MODIFY;
                })
                .setDesc(encode(p, f))
                .build();
    }

    static OFPortStatsEntry encode(PortStats s, OFFactory f) {
        return f.buildPortStatsEntry()
                .setPortNo(OFPort.of(s.portNo()))
                .setRxPackets(U64.of(s.rxPackets()))
                .setTxPackets(U64.of(s.txPackets()))
                .setRxBytes(U64.of(s.rxBytes()))
                .setTxBytes(U64.of(s.txBytes()))
                .setRxDropped(U64.of(s.rxDropped()))
                .setTxDropped(U64.of(s.txDropped()))
                .setRxErrors(U64.of(s.rxErrors()))
                .setTxErrors(U64.of(s.txErrors()))
                .setRxFrameErr(U64.ZERO)
                .setRxOverErr(U64.of(s.rxOverErr()))
                .setRxCrcErr(U64.ZERO)
                .setCollisions(U64.ZERO)
                .setDurationSec(s.durationNanos() / NANOS_PER_SECOND)
                .setDurationNsec(s.durationNanos() % NANOS_PER_SECOND)
                .build();
    }

    /** The OpenFlow speed bit for a link speed (copper, full duplex), or none for others. */
    private static Set<OFPortFeatures> features(long kbps) {
        Set<OFPortFeatures> s = EnumSet.noneOf(OFPortFeatures.class);
        if (kbps == 10_000L) {
            s.add(OFPortFeatures.PF_10MB_FD);
        } else if (kbps == 100_000L) {
            s.add(OFPortFeatures.PF_100MB_FD);
        } else if (kbps == 1_000_000L) {
            s.add(OFPortFeatures.PF_1GB_FD);
        } else if (kbps == 10_000_000L) {
            s.add(OFPortFeatures.PF_10GB_FD);
        } else if (kbps == 40_000_000L) {
            s.add(OFPortFeatures.PF_40GB_FD);
        } else if (kbps == 100_000_000L) {
            s.add(OFPortFeatures.PF_100GB_FD);
        } else if (kbps > 0) {
            s.add(OFPortFeatures.PF_OTHER);
        }
        if (!s.isEmpty()) {
            s.add(OFPortFeatures.PF_COPPER);
        }
        return s;
    }
}
