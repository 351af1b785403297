package io.flowlb.controller.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.core.ManualEventScheduler;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.openflow.RecordingSwitchService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.types.OFPort;

class PacketManagerTest {
    private final RecordingSwitchService switches = new RecordingSwitchService();
    private final PacketManager packets = new PacketManager(switches, new ManualEventScheduler());
    private final OfSwitch sw13 = switches.addSwitch(1, OFVersion.OF_13, 4);
    private final OfSwitch sw10 = switches.addSwitch(2, OFVersion.OF_10, 4);
    private final List<String> trace = new ArrayList<>();
    private final byte[] frame = Frames.arp(1, 0x0a, Frames.ip(10, 0, 0, 1), 0, Frames.ip(10, 0, 0, 2));

    private PacketProcessor named(String name, java.util.function.Consumer<PacketContext> body) {
        return new PacketProcessor() {
            @Override
            public void process(PacketContext context) {
                trace.add(name + (context.isHandled() ? " (handled)" : ""));
                body.accept(context);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    private List<Integer> outputsOf(OFPacketOut po) {
        List<Integer> out = new ArrayList<>();
        for (OFAction a : po.getActions()) {
            out.add(((OFActionOutput) a).getPort().getPortNumber());
        }
        return out;
    }

    @Test
    void processorsRunFromAdvisorsToDirectorsToObservers() {
        packets.addProcessor(named("observer", c -> { }), PacketPriority.METRICS);
        packets.addProcessor(named("l2", c -> { }), PacketPriority.L2_FORWARDING);
        packets.addProcessor(named("hosts", c -> { }), PacketPriority.HOST_LEARNING);
        packets.addProcessor(named("lb", c -> { }), PacketPriority.LOAD_BALANCER);
        packets.addProcessor(named("lldp", c -> { }), PacketPriority.LINK_DISCOVERY);
        packets.addProcessor(named("l2-second", c -> { }), PacketPriority.L2_FORWARDING);

        switches.receive(sw13.dpid(), PacketIns.packetIn(sw13, 1, frame));

        assertThat(trace).containsExactly("lldp", "hosts", "lb", "l2", "l2-second", "observer");
        assertThat(packets.processors()).extracting(PacketService.ProcessorInfo::band)
                .containsExactly("advisor", "advisor", "director", "director", "director", "observer");
    }

    @Test
    void handledPacketIsSeenOnlyByObserversAfterwards() {
        packets.addProcessor(named("lb", PacketContext::block), PacketPriority.LB_ADVISOR);
        packets.addProcessor(named("hosts", c -> { }), PacketPriority.HOST_LEARNING);
        packets.addProcessor(named("l2", c -> { }), PacketPriority.L2_FORWARDING);
        packets.addProcessor(named("observer", c -> { }), PacketPriority.METRICS);

        switches.receive(sw13.dpid(), PacketIns.packetIn(sw13, 1, frame));

        assertThat(trace).containsExactly("lb", "observer (handled)");
        assertThat(packets.unhandled()).isZero();
    }

    @Test
    void throwingProcessorIsSkippedAndCountedWhileTheOthersRun() {
        packets.addProcessor(named("broken", c -> {
            throw new IllegalStateException("bug");
        }), PacketPriority.LOAD_BALANCER);
        packets.addProcessor(named("l2", c -> c.sendTo(PortNo.of(2))), PacketPriority.L2_FORWARDING);

        switches.receive(sw13.dpid(), PacketIns.packetIn(sw13, 1, frame));
        switches.receive(sw13.dpid(), PacketIns.packetIn(sw13, 1, frame));

        assertThat(trace).containsExactly("broken", "l2", "broken", "l2");
        assertThat(switches.sent(sw13.dpid(), OFPacketOut.class)).hasSize(2);
        assertThat(packets.processors()).filteredOn(p -> p.name().equals("broken")).singleElement()
                .satisfies(p -> assertThat(p.failures()).isEqualTo(2));
    }

    @Test
    void removedProcessorNoLongerRuns() {
        PacketProcessor p = named("gone", c -> { });
        packets.addProcessor(p, PacketPriority.L2_FORWARDING);
        packets.removeProcessor(p);

        switches.receive(sw13.dpid(), PacketIns.packetIn(sw13, 1, frame));

        assertThat(trace).isEmpty();
        assertThat(packets.unhandled()).isEqualTo(1);
    }

    @Test
    void sendToPortResendsTheFrameFromItsInputPort() {
        packets.addProcessor(named("l2", c -> c.sendTo(PortNo.of(3))), PacketPriority.L2_FORWARDING);

        switches.receive(sw13.dpid(), PacketIns.packetIn(sw13, 1, frame));

        OFPacketOut po = switches.sent(sw13.dpid(), OFPacketOut.class).get(0);
        assertThat(po.getInPort()).isEqualTo(OFPort.of(1));
        assertThat(po.getData()).isEqualTo(frame);
        assertThat(outputsOf(po)).containsExactly(3);
    }

    @Test
    void openFlow10PacketInIsReadFromItsInPortField() {
        List<PortNo> seen = new ArrayList<>();
        packets.addProcessor(named("l2", c -> {
            seen.add(c.inPort());
            c.sendTo(PortNo.of(4));
        }), PacketPriority.L2_FORWARDING);

        switches.receive(sw10.dpid(), PacketIns.packetIn(sw10, 3, frame));

        assertThat(seen).containsExactly(PortNo.of(3));
        assertThat(outputsOf(switches.sent(sw10.dpid(), OFPacketOut.class).get(0))).containsExactly(4);
    }

    @Test
    void floodUsesTheTopologysPortsOrTheSwitchFloodPort() {
        packets.addProcessor(named("l2", PacketContext::flood), PacketPriority.L2_FORWARDING);
        switches.receive(sw13.dpid(), PacketIns.packetIn(sw13, 1, frame));
        packets.floodScope((sw, in) -> List.of(PortNo.of(2), PortNo.of(4)));
        switches.receive(sw13.dpid(), PacketIns.packetIn(sw13, 1, frame));

        List<OFPacketOut> outs = switches.sent(sw13.dpid(), OFPacketOut.class);
        assertThat(outputsOf(outs.get(0))).containsExactly(OFPort.FLOOD.getPortNumber());
        assertThat(outputsOf(outs.get(1))).containsExactly(2, 4);
    }

    @Test
    void emitSendsAControllerFrameOutOfAPort() {
        assertThat(packets.emit(sw13.dpid(), PortNo.of(2), frame)).isTrue();
        assertThat(packets.emit(Dpid.of(99), PortNo.of(2), frame)).isFalse();

        OFPacketOut po = switches.sent(sw13.dpid(), OFPacketOut.class).get(0);
        assertThat(po.getInPort()).isEqualTo(OFPort.CONTROLLER);
        assertThat(outputsOf(po)).containsExactly(2);
    }
}
