package io.flowlb.controller.resource;

import io.flowlb.loadbalancer.model.Monitor;
import java.net.InetAddress;

/**
 * Runs one health probe of a monitor against one address: blocks for at most the monitor's
 * timeout, never throws, and says what happened in a {@link ProbeResult}. Called on a virtual
 * thread per probe.
 *
 * <p>Thread safety: implementations are called from many threads at once.
 */
@FunctionalInterface
public interface Prober {

    /**
     * @param port the TCP port to probe (the monitor's port or the member's); unused by ICMP
     */
    ProbeResult probe(Monitor monitor, InetAddress address, int port);
}
