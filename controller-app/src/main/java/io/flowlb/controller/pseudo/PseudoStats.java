package io.flowlb.controller.pseudo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the pseudo-interface, both directions. <em>Inbound</em> is network to controller
 * host (PACKET_IN written into the TAP); <em>outbound</em> is controller host to network (read
 * from the TAP, sent as PACKET_OUT).
 *
 * <p>Thread safety: any thread may increment and read (the event thread counts inbound, the TAP
 * reader thread outbound).
 */
public final class PseudoStats {
    final LongAdder inboundFrames = new LongAdder();
    final LongAdder inboundBytes = new LongAdder();
    final LongAdder tapWriteErrors = new LongAdder();
    final LongAdder loopedFrames = new LongAdder();
    final LongAdder truncatedFrames = new LongAdder();
    final LongAdder outboundFrames = new LongAdder();
    final LongAdder outboundBytes = new LongAdder();
    final LongAdder outboundUnicast = new LongAdder();
    final LongAdder outboundFlooded = new LongAdder();
    final LongAdder unknownDestinationFloods = new LongAdder();
    final LongAdder noSwitchDrops = new LongAdder();
    final LongAdder flowErrors = new LongAdder();

    /** Frames written into the TAP. */
    public long inboundFrames() {
        return inboundFrames.sum();
    }

    public long inboundBytes() {
        return inboundBytes.sum();
    }

    /** Frames for the controller host the TAP refused (dropped). */
    public long tapWriteErrors() {
        return tapWriteErrors.sum();
    }

    /** The controller host's own frames that came back from the network (dropped). */
    public long loopedFrames() {
        return loopedFrames.sum();
    }

    /** PACKET_INs for the controller host that the switch cut short (dropped). */
    public long truncatedFrames() {
        return truncatedFrames.sum();
    }

    /** Frames from the TAP sent as PACKET_OUT (to one port, or flooded). */
    public long outboundFrames() {
        return outboundFrames.sum();
    }

    public long outboundBytes() {
        return outboundBytes.sum();
    }

    /** Outbound frames sent to the one port where their destination was learned. */
    public long outboundUnicast() {
        return outboundUnicast.sum();
    }

    /** Outbound frames flooded to every edge port (broadcast, multicast, unknown destination). */
    public long outboundFlooded() {
        return outboundFlooded.sum();
    }

    /** Outbound unicast frames flooded because their destination MAC was not learned yet. */
    public long unknownDestinationFloods() {
        return unknownDestinationFloods.sum();
    }

    /** Outbound frames dropped because no switch was connected. */
    public long noSwitchDrops() {
        return noSwitchDrops.sum();
    }

    /** Switches that rejected the control VIP flows. */
    public long flowErrors() {
        return flowErrors.sum();
    }

    /** Every counter by name (snake_case), for metrics and the REST API. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("inbound_frames", inboundFrames());
        m.put("inbound_bytes", inboundBytes());
        m.put("tap_write_errors", tapWriteErrors());
        m.put("looped_frames", loopedFrames());
        m.put("truncated_frames", truncatedFrames());
        m.put("outbound_frames", outboundFrames());
        m.put("outbound_bytes", outboundBytes());
        m.put("outbound_unicast", outboundUnicast());
        m.put("outbound_flooded", outboundFlooded());
        m.put("unknown_destination_floods", unknownDestinationFloods());
        m.put("no_switch_drops", noSwitchDrops());
        m.put("flow_errors", flowErrors());
        return m;
    }
}
