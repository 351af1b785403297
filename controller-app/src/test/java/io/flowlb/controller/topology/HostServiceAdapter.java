package io.flowlb.controller.topology;

import java.util.Collection;
import java.util.List;
import org.projectfloodlight.openflow.types.IPAddress;
import org.projectfloodlight.openflow.types.MacAddress;

/** A {@link HostService} that knows no host: a base for test doubles. */
public class HostServiceAdapter implements HostService {

    @Override
    public Collection<Host> hosts() {
        return List.of();
    }

    @Override
    public Host host(MacAddress mac) {
        return null;
    }

    @Override
    public Host hostByIp(IPAddress<?> ip) {
        return null;
    }

    @Override
    public Collection<Host> hostsAt(ConnectPoint location) {
        return List.of();
    }

    @Override
    public void removeHost(MacAddress mac) {
    }

    @Override
    public void addListener(HostListener listener) {
    }

    @Override
    public void removeListener(HostListener listener) {
    }
}
