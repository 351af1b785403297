package io.flowlb.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControllerMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ControllerMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void flagsOverrideTheConfigFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{ \"openflow\": { \"ports\": [7000] }, \"rest\": { \"port\": 9000 } }");

        ControllerMain.Options o = ControllerMain.parse(new String[] {"--config", file.toString(), "--openflow-port",
            "6653", "--openflow-port=6700,6701", "--rest-port", "8181", "--no-l2"});

        assertThat(o.config().openflow().ports()).containsExactly(6653, 6700, 6701);
        assertThat(o.config().rest().port()).isEqualTo(8181);
        assertThat(o.config().l2().enabled()).isFalse();
    }

    @Test
    void badFlagsExitWithStatusTwoAndAReason() {
        assertThat(run("--openflow-port", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("'x' is not a TCP port");
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown option '--frobnicate'");
        assertThatThrownBy(() -> ControllerMain.parse(new String[] {"--config"})).hasMessageContaining("needs a value");
    }

    @Test
    void helpAndPrintConfigExitZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--openflow-port").contains("--no-l2");
        out.reset();
        assertThat(run("--print-config", "--openflow-port", "7777")).isZero();
        assertThat(out.toString()).contains("7777").contains("\"idleTimeoutSeconds\" : 30");
    }

    @Test
    void portInUseFailsTheStartNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertThat(run("--openflow-port", String.valueOf(port))).isEqualTo(1);
            assertThat(err.toString()).contains("cannot listen for OpenFlow on 0.0.0.0:" + port)
                    .contains("in use");
        }
    }
}
