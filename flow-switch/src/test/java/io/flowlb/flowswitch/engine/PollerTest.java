package io.flowlb.flowswitch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.io.FrameHandler;
import io.flowlb.flowswitch.io.MemoryPort;
import io.flowlb.flowswitch.io.NetPort;
import io.flowlb.flowswitch.io.PortCounters;
import io.flowlb.flowswitch.io.RecordingHandler;
import io.flowlb.flowswitch.io.TxQueue;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollerTest {
    private final ManualNanoClock clock = new ManualNanoClock();
    private final RecordingHandler handler = new RecordingHandler();
    private final Poller poller = new Poller("poller-test", handler, clock);
    private final MemoryPort one = new MemoryPort(1, "one");
    private final MemoryPort two = new MemoryPort(2, "two");

    @AfterEach
    void close() {
        one.close();
        two.close();
    }

    private static void inject(MemoryPort port, int frames) {
        for (int i = 0; i < frames; i++) {
            byte[] f = new byte[60];
            f[0] = (byte) i;
            port.inject(f);
        }
    }

    @Test
    void pollsEveryOwnedPortForABurstOfAtMost32AndEndsEachNonEmptyBurst() {
        poller.assign(one);
        poller.assign(two);
        inject(one, 40);
        inject(two, 3);

        assertThat(poller.doWork()).isEqualTo(32 + 3);
        assertThat(handler.bursts).isEqualTo(2);
        assertThat(poller.doWork()).isEqualTo(8);
        assertThat(handler.bursts).isEqualTo(3);
        assertThat(poller.doWork()).isZero();
        assertThat(handler.bursts).isEqualTo(3);

        assertThat(handler.frames).extracting(RecordingHandler.Seen::port).filteredOn(p -> p == 2).hasSize(3);
    }

    @Test
    void takesPortsOnAndOffThroughCommandsRunOnItsOwnThread() {
        inject(one, 2);
        CompletableFuture<Void> added = poller.addPort(one);
        assertThat(added).isNotDone();

        assertThat(poller.doWork()).as("one command and two frames").isEqualTo(3);
        assertThat(added).isCompleted();

        CompletableFuture<Void> removed = poller.removePort(one);
        poller.doWork();
        assertThat(removed).isCompleted();
        inject(one, 1);
        poller.doWork();
        assertThat(handler.frames).hasSize(2);
        assertThat(poller.ports()).isEmpty();
    }

    @Test
    void runsQueuedCommandsBeforeItPolls() {
        poller.assign(one);
        inject(one, 1);
        int[] framesSeenByCommand = {-1};
        poller.execute(() -> framesSeenByCommand[0] = handler.frames.size());

        poller.doWork();

        assertThat(framesSeenByCommand[0]).isZero();
        assertThat(handler.frames).hasSize(1);
    }

    @Test
    void refusesCommandsWhenItsQueueIsFull() {
        Poller small = new Poller("small", handler, clock, 32, 2);
        assertThat(small.execute(() -> { })).isTrue();
        assertThat(small.execute(() -> { })).isTrue();

        assertThat(small.execute(() -> { })).isFalse();
        assertThat(small.addPort(one)).isCompletedExceptionally();
    }

    @Test
    void runsPortHousekeepingEvery100MillisecondsOfItsClock() {
        CountingPort port = new CountingPort(one);
        poller.assign(port);

        poller.doWork();
        assertThat(port.housekeeping).isZero();
        clock.advanceMillis(100);
        poller.doWork();
        poller.doWork();
        assertThat(port.housekeeping).isEqualTo(1);
        clock.advanceMillis(99);
        poller.doWork();
        assertThat(port.housekeeping).isEqualTo(1);
        clock.advanceMillis(1);
        poller.doWork();
        assertThat(port.housekeeping).isEqualTo(2);
    }

    @Test
    void givesThePipelineIdleWorkOnlyInRoundsWithoutFrames() {
        long[] idleCalls = {0, -1};
        FrameHandler pipeline = new FrameHandler() {
            @Override
            public void onFrame(int inPort, MemorySegment frame, long offset, int length, int flags) {
            }

            @Override
            public int doIdleWork(long nowNanos, int budget) {
                idleCalls[0]++;
                idleCalls[1] = nowNanos;
                return idleCalls[0] == 1 ? budget : 0;
            }
        };
        Poller p = new Poller("idle-work", pipeline, clock);
        p.assign(one);
        clock.advanceMillis(7);

        assertThat(p.doWork()).as("expiry work counts as work").isEqualTo(Poller.IDLE_BUDGET);
        assertThat(p.doWork()).isZero();
        inject(one, 1);
        assertThat(p.doWork()).isEqualTo(1);

        assertThat(idleCalls[0]).isEqualTo(2);
        assertThat(idleCalls[1]).isEqualTo(7_000_000L);
    }

    @Test
    void offersItsPortsDescriptorsToAnIdleStrategy() {
        poller.assign(new CountingPort(one));
        poller.assign(two);

        assertThat(poller.fdCount()).isEqualTo(2);
        assertThat(poller.fd(0)).isEqualTo(42);
        assertThat(poller.fd(1)).as("a memory port has none").isEqualTo(-1);
    }

    /** Counts housekeeping calls and reports a fixed descriptor. */
    static final class CountingPort implements NetPort {
        final MemoryPort inner;
        int housekeeping;

        CountingPort(MemoryPort inner) {
            this.inner = inner;
        }

        @Override
        public int portNo() {
            return inner.portNo();
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public long hwAddr() {
            return inner.hwAddr();
        }

        @Override
        public int mtu() {
            return inner.mtu();
        }

        @Override
        public boolean linkUp() {
            return inner.linkUp();
        }

        @Override
        public int poll(FrameHandler h, int maxFrames) {
            return inner.poll(h, maxFrames);
        }

        @Override
        public TxQueue openTxQueue() {
            return inner.openTxQueue();
        }

        @Override
        public PortCounters counters() {
            return inner.counters();
        }

        @Override
        public int pollFd() {
            return 42;
        }

        @Override
        public void housekeeping() {
            housekeeping++;
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
