package io.flowlb.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class ProblemLogTest {

    private final RecordingLog log = new RecordingLog();
    private final ProblemLog problems = new ProblemLog(log, "report to controller");

    @Test
    void logsTheFirstOccurrenceOfEachKindAndCountsEveryOne() {
        for (int i = 0; i < 50; i++) {
            problems.problem("connection refused", "cannot connect: attempt " + i);
        }
        problems.problem("HTTP 400", "rejected: bad port");
        problems.problem("HTTP 400", "rejected: bad port");

        assertThat(log.lines()).containsExactly(
                "WARN report to controller: cannot connect: attempt 0 (repeats of 'connection refused' are counted, not logged)",
                "WARN report to controller: rejected: bad port (repeats of 'HTTP 400' are counted, not logged)");
        assertThat(problems.count("connection refused")).isEqualTo(50);
        assertThat(problems.total()).isEqualTo(52);
    }

    @Test
    void recoveryIsLoggedOnceAndTheNextFailureIsLoggedAgain() {
        problems.problem("timeout", "timed out");
        problems.problem("timeout", "timed out");
        problems.clear();
        problems.clear();
        problems.problem("timeout", "timed out again");

        assertThat(log.lines()).hasSize(3);
        assertThat(log.lines().get(1)).isEqualTo("INFO report to controller: ok again after 2 failure(s) {timeout=2}");
        assertThat(log.lines().get(2)).contains("timed out again");
        assertThat(problems.count("timeout")).isEqualTo(3);
    }

    @Test
    void classifiesCommonFailuresIntoStableKinds() {
        assertThat(ProblemLog.kindOf(new ConnectException("Connection refused"))).isEqualTo("connection refused");
        assertThat(ProblemLog.kindOf(new HttpTimeoutException("request timed out"))).isEqualTo("timeout");
        assertThat(ProblemLog.kindOf(new NoSuchFileException("/x"))).isEqualTo("missing file");
        assertThat(ProblemLog.kindOf(new IOException("other"))).isEqualTo("IOException");
    }

    @Test
    void abbreviatesLongOrMultiLineTextForOneLogLine() {
        assertThat(ProblemLog.abbreviate("line1\nline2", 100)).isEqualTo("line1?line2");
        assertThat(ProblemLog.abbreviate("x".repeat(300), 10)).isEqualTo("xxxxxxxxxx...");
    }
}
