package io.flowlb.flowswitch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PinnedAgentTest {

    /** An agent that records the CPU set of its thread when it starts. */
    private static final class Recording implements Agent {
        final List<String> events = new ArrayList<>();

        @Override
        public void onStart() {
            events.add("start");
        }

        @Override
        public int doWork() {
            events.add("work");
            return 1;
        }

        @Override
        public void onClose() {
            events.add("close");
        }

        @Override
        public String roleName() {
            return "poller-test";
        }
    }

    /** The CPUs a task may run on, from its /proc status file ("0-1", "3"). */
    private static String cpusAllowed(String status) throws Exception {
        for (String line : Files.readAllLines(Path.of(status))) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        throw new IllegalStateException("no Cpus_allowed_list in " + status);
    }

    private static int allowedCpu() throws Exception {
        return Integer.parseInt(cpusAllowed("/proc/self/status").split("[,-]")[0]);
    }

    private static String cpusOfThisThread() throws Exception {
        return cpusAllowed("/proc/thread-self/status");
    }

    @Test
    void pinsItsThreadToTheCpuBeforeTheAgentStartsAndPassesEverythingOn() throws Exception {
        int cpu = allowedCpu();
        Recording agent = new Recording();
        PinnedAgent pinned = new PinnedAgent(agent, cpu);
        String[] seen = new String[1];
        Thread t = new Thread(() -> {
            pinned.onStart();
            try {
                seen[0] = cpusOfThisThread();
                pinned.doWork();
            } catch (Exception e) {
                seen[0] = e.toString();
            }
            pinned.onClose();
        });
        t.start();
        t.join();

        assertThat(pinned.pinned()).isTrue();
        assertThat(seen[0]).isEqualTo(Integer.toString(cpu));
        assertThat(agent.events).containsExactly("start", "work", "close");
        assertThat(pinned.roleName()).isEqualTo("poller-test");
    }

    @Test
    void aCpuTheProcessCannotUseLeavesTheAgentRunningUnpinned() throws Exception {
        Recording agent = new Recording();
        PinnedAgent pinned = new PinnedAgent(agent, 1023);
        Thread t = new Thread(pinned::onStart);
        t.start();
        t.join();

        assertThat(pinned.pinned()).isFalse();
        assertThat(agent.events).containsExactly("start");
        assertThatThrownBy(() -> new PinnedAgent(agent, 1024)).hasMessageContaining("no such CPU");
    }
}
