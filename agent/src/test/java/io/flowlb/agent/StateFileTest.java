package io.flowlb.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    @TempDir
    Path dir;
    private final RecordingLog log = new RecordingLog();

    @Test
    void noFileConfiguredMissingOrEmptyMeansReady() throws IOException {
        Path path = dir.resolve("state");

        assertThat(new StateFile(null, log).current()).isEqualTo(AgentState.READY);
        assertThat(new StateFile(path, log).current()).isEqualTo(AgentState.READY);
        Files.writeString(path, "\n  \n");
        assertThat(new StateFile(path, log).current()).isEqualTo(AgentState.READY);
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void readsTheOperatorsWordAtEveryCallAndLogsEachChangeOnce() throws IOException {
        Path path = Files.writeString(dir.resolve("state"), "ready\n");
        StateFile file = new StateFile(path, log);

        assertThat(file.current()).isEqualTo(AgentState.READY);
        Files.writeString(path, "DRAIN\n");
        assertThat(file.current()).isEqualTo(AgentState.DRAIN);
        assertThat(file.current()).isEqualTo(AgentState.DRAIN);
        Files.writeString(path, "# set by ops\nmaint for kernel upgrade\n");
        assertThat(file.current()).isEqualTo(AgentState.MAINT);
        Files.writeString(path, "down");
        assertThat(file.current()).isEqualTo(AgentState.DOWN);
        Files.writeString(path, "up");
        assertThat(file.current()).isEqualTo(AgentState.READY);

        assertThat(log.lines()).containsExactly(
                "INFO agent state ready -> drain (state file " + path + ")",
                "INFO agent state drain -> maint (state file " + path + ")",
                "INFO agent state maint -> down (state file " + path + ")",
                "INFO agent state down -> ready (state file " + path + ")");
    }

    @Test
    void anUnknownWordKeepsThePreviousStateAndIsLoggedOnce() throws IOException {
        Path path = Files.writeString(dir.resolve("state"), "drain\n");
        StateFile file = new StateFile(path, log);

        Files.writeString(path, "drian\n");
        assertThat(file.current()).isEqualTo(AgentState.DRAIN);
        assertThat(file.current()).isEqualTo(AgentState.DRAIN);

        assertThat(log.lines()).hasSize(1);
        assertThat(log.lines().getFirst()).contains("unknown state 'drian'", "keeping state drain");
    }

    @Test
    void theInitialStateIsReadWithoutLoggingAChange() throws IOException {
        Path path = Files.writeString(dir.resolve("state"), "maint\n");

        assertThat(new StateFile(path, log).current()).isEqualTo(AgentState.MAINT);
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void haproxyWordsForFailureMeanDown() {
        assertThat(AgentState.parse("fail")).isEqualTo(AgentState.DOWN);
        assertThat(AgentState.parse("stopped")).isEqualTo(AgentState.DOWN);
        assertThat(AgentState.parse("Up")).isEqualTo(AgentState.READY);
        assertThat(AgentState.parse("75%")).isNull();
    }
}
