package io.flowlb.controller.openflow;

import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortFeatures;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * One port of a switch as the switch last described it (FEATURES_REPLY on 1.0, PORT_DESC on
 * 1.3, then PORT_STATUS).
 *
 * @param number the port number
 * @param name the interface name on the switch ({@code veth1}, {@code s1-eth2})
 * @param hwAddr the port's MAC address (the source MAC of LLDP frames sent from it)
 * @param linkUp false when the switch reports LINK_DOWN
 * @param adminUp false when the port is administratively down (PORT_DOWN config bit)
 * @param noFlood true when OpenFlow 1.0's NO_FLOOD config bit is set
 * @param currentSpeedKbps current speed in kbit/s, 0 when unknown
 *
 * <p>Thread safety: immutable.
 */
public record PortDesc(PortNo number, String name, MacAddress hwAddr, boolean linkUp, boolean adminUp,
        boolean noFlood, long currentSpeedKbps) {

    /** Up for forwarding: link up and not administratively down. */
    /**
     * True for a port with a network behind it: physically numbered and with a hardware address.
     * flow-switch lists its in-switch applications ({@code app-arp}, {@code app-icmp},
     * {@code app-rst}) as ports without one; nothing is plugged into them, so they are never
     * flooded, probed with LLDP or treated as edge ports.
     */
    public boolean isNetworkPort() {
        return number.isPhysical() && hwAddr.getLong() != 0;
    }

    public boolean isUp() {
        return linkUp && adminUp;
    }

    public static PortDesc of(OFPortDesc d) {
        Set<OFPortConfig> config = d.getConfig();
        Set<OFPortState> state = d.getState();
        return new PortDesc(PortNo.of(d.getPortNo()), d.getName(), d.getHwAddr(), !state.contains(OFPortState.LINK_DOWN),
                !config.contains(OFPortConfig.PORT_DOWN), config.contains(OFPortConfig.NO_FLOOD), speedOf(d));
    }

    private static long speedOf(OFPortDesc d) {
        if (d.getVersion().compareTo(OFVersion.OF_11) >= 0 && d.getVersion().compareTo(OFVersion.OF_13) <= 0) {
            return d.getCurrSpeed();
        }
        if (d.getVersion() == OFVersion.OF_10) {
            long best = 0;
            for (OFPortFeatures f : d.getCurr()) {
                best = Math.max(best, featureSpeedKbps(f));
            }
            return best;
        }
        return 0;
    }

    private static long featureSpeedKbps(OFPortFeatures f) {
        return switch (f) {
            case PF_10MB_HD, PF_10MB_FD -> 10_000L;
            case PF_100MB_HD, PF_100MB_FD -> 100_000L;
            case PF_1GB_HD, PF_1GB_FD -> 1_000_000L;
            case PF_10GB_FD -> 10_000_000L;
            case PF_40GB_FD -> 40_000_000L;
            case PF_100GB_FD -> 100_000_000L;
            case PF_1TB_FD -> 1_000_000_000L;
            default -> 0L;
        };
    }
}
