package io.flowlb.controller.packet;

import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.PortNo;
import java.util.List;

/** A {@link PacketService} that runs no processor and sends nothing: a base for test doubles. */
public class PacketServiceAdapter implements PacketService {

    @Override
    public void addProcessor(PacketProcessor processor, int priority) {
    }

    @Override
    public void removeProcessor(PacketProcessor processor) {
    }

    @Override
    public List<ProcessorInfo> processors() {
        return List.of();
    }

    @Override
    public boolean emit(Dpid dpid, PortNo outPort, byte[] frame) {
        return false;
    }

    @Override
    public boolean emitToTable(Dpid dpid, PortNo inPort, byte[] frame) {
        return false;
    }

    @Override
    public boolean flood(Dpid dpid, PortNo inPort, byte[] frame) {
        return false;
    }
}
