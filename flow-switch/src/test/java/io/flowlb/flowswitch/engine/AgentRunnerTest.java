package io.flowlb.flowswitch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AgentRunnerTest {

    /** Throws on every third call, of two kinds in turn; counts the calls that succeeded. */
    static final class FlakyAgent implements Agent {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicReference<String> startThread = new AtomicReference<>();
        final AtomicReference<String> closeThread = new AtomicReference<>();
        final CountDownLatch enoughWork = new CountDownLatch(300);

        @Override
        public void onStart() {
            startThread.set(Thread.currentThread().getName());
        }

        @Override
        public int doWork() {
            int n = calls.incrementAndGet();
            if (n % 3 == 0) {
                throw n % 2 == 0 ? new IllegalStateException("bad state " + n) : new ArithmeticException("bad math " + n);
            }
            completed.incrementAndGet();
            enoughWork.countDown();
            return 1;
        }

        @Override
        public void onClose() {
            closeThread.set(Thread.currentThread().getName());
        }

        @Override
        public String roleName() {
            return "flaky-agent";
        }
    }

    @Test
    void keepsRunningAnAgentThatThrowsAndCountsEveryException() throws Exception {
        FlakyAgent agent = new FlakyAgent();
        AgentRunner runner = new AgentRunner(agent, new BackoffIdleStrategy());

        runner.start();
        assertThat(agent.enoughWork.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.isAlive()).isTrue();
        runner.close();

        assertThat(runner.isAlive()).isFalse();
        assertThat(runner.errors()).isEqualTo(agent.calls.get() / 3);
        assertThat(runner.errors()).isGreaterThanOrEqualTo(100);
        assertThat(agent.startThread.get()).isEqualTo("flaky-agent");
        assertThat(agent.closeThread.get()).isEqualTo("flaky-agent");
    }

    @Test
    void stopsCleanlyWhileTheAgentIdles() {
        Agent idle = new Agent() {
            @Override
            public int doWork() {
                return 0;
            }

            @Override
            public String roleName() {
                return "idle-agent";
            }
        };
        AgentRunner runner = new AgentRunner(idle, new BackoffIdleStrategy());
        runner.start();

        long start = System.nanoTime();
        runner.close();

        assertThat(runner.isAlive()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
        assertThat(runner.errors()).isZero();
    }
}
