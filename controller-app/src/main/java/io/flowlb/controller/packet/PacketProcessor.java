package io.flowlb.controller.packet;

/**
 * Handles packets sent to the controller (PACKET_IN), registered in a band of
 * {@link PacketPriority}.
 *
 * <p>Runs on the controller's event thread: it must return quickly and never block (no I/O, no
 * waiting on futures). Work that may block goes to the processor's own executor, or (LB state)
 * is posted as a command to the LB control loop. A processor that throws is logged once per
 * processor and exception class, counted, and skipped for that packet; the others still run.
 */
@FunctionalInterface
public interface PacketProcessor {

    void process(PacketContext context);

    /** The name in logs and listings. */
    default String name() {
        return getClass().getSimpleName();
    }
}
