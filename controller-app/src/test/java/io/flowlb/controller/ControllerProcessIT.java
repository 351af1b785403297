package io.flowlb.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lab.Lab;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller as a user runs it ({@code ControllerMain} in its own JVM, the way
 * {@code ./flowlb controller} starts it): a bridge connects and its hosts ping; the log has one
 * line per connect and disconnect and none per packet; SIGTERM shuts it down cleanly.
 */
class ControllerProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Lab lab = new Lab();
    private Process process;

    @BeforeEach
    void sandbox() {
        Lab.requireSandbox();
    }

    @AfterEach
    void stop() {
        lab.close();
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void runsAsAProgramLogsSwitchEventsAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path log = dir.resolve("controller.log");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = Path.of("target", "classes") + File.pathSeparator + Path.of("target", "lib") + File.separator + "*";
        process = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp", cp,
                "io.flowlb.controller.ControllerMain", "--openflow-port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(Lab.await(WAIT, () -> read(log).contains("listening for OpenFlow"))).as(read(log)).isTrue();

        lab.bridge("br7", 7, "OpenFlow13", port);
        lab.host("h1", "10.0.7.1/24", "br7", 1);
        lab.host("h2", "10.0.7.2/24", "br7", 2);
        assertThat(lab.ping("h1", "10.0.7.2", WAIT)).as(read(log)).isTrue();
        for (int i = 0; i < 20; i++) {
            lab.ping("h2", "10.0.7.1", WAIT);
        }

        process.destroy();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
        String text = read(log);
        assertThat(text).contains("switch 00:00:00:00:00:00:00:07 connected (OF_13")
                .contains("switch 00:00:00:00:00:00:00:07 disconnected").contains("flowlb controller stopped");
        assertThat(text.lines().count()).as("no per-packet logging:%n%s", text).isLessThan(30);
        assertThat(text).doesNotContain("Exception");
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
