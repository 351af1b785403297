package io.flowlb.controller.topology;

import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.PortNo;

/**
 * A port of a switch: where a host is attached, or one end of a link.
 *
 * <p>Thread safety: immutable.
 */
public record ConnectPoint(Dpid dpid, PortNo port) implements Comparable<ConnectPoint> {

    public static ConnectPoint of(Dpid dpid, PortNo port) {
        return new ConnectPoint(dpid, port);
    }

    @Override
    public int compareTo(ConnectPoint o) {
        int c = dpid.compareTo(o.dpid);
        return c != 0 ? c : port.compareTo(o.port);
    }

    @Override
    public String toString() {
        return dpid + "/" + port;
    }
}
