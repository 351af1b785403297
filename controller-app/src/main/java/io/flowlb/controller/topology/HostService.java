package io.flowlb.controller.topology;

import java.util.Collection;
import org.projectfloodlight.openflow.types.IPAddress;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * The end hosts the controller has learned from packets: where each MAC is attached and which
 * IPs it uses.
 *
 * <p>Thread safety: every method may be called from any thread; hosts are immutable snapshots.
 */
public interface HostService {

    Collection<Host> hosts();

    /** The host with this MAC, or null. */
    Host host(MacAddress mac);

    /** The host that uses this IP, or null. */
    Host hostByIp(IPAddress<?> ip);

    /** The hosts attached to one port. */
    Collection<Host> hostsAt(ConnectPoint location);

    /** Forgets a host (operator action); listeners see it removed. */
    void removeHost(MacAddress mac);

    void addListener(HostListener listener);

    void removeListener(HostListener listener);
}
