package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.apps.StandardApps;
import io.flowlb.flowswitch.datapath.Datapath;
import io.flowlb.flowswitch.datapath.DatapathConfig;
import io.flowlb.flowswitch.engine.SwitchEngine;
import io.flowlb.flowswitch.io.MemoryPort;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The agent over the real datapath and poller engine with in-memory ports, all driven on the test
 * thread (the engine in invoker mode, one manual clock for the pollers and the datapath): frames go
 * in on a port, OpenFlow goes in on a channel, and the test sees what leaves both.
 */
final class RealSwitch {
    long now = 1_000_000_000L;
    final Datapath datapath;
    final List<MemoryPort> ports = new ArrayList<>();
    final SwitchEngine engine;
    final ProblemLog problems = new ProblemLog();
    final SwitchAgent agent;

    RealSwitch(int portCount, Function<Datapath, FailModePolicy> failMode) {
        datapath = new Datapath(DatapathConfig.defaults(1, StandardApps.all()).withConnectionsPerPoller(1 << 12),
                () -> now);
        for (int i = 1; i <= portCount; i++) {
            MemoryPort p = new MemoryPort(i, "mem" + i, 0x0200_0000_0f00L | i, 1500);
            ports.add(p);
            datapath.addPort(p);
        }
        engine = SwitchEngine.builder().ports(ports).pipelines(i -> datapath.newPipeline()).clock(() -> now)
                .threadingMode(SwitchEngine.ThreadingMode.INVOKER).build();
        engine.start();
        agent = new SwitchAgent(datapath, new SwitchIdentity(0x42, "real", "test"), failMode.apply(datapath), problems);
        datapath.setListener(agent);
        agent.start();
    }

    MemoryPort port(int no) {
        return ports.get(no - 1);
    }

    EmbeddedChannel controller() {
        return WireClient.connect(agent, problems, OfSession.Kind.CONTROLLER);
    }

    /** Frames in on a port, then one round of pollers and agent housekeeping. */
    void receive(int port, byte[]... frames) {
        for (byte[] f : frames) {
            port(port).inject(f);
        }
        pump();
    }

    /** Frames in on a port through the pollers only (no agent housekeeping, which publishes staged changes). */
    void forwardOnly(int port, byte[]... frames) {
        for (byte[] f : frames) {
            port(port).inject(f);
        }
        try {
            while (engine.doWork() > 0) {
                // until the pollers are idle
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    void pump() {
        try {
            while (engine.doWork() > 0) {
                // until the pollers are idle
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        datapath.doWork(now);
    }

    void advanceSeconds(int s) {
        now += s * 1_000_000_000L;
    }
}
