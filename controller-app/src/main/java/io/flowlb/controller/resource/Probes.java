package io.flowlb.controller.resource;

import io.flowlb.loadbalancer.model.IpAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.random.RandomGenerator;

/**
 * What the health checker and the agent poller share about when and where they probe.
 *
 * <p>Thread safety: stateless.
 */
final class Probes {
    private Probes() {
    }

    /** A member address as a socket address (never a name lookup). */
    static InetAddress inet(IpAddress address) {
        try {
            return InetAddress.getByAddress(address.toBytes());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address has 4 or 16 bytes", e);
        }
    }

    /** The delay before a first probe: anywhere in the first interval, so many probes spread out. */
    static long firstDelay(long intervalMillis, RandomGenerator random) {
        return Math.round(random.nextDouble() * intervalMillis);
    }

    /** The interval varied by up to {@code jitter} of itself either way, at least 1 ms. */
    static long jittered(long intervalMillis, double jitter, RandomGenerator random) {
        return Math.max(1, Math.round(intervalMillis * (1 + jitter * (2 * random.nextDouble() - 1))));
    }
}
