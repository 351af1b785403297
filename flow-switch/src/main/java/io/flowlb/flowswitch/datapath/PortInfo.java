package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.PortDesc;
import io.flowlb.flowswitch.io.NetPort;

/**
 * One physical port as a snapshot sees it: its number, MTU, liveness and configuration at the
 * time the snapshot was built. Port state changes publish a new snapshot.
 *
 * <p>Thread safety: immutable.
 */
final class PortInfo {
    final NetPort port;
    final int portNo;
    final int mtu;
    /** Link up and not administratively down: frames may leave and the port counts as live. */
    final boolean live;
    /** OFPPC_NO_FWD: drop frames forwarded to this port. */
    final boolean noFwd;
    /** OFPPC_NO_PACKET_IN: no packet-in for frames received here. */
    final boolean noPacketIn;
    /** OFPPC_NO_RECV: drop frames received here. */
    final boolean noRecv;

    PortInfo(NetPort port, int config, boolean linkUp) {
        this.port = port;
        this.portNo = port.portNo();
        this.mtu = port.mtu();
        this.live = linkUp && (config & PortDesc.CONFIG_PORT_DOWN) == 0;
        this.noFwd = (config & (PortDesc.CONFIG_NO_FWD | PortDesc.CONFIG_PORT_DOWN)) != 0;
        this.noPacketIn = (config & PortDesc.CONFIG_NO_PACKET_IN) != 0;
        this.noRecv = (config & (PortDesc.CONFIG_NO_RECV | PortDesc.CONFIG_PORT_DOWN)) != 0;
    }
}
