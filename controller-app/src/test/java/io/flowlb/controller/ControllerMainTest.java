package io.flowlb.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
        assertThat(out.toString()).contains("--openflow-port").contains("--no-l2").contains("--state-dir")
                .contains("--lb-config").contains("--rest-token").contains("FLOWLB_REST_TOKEN");
        out.reset();
        assertThat(run("--print-config", "--openflow-port", "7777")).isZero();
        assertThat(out.toString()).contains("7777").contains("\"idleTimeoutSeconds\" : 30").contains("\"state\"")
                .contains("\"lbConfig\"").contains("\"authReads\"");
    }

    @Test
    void restTokenComesFromTheFlagElseTheFileElseTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{ \"rest\": { \"token\": \"from-file\" } }");
        Map<String, String> env = Map.of("FLOWLB_REST_TOKEN", "from-env");

        assertThat(ControllerMain.parse(new String[] {"--config", file.toString(), "--rest-token", "from-flag"}, env)
                .config().rest().token()).isEqualTo("from-flag");
        assertThat(ControllerMain.parse(new String[] {"--config", file.toString()}, env).config().rest().token())
                .isEqualTo("from-file");
        assertThat(ControllerMain.parse(new String[0], env).config().rest().token()).isEqualTo("from-env");
        assertThat(ControllerMain.parse(new String[0], Map.of()).config().rest().token()).isNull();
        assertThatThrownBy(() -> ControllerMain.parse(new String[] {"--rest-token", "a b"}, Map.of()))
                .hasMessageContaining("--rest-token must be printable ASCII");
    }

    @Test
    void readsNeedingATokenWithoutOneIsAConfigurationError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{ \"rest\": { \"authReads\": true } }");

        assertThatThrownBy(() -> ControllerMain.parse(new String[] {"--config", file.toString()}, Map.of()))
                .hasMessageContaining("'rest.authReads' is true but no token is set");
        assertThat(ControllerMain.parse(new String[] {"--config", file.toString()}, Map.of("FLOWLB_REST_TOKEN", "t"))
                .config().rest().authReads()).isTrue();
    }

    @Test
    void stateDirAndLbConfigFlagsAreAbsolutePaths() {
        ControllerMain.Options o = ControllerMain.parse(new String[] {"--state-dir", "st", "--lb-config=lb.json"},
                Map.of());

        assertThat(o.config().state().dir()).isEqualTo(Path.of("st").toAbsolutePath());
        assertThat(o.config().state().lbConfig()).isEqualTo(Path.of("lb.json").toAbsolutePath());
    }

    @Test
    void portInUseFailsTheStartNamingThePort(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertThat(run("--openflow-port", String.valueOf(port), "--rest-port", "0", "--state-dir",
                    dir.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("cannot listen for OpenFlow on 0.0.0.0:" + port)
                    .contains("in use");
        }
    }

    @Test
    void anLbConfigWithAnUnknownKeyExitsWithStatusTwoAndOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path lb = dir.resolve("lb.json");
        Files.writeString(lb, "{ \"pools\": [ { \"id\": \"web\", \"algoritm\": \"weighted\" } ] }");

        assertThat(run("--lb-config", lb.toString(), "--openflow-port", "0", "--rest-port", "0", "--state-dir",
                dir.resolve("state").toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("flowlb controller: cannot load the configuration file " + lb)
                .contains("algoritm").hasLineCount(1);
    }

    @Test
    void aCorruptStateFileExitsWithStatusTwoNamingTheFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state").resolve("lb-state.json"), "not json");

        assertThat(run("--openflow-port", "0", "--rest-port", "0", "--state-dir", dir.resolve("state").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("lb-state.json").hasLineCount(1);
    }

    @Test
    void aRestPortInUseExitsWithStatusOneNamingThePort(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertThat(run("--openflow-port", "0", "--rest-port", String.valueOf(port), "--state-dir",
                    dir.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("cannot serve the REST API on 0.0.0.0:" + port).contains("in use")
                    .hasLineCount(1);
        }
    }
}
