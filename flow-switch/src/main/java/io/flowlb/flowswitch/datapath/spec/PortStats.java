package io.flowlb.flowswitch.datapath.spec;

/**
 * One port's entry in an OFPMP_PORT_STATS reply, counted by the datapath and the port.
 * {@code rxDropped} counts malformed frames, frames received on a port configured NO_RECV and
 * {@code rxOverErr}, the frames the kernel dropped because the port's receive ring was full;
 * {@code txDropped} counts frames the transmit ring refused or that were too big for the port's MTU.
 *
 * <p>Thread safety: immutable.
 */
public record PortStats(int portNo, long rxPackets, long txPackets, long rxBytes, long txBytes, long rxDropped,
        long txDropped, long rxErrors, long txErrors, long rxOverErr, long durationNanos) {
}
