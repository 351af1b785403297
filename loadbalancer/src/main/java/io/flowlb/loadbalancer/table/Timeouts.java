package io.flowlb.loadbalancer.table;

import java.time.Duration;

/**
 * Idle timeouts of connection-table entries, one per {@link ConnState}.
 *
 * <p>Defaults ({@link #DEFAULTS}): TCP half-open (SYN seen) 30 s, TCP established 300 s, TCP
 * closing (FIN or RST seen) 10 s, UDP 30 s, any other protocol 60 s. They follow the usual
 * load-balancer and conntrack practice: half-open entries are cheap to lose (the next packet is
 * re-selected consistently) and are what a SYN flood creates, so they go first; established TCP
 * connections may idle for minutes (keep-alives are often longer than a minute).
 *
 * <p>Thread safety: immutable.
 *
 * @param tcpSyn         idle time after which a TCP entry in {@code SYN_SEEN} expires
 * @param tcpEstablished idle time after which an {@code ESTABLISHED} TCP entry expires
 * @param tcpClosing     idle time after which a TCP entry in {@code CLOSING} expires
 * @param udp            idle time after which a UDP entry expires
 * @param other          idle time after which an entry of another protocol expires
 */
public record Timeouts(Duration tcpSyn, Duration tcpEstablished, Duration tcpClosing, Duration udp, Duration other) {
    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(300),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));

    public Timeouts {
        positive("tcpSyn", tcpSyn);
        positive("tcpEstablished", tcpEstablished);
        positive("tcpClosing", tcpClosing);
        positive("udp", udp);
        positive("other", other);
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("timeout " + name + " must be a positive duration, got " + d);
        }
    }

    /** The timeouts in nanoseconds, indexed by {@link ConnState} value. */
    public long[] nanosByState() {
        long[] t = new long[ConnState.COUNT];
        t[ConnState.SYN_SEEN] = tcpSyn.toNanos();
        t[ConnState.ESTABLISHED] = tcpEstablished.toNanos();
        t[ConnState.CLOSING] = tcpClosing.toNanos();
        t[ConnState.UDP] = udp.toNanos();
        t[ConnState.OTHER] = other.toNanos();
        return t;
    }
}
