package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.apps.AppDescriptor;
import io.flowlb.flowswitch.datapath.spec.PortDesc;
import io.flowlb.flowswitch.io.NetPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The control side of the ports: the physical ports with their OpenFlow config and last known
 * link state, and the application ports. Builds the port arrays of a snapshot and notices link
 * changes.
 *
 * <p>Thread safety: owned by the control thread.
 */
final class PortTable {
    /** One physical port. */
    static final class Entry {
        final NetPort port;
        final long addedNanos;
        int config;
        boolean linkUp;

        Entry(NetPort port, long addedNanos) {
            this.port = port;
            this.addedNanos = addedNanos;
            this.linkUp = port.linkUp();
        }

        PortDesc describe() {
            int state = (linkUp ? PortDesc.STATE_LIVE : PortDesc.STATE_LINK_DOWN);
            return new PortDesc(port.portNo(), port.name(), port.hwAddr(), port.mtu(), config, state, 10_000_000);
        }
    }

    private final int maxPorts;
    private final List<AppDescriptor> apps;
    private final Map<Integer, Entry> ports = new TreeMap<>();
    /** The snapshot arrays, rebuilt only when a port changed (pollers compare them by identity). */
    private PortInfo[] byNumber;
    private PortInfo[] live;

    PortTable(int maxPorts, List<AppDescriptor> apps) {
        this.maxPorts = maxPorts;
        this.apps = apps;
    }

    Entry add(NetPort port, long now) {
        if (port.portNo() <= 0 || port.portNo() >= maxPorts) {
            throw new IllegalArgumentException("port number " + port.portNo() + " outside 1.." + (maxPorts - 1));
        }
        if (ports.containsKey(port.portNo())) {
            throw new IllegalArgumentException("port " + port.portNo() + " already exists");
        }
        Entry e = new Entry(port, now);
        ports.put(port.portNo(), e);
        byNumber = null;
        return e;
    }

    Entry remove(int portNo) {
        byNumber = null;
        return ports.remove(portNo);
    }

    /** Sets the OpenFlow config bits selected by {@code mask}. */
    void configure(Entry e, int config, int mask) {
        e.config = (e.config & ~mask) | (config & mask);
        byNumber = null;
    }

    Entry get(int portNo) {
        return ports.get(portNo);
    }

    List<Entry> entries() {
        return new ArrayList<>(ports.values());
    }

    /** Re-reads every port's link state; returns the ports that changed. */
    List<Entry> pollLinks() {
        List<Entry> changed = new ArrayList<>();
        for (Entry e : ports.values()) {
            boolean up = e.port.linkUp();
            if (up != e.linkUp) {
                e.linkUp = up;
                changed.add(e);
                byNumber = null;
            }
        }
        return changed;
    }

    /** Whether frames may leave by {@code portNo}: application ports always, physical ones when
     *  their link is up and they are not administratively down. */
    boolean isLive(int portNo) {
        Entry e = ports.get(portNo);
        if (e == null) {
            return appDescriptor(portNo) != null;
        }
        return e.linkUp && (e.config & PortDesc.CONFIG_PORT_DOWN) == 0;
    }

    AppDescriptor appDescriptor(int portNo) {
        for (AppDescriptor a : apps) {
            if (a.portNo() == portNo) {
                return a;
            }
        }
        return null;
    }

    /** The physical ports by number for a snapshot (the same array until a port changes). */
    PortInfo[] byNumber() {
        if (byNumber == null) {
            PortInfo[] out = new PortInfo[maxPorts];
            List<PortInfo> up = new ArrayList<>();
            for (Entry e : ports.values()) {
                PortInfo p = new PortInfo(e.port, e.config, e.linkUp);
                out[e.port.portNo()] = p;
                if (p.live) {
                    up.add(p);
                }
            }
            byNumber = out;
            live = up.toArray(new PortInfo[0]);
        }
        return byNumber;
    }

    /** The live physical ports, by number, for FLOOD and ALL. */
    PortInfo[] live() {
        byNumber();
        return live;
    }

    List<PortDesc> describe() {
        List<PortDesc> out = new ArrayList<>();
        for (Entry e : ports.values()) {
            out.add(e.describe());
        }
        for (AppDescriptor a : apps) {
            out.add(new PortDesc(a.portNo(), a.name(), 0, 1500, 0, PortDesc.STATE_LIVE, 0));
        }
        return out;
    }
}
