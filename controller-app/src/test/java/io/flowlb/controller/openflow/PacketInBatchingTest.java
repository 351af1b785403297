package io.flowlb.controller.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.core.ManualEventScheduler;
import io.flowlb.openflow.CompactPacketOut;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * How PACKET_INs travel in bursts from the sessions to the event thread and how the answers go
 * back: one write per switch per burst, arrival order kept, other event-thread work not starved,
 * and a switch that does not read its answers costs the others nothing.
 */
class PacketInBatchingTest {
    private final ManualEventScheduler events = new ManualEventScheduler();
    private final SwitchManager manager = new SwitchManager(events, SessionConfig.defaults(), 4096);
    private final List<String> seen = new ArrayList<>();

    /** Answers every PACKET_IN with a PACKET_OUT carrying its frame, and records what it saw. */
    private final OfMessageListener answering = (sw, m) -> {
        if (m instanceof OFPacketIn pi) {
            seen.add(sw.dpid().value() + ":" + tag(pi));
            manager.send(sw.dpid(), sw.factory().buildPacketOut().setBufferId(OFBufferId.NO_BUFFER)
                    .setInPort(OFPort.CONTROLLER).setActions(List.of(sw.factory().actions().output(OFPort.of(2), 0xffff)))
                    .setData(pi.getData()).build());
        } else {
            seen.add(sw.dpid().value() + ":" + m.getType());
        }
    };

    private FakeSwitch connected(long dpid) {
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_13, dpid, 1, 2).connect();
        s.clearReceived();
        return s;
    }

    private static OFPacketIn packetIn(FakeSwitch s, int tag) {
        byte[] frame = ByteBuffer.allocate(60).putInt(tag).array();
        return s.factory.buildPacketIn().setBufferId(OFBufferId.NO_BUFFER).setReason(OFPacketInReason.NO_MATCH)
                .setMatch(s.factory.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build())
                .setData(frame).setTotalLen(frame.length).build();
    }

    private static List<OFPacketIn> burst(FakeSwitch s, int firstTag, int n) {
        List<OFPacketIn> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(packetIn(s, firstTag + i));
        }
        return out;
    }

    private static int tag(OFPacketIn pi) {
        return ByteBuffer.wrap(pi.getData()).getInt();
    }

    private static List<Integer> tagsOut(FakeSwitch s) {
        List<Integer> tags = new ArrayList<>();
        for (OFPacketOut po : s.received(OFPacketOut.class)) {
            tags.add(ByteBuffer.wrap(po.getData()).getInt());
        }
        return tags;
    }

    @Test
    void answersToOneBurstLeaveInOneWriteInArrivalOrder() {
        manager.addMessageListener(answering);
        FakeSwitch s = connected(1);

        s.sendBurst(burst(s, 100, 50));

        assertThat(tagsOut(s)).hasSize(50).isSorted().startsWith(100).endsWith(149);
        assertThat(s.writes()).isEqualTo(1);
        assertThat(s.received(OFPacketOut.class)).extracting(OFMessage::getXid).doesNotContain(0L).doesNotHaveDuplicates();
    }

    @Test
    void portStatusBetweenPacketInsIsSeenBetweenThem() {
        List<String> ports = new ArrayList<>();
        manager.addMessageListener(answering);
        manager.addListener(new SwitchListener() {
            @Override
            public void portChanged(OfSwitch sw, PortDesc port, PortDesc previous, PortChange change) {
                seen.add(sw.dpid().value() + ":port " + port.number() + " " + change);
                ports.add(change.toString());
            }
        });
        FakeSwitch s = connected(1);
        List<OFMessage> msgs = new ArrayList<>(burst(s, 1, 2));
        msgs.add(s.factory.buildPortStatus().setReason(OFPortReason.ADD).setDesc(s.port(3, true)).build());
        msgs.add(packetIn(s, 3));

        s.sendBurst(msgs);

        assertThat(seen).containsExactly("1:1", "1:2", "1:port 3 ADDED", "1:PORT_STATUS", "1:3");
        assertThat(tagsOut(s)).containsExactly(1, 2, 3);
    }

    @Test
    void aRequestMadeWhileAnsweringLeavesAfterWhatWasSentBeforeIt() {
        manager.addMessageListener((sw, m) -> {
            if (m instanceof OFPacketIn pi) {
                manager.send(sw.dpid(), sw.factory().buildFlowAdd().setPriority(tag(pi)).build());
                manager.barrier(sw.dpid());
                manager.send(sw.dpid(), sw.factory().buildFlowAdd().setPriority(tag(pi) + 1).build());
            }
        });
        FakeSwitch s = connected(1);

        s.send(packetIn(s, 10));

        assertThat(s.received()).extracting(m -> m instanceof OFFlowAdd f ? "flow " + f.getPriority()
                : m instanceof OFBarrierRequest ? "barrier" : m.getType().toString())
                .containsExactly("flow 10", "barrier", "flow 11");
    }

    @Test
    void burstsOfSeveralSwitchesAreServedInArrivalOrderEachWithItsOwnWrite() {
        manager.addMessageListener(answering);
        FakeSwitch a = connected(1);
        FakeSwitch b = connected(2);
        events.hold(true);

        a.sendBurst(burst(a, 1, 3));
        b.sendBurst(burst(b, 1, 2));
        a.sendBurst(burst(a, 4, 1));
        events.runQueued();
        a.pump();
        b.pump();

        assertThat(seen).containsExactly("1:1", "1:2", "1:3", "2:1", "2:2", "1:4");
        assertThat(tagsOut(a)).containsExactly(1, 2, 3, 4);
        assertThat(tagsOut(b)).containsExactly(1, 2);
        assertThat(a.writes()).isEqualTo(1);
        assertThat(b.writes()).isEqualTo(1);
    }

    @Test
    void otherEventThreadWorkRunsBetweenLongRunsOfBursts() {
        manager.addMessageListener(answering);
        FakeSwitch s = connected(1);
        events.hold(true);
        int bursts = SessionInbox.MAX_TASKS_PER_DRAIN + 6;
        for (int i = 0; i < bursts; i++) {
            s.send(packetIn(s, i));
        }
        List<Integer> seenWhenTimerRan = new ArrayList<>();
        events.execute(() -> seenWhenTimerRan.add(seen.size()));

        events.runQueued();
        assertThat(seenWhenTimerRan).containsExactly(SessionInbox.MAX_TASKS_PER_DRAIN);
        events.runQueued();
        s.pump();

        assertThat(seen).hasSize(bursts);
        assertThat(tagsOut(s)).hasSize(bursts).isSorted();
    }

    @Test
    void switchThatDoesNotReadItsAnswersLosesItsPacketInsAndStallsNoOne() {
        manager.addMessageListener(answering);
        FakeSwitch slow = connected(1);
        FakeSwitch fast = connected(2);
        slow.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);

        slow.sendBurst(burst(slow, 1, 5));
        fast.sendBurst(burst(fast, 1, 5));

        assertThat(tagsOut(fast)).containsExactly(1, 2, 3, 4, 5);
        assertThat(tagsOut(slow)).isEmpty();
        assertThat(manager.stats().packetInsDroppedUnread.sum()).isEqualTo(5);
        assertThat(manager.stats().packetInsDropped.sum()).isEqualTo(5);

        slow.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        slow.send(packetIn(slow, 6));
        assertThat(tagsOut(slow)).containsExactly(6);
    }

    @Test
    void listenerThatThrowsOnOnePacketInLeavesTheRestOfTheBurstAnswered() {
        manager.addMessageListener((sw, m) -> {
            if (m instanceof OFPacketIn pi && tag(pi) == 2) {
                throw new IllegalStateException("boom");
            }
        });
        manager.addMessageListener(answering);
        FakeSwitch s = connected(1);

        s.sendBurst(burst(s, 1, 3));

        assertThat(tagsOut(s)).containsExactly(1, 2, 3);
        assertThat(manager.listenerFaults()).isEqualTo(1);
        assertThat(s.isOpen()).isTrue();
    }

    @Test
    void compactAndOpenFlowJMessagesOfOneBurstLeaveInOrderWithFreshXids() {
        manager.addMessageListener((sw, m) -> {
            if (m instanceof OFPacketIn pi) {
                manager.send(sw.dpid(), CompactPacketOut.ofFrame(sw.version(), 1, 2, 0xffff, pi.getData()));
                manager.send(sw.dpid(), sw.factory().buildFlowAdd().setXid(0).setPriority(tag(pi)).build());
            }
        });
        FakeSwitch s = connected(1);

        s.sendBurst(burst(s, 1, 2));

        assertThat(s.received()).extracting(m -> m instanceof OFFlowAdd f ? "flow " + f.getPriority()
                : "out " + ByteBuffer.wrap(((OFPacketOut) m).getData()).getInt())
                .containsExactly("out 1", "flow 1", "out 2", "flow 2");
        assertThat(s.received()).extracting(OFMessage::getXid).doesNotContain(0L).doesNotHaveDuplicates();
        assertThat(s.writes()).isEqualTo(1);
    }

    @Test
    void messageThatCannotBeEncodedIsLeftOutAndTheRestStillLeave() {
        manager.addMessageListener((sw, m) -> {
            if (m instanceof OFPacketIn pi) {
                manager.send(sw.dpid(), CompactPacketOut.ofFrame(sw.version(), 1, 0xff05, 0xffff, pi.getData()));
                manager.send(sw.dpid(), CompactPacketOut.ofFrame(sw.version(), 1, 2, 0xffff, pi.getData()));
            }
        });
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_10, 1, 1, 2).connect();
        s.clearReceived();

        s.send(s.factory.buildPacketIn().setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.of(1))
                .setReason(OFPacketInReason.NO_MATCH).setData(ByteBuffer.allocate(60).putInt(9).array()).build());

        assertThat(tagsOut(s)).containsExactly(9);
        assertThat(s.isOpen()).isTrue();
    }

    @Test
    void sendsOutsideABurstLeaveAtOnce() {
        FakeSwitch s = connected(1);
        OfSwitch sw = manager.getSwitch(s.dpid);

        manager.send(s.dpid, sw.factory().buildFlowAdd().setPriority(7).build());
        s.pump();

        assertThat(s.received(OFFlowAdd.class)).extracting(OFFlowAdd::getPriority).containsExactly(7);
        assertThat(s.received(OFFlowAdd.class).get(0).getXid()).isNotZero();
    }
}
