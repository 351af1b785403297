package io.flowlb.controller.packet;

import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.PortNo;
import java.util.List;

/**
 * Packets between the controller and the switches' data planes: processors for PACKET_INs, and
 * frames the controller originates (LLDP, ARP replies, health probes, the pseudo-interface).
 *
 * <p>Thread safety: every method may be called from any thread. Processors run on the event
 * thread (see {@link PacketProcessor}).
 */
public interface PacketService {

    /** Adds a processor at a priority of {@link PacketPriority} (higher runs first). */
    void addProcessor(PacketProcessor processor, int priority);

    void removeProcessor(PacketProcessor processor);

    /** The registered processors in the order they run, with their counters. */
    List<ProcessorInfo> processors();

    /** Sends a frame out of one port of a switch; false when the switch is not connected. */
    boolean emit(Dpid dpid, PortNo outPort, byte[] frame);

    /**
     * Runs a frame through a switch's flow table as if it had arrived on {@code inPort}
     * (OFPP_TABLE); false when the switch is not connected.
     */
    boolean emitToTable(Dpid dpid, PortNo inPort, byte[] frame);

    /** Floods a frame on a switch without loops, as if it had arrived on {@code inPort}. */
    boolean flood(Dpid dpid, PortNo inPort, byte[] frame);

    /**
     * A registered processor.
     *
     * @param name the processor's name
     * @param priority its priority
     * @param band advisor, director or observer
     * @param failures packets on which it threw
     */
    record ProcessorInfo(String name, int priority, String band, long failures) {
    }
}
