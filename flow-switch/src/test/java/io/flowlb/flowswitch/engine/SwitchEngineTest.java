package io.flowlb.flowswitch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.flowswitch.io.MemoryPort;
import io.flowlb.flowswitch.io.RecordingHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SwitchEngineTest {

    private static byte[] frame(int tag) {
        byte[] f = new byte[64];
        f[0] = (byte) tag;
        f[12] = 0x08;
        return f;
    }

    @Test
    void sharesPortsRoundRobinAmongPollersEachWithItsOwnPipeline() {
        List<MemoryPort> ports = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ports.add(new MemoryPort(i, "p" + i));
        }
        List<RecordingHandler> pipelines = new ArrayList<>();
        SwitchEngine engine = SwitchEngine.builder().ports(ports).pollers(2)
                .pipelines(i -> {
                    RecordingHandler h = new RecordingHandler();
                    pipelines.add(h);
                    return h;
                })
                .threadingMode(SwitchEngine.ThreadingMode.INVOKER).clock(new ManualNanoClock()).build();

        assertThat(engine.pollers()).extracting(Poller::roleName).containsExactly("poller-0", "poller-1");
        assertThat(engine.pollers().get(0).ports()).containsExactly(ports.get(0), ports.get(2), ports.get(4));
        assertThat(engine.pollers().get(1).ports()).containsExactly(ports.get(1), ports.get(3));
        assertThat(engine.pollerOf(ports.get(3))).isSameAs(engine.pollers().get(1));
        assertThat(pipelines).hasSize(2);
        engine.close();
    }

    @Test
    void forwardsThroughAPatchWhenTheTestDrivesItOnItsOwnThread() throws Exception {
        MemoryPort a = new MemoryPort(1, "a");
        MemoryPort b = new MemoryPort(2, "b");
        SwitchEngine engine = SwitchEngine.builder().ports(List.of(a, b)).pipelines(PatchPanel.between(a, b))
                .threadingMode(SwitchEngine.ThreadingMode.INVOKER).clock(new ManualNanoClock()).build();
        engine.start();

        a.inject(frame(1));
        b.inject(frame(2));
        b.inject(frame(3));
        assertThat(engine.doWork()).isEqualTo(3);

        assertThat(b.drainTransmitted()).extracting(f -> f[0]).containsExactly((byte) 1);
        assertThat(a.drainTransmitted()).extracting(f -> f[0]).containsExactly((byte) 2, (byte) 3);
        engine.close();
        assertThat(a.linkUp()).as("ports closed with the engine").isFalse();
    }

    @Test
    void runsHousekeepingAgentsAfterThePollersInInvokerMode() throws Exception {
        MemoryPort a = new MemoryPort(1, "a");
        int[] runs = new int[1];
        Agent housekeeping = new Agent() {
            @Override
            public int doWork() {
                runs[0]++;
                return 0;
            }

            @Override
            public String roleName() {
                return "counter";
            }
        };
        SwitchEngine engine = SwitchEngine.builder().ports(List.of(a)).pipelines(i -> new RecordingHandler())
                .housekeeping(housekeeping).threadingMode(SwitchEngine.ThreadingMode.INVOKER).build();
        engine.start();

        engine.doWork();
        engine.doWork();

        assertThat(runs[0]).isEqualTo(2);
        engine.close();
    }

    @Test
    void runsPollersOnNamedThreadsAndStopsThemOnClose() throws Exception {
        MemoryPort a = new MemoryPort(1, "a");
        MemoryPort b = new MemoryPort(2, "b");
        SwitchEngine engine = SwitchEngine.builder().ports(List.of(a, b)).pollers(2)
                .pipelines(PatchPanel.between(a, b)).idleMode(IdleMode.BACKOFF).build();
        engine.start();
        assertThat(engine.runners()).extracting(r -> r.thread().getName()).containsExactly("poller-0", "poller-1");

        a.inject(frame(7));
        byte[] out = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (out == null && System.nanoTime() < deadline) {
            out = b.takeTransmitted();
            Thread.sleep(1);
        }
        engine.close();

        assertThat(out).isNotNull().startsWith((byte) 7);
        assertThat(engine.runners()).noneMatch(AgentRunner::isAlive);
        assertThat(engine.errors()).isZero();
    }

    @Test
    void refusesToBuildWithoutAPipelineOrWithZeroPollers() {
        assertThatThrownBy(() -> SwitchEngine.builder().build()).hasMessageContaining("pipeline");
        assertThatThrownBy(() -> SwitchEngine.builder().pollers(0)).hasMessageContaining("--pollers");
    }
}
