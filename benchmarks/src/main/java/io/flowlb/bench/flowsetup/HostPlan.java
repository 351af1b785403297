package io.flowlb.bench.flowsetup;

/**
 * The hosts behind one emulated switch: host {@code h} has a locally administered MAC
 * {@code 02:ss:ss:00:hh:hh} (s = switch index) and sits on port {@code 1 + h % ports}. In the
 * measured phase host {@code h} sends to host {@code h + 1}, which sits on another port (when
 * there are two ports or more), so a learning controller answers with a FLOW_MOD towards it.
 *
 * <p>Thread safety: immutable.
 *
 * @param switchIndex 0-based index of the switch (its DPID is index + 1)
 * @param hosts number of distinct hosts (source MACs)
 * @param ports number of ports the switch reports
 */
public record HostPlan(int switchIndex, int hosts, int ports) {
    /** ff:ff:ff:ff:ff:ff, the destination of the learning packets. */
    public static final long BROADCAST = 0xffff_ffff_ffffL;
    public static final int MAX_SWITCHES = 0xffff;
    public static final int MAX_HOSTS = 0xffff;

    public HostPlan {
        if (switchIndex < 0 || switchIndex >= MAX_SWITCHES) {
            throw new IllegalArgumentException("switch index " + switchIndex + " out of 0.." + (MAX_SWITCHES - 1));
        }
        if (hosts < 2 || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("hosts per switch must be 2.." + MAX_HOSTS + ", not " + hosts);
        }
        if (ports < 2 || ports > 0xfeff) {
            throw new IllegalArgumentException("ports per switch must be 2..65279, not " + ports);
        }
    }

    public long mac(int host) {
        return 0x0200_0000_0000L | ((long) switchIndex << 24) | host;
    }

    public int port(int host) {
        return 1 + host % ports;
    }

    /** The host that host {@code h} talks to in the measured phase. */
    public int peer(int host) {
        return host + 1 == hosts ? 0 : host + 1;
    }

    public long dpid() {
        return switchIndex + 1L;
    }
}
