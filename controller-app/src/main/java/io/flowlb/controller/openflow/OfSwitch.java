package io.flowlb.controller.openflow;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.projectfloodlight.openflow.protocol.OFCapabilities;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * A connected switch as the controller knows it: identity, negotiated version, features and
 * ports. A snapshot: a port change produces a new instance, so a reader never sees a half-updated
 * switch.
 *
 * @param dpid the datapath id
 * @param version the negotiated OpenFlow version: build messages with {@link #factory()}
 * @param session the id of the session this snapshot belongs to; a switch that reconnects gets
 *                a new one, so state kept per session can tell an old connection from a new one
 * @param nBuffers packet buffers the switch announced
 * @param nTables flow tables the switch announced
 * @param capabilities the FEATURES_REPLY capability bits
 * @param ports the ports by number (unmodifiable, ordered)
 * @param remoteAddress the switch's address and port, for logs
 * @param connectedAtMillis when the handshake completed
 *
 * <p>Thread safety: immutable.
 */
public record OfSwitch(Dpid dpid, OFVersion version, long session, long nBuffers, int nTables,
        Set<OFCapabilities> capabilities, Map<PortNo, PortDesc> ports, String remoteAddress, long connectedAtMillis) {

    public OfSwitch {
        capabilities = Set.copyOf(capabilities);
        ports = Collections.unmodifiableMap(new TreeMap<>(ports));
    }

    public OFFactory factory() {
        return OFFactories.getFactory(version);
    }

    /** SELECT groups (the proactive LB installer) need OpenFlow 1.1 or newer. */
    public boolean supportsGroups() {
        return version.compareTo(OFVersion.OF_11) >= 0;
    }

    /** Flow tables and table-miss flows as OpenFlow 1.3 defines them (1.0's miss goes to the controller). */
    public boolean needsTableMissFlow() {
        return version.compareTo(OFVersion.OF_13) >= 0;
    }

    public PortDesc port(PortNo no) {
        return ports.get(no);
    }

    public Collection<PortDesc> portList() {
        return ports.values();
    }

    public OfSwitch withPort(PortDesc p) {
        Map<PortNo, PortDesc> m = new TreeMap<>(ports);
        m.put(p.number(), p);
        return new OfSwitch(dpid, version, session, nBuffers, nTables, capabilities, m, remoteAddress, connectedAtMillis);
    }

    public OfSwitch withoutPort(PortNo no) {
        Map<PortNo, PortDesc> m = new TreeMap<>(ports);
        m.remove(no);
        return new OfSwitch(dpid, version, session, nBuffers, nTables, capabilities, m, remoteAddress, connectedAtMillis);
    }

    @Override
    public String toString() {
        return "switch " + dpid + " (" + version + ", " + ports.size() + " ports, " + remoteAddress + ")";
    }
}
