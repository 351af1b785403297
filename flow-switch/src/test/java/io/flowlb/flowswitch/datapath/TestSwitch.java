package io.flowlb.flowswitch.datapath;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.apps.StandardApps;
import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowRemoved;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.GroupModCommand;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.PacketIn;
import io.flowlb.flowswitch.datapath.spec.PortDesc;
import io.flowlb.flowswitch.datapath.spec.PortStatusReason;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A switch for tests: the real datapath and pipeline with in-memory ports, a manual clock and a
 * listener that records events. Frames go in with {@link #receive}; what comes out is read per
 * port with {@link #sent}.
 */
final class TestSwitch {
    final ManualClock clock = new ManualClock();
    final Datapath datapath;
    final Pipeline pipeline;
    final Map<Integer, TestPort> ports = new LinkedHashMap<>();
    final List<PacketIn> packetIns = new ArrayList<>();
    final List<FlowRemoved> removed = new ArrayList<>();
    final List<String> portEvents = new ArrayList<>();

    TestSwitch(int portCount) {
        this(DatapathConfig.defaults(1, StandardApps.all()).withConnectionsPerPoller(1 << 13)
                .withMicroflowPolicy(1, 0), portCount); // cache consulted and filled: tests exercise replay
    }

    TestSwitch(DatapathConfig config, int portCount) {
        datapath = new Datapath(config, clock);
        datapath.setListener(new DatapathListener() {
            @Override
            public void onPacketIn(PacketIn packetIn) {
                packetIns.add(packetIn);
            }

            @Override
            public void onFlowRemoved(FlowRemoved r) {
                removed.add(r);
            }

            @Override
            public void onPortStatus(PortStatusReason reason, PortDesc port) {
                portEvents.add(reason + " " + port.name() + (port.isLive() ? " live" : " down"));
            }
        });
        for (int i = 1; i <= portCount; i++) {
            TestPort p = new TestPort(i);
            ports.put(i, p);
            datapath.addPort(p);
        }
        pipeline = datapath.newPipeline();
    }

    TestPort port(int no) {
        return ports.get(no);
    }

    /** One frame in on {@code inPort}, as a burst of one. */
    void receive(int inPort, byte[] frame) {
        receive(inPort, frame, 0);
    }

    void receive(int inPort, byte[] frame, int flags) {
        MemorySegment seg = MemorySegment.ofArray(frame.clone());
        pipeline.onFrame(inPort, seg, 0, frame.length, flags);
        pipeline.endOfBurst();
    }

    /** Frames transmitted on {@code port} since the last call. */
    List<byte[]> sent(int port) {
        return ports.get(port).take();
    }

    /** Where the frames went: port number to count, for every port, since the last call. */
    Map<Integer, Integer> where() {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, TestPort> e : ports.entrySet()) {
            int n = e.getValue().take().size();
            if (n > 0) {
                out.put(e.getKey(), n);
            }
        }
        return out;
    }

    void add(FlowSpec spec) {
        assertThat(datapath.flowMod(FlowMod.add(spec))).isEqualTo(DatapathError.NONE);
    }

    void addGroup(GroupSpec spec) {
        assertThat(datapath.groupMod(GroupModCommand.ADD, spec)).isEqualTo(DatapathError.NONE);
    }

    /** Lets the control side run: packet-ins, port changes, timeouts. */
    void housekeeping() {
        datapath.doWork(clock.nanoTime());
    }

    long counter(String name) {
        return datapath.counters().getOrDefault(name, 0L);
    }

    /** A manual clock, in nanoseconds. */
    static final class ManualClock implements NanoClock {
        long now = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }

        void advanceSeconds(double s) {
            now += (long) (s * 1e9);
        }
    }
}
