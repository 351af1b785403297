package io.flowlb.flowswitch.datapath.spec;

/**
 * One port's entry in an OFPMP_PORT_STATS reply, counted by the datapath. {@code rxDropped}
 * counts malformed frames and frames received on a port configured NO_RECV; {@code txDropped}
 * counts frames the transmit ring refused or that were too big for the port's MTU.
 *
 * <p>Thread safety: immutable.
 */
public record PortStats(int portNo, long rxPackets, long txPackets, long rxBytes, long txBytes, long rxDropped,
        long txDropped, long rxErrors, long txErrors, long durationNanos) {
}
