package io.flowlb.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.controller.config.ConfigException;
import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.VipId;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole controller started in this JVM the way {@code ./flowlb controller} starts it (no
 * switch, no root): the REST server answers from the same load-balancer state the control loop
 * saves, {@code /metrics} shows every part, a load-balancer configuration file is applied and
 * saved, and start-up errors name what is wrong and leave nothing running.
 */
class ControllerLaunchTest {
    private static final String LB_FILE = """
            { "pools": [ { "id": "web", "algorithm": "weighted" } ],
              "vips": [ { "id": "v1", "address": "10.0.0.100", "protocol": "tcp", "port": 80, "pool_id": "web" } ],
              "members": [ { "id": "m1", "pool_id": "web", "address": "10.0.0.1", "weight": 3 } ] }
            """;

    @TempDir
    Path dir;
    private Controller controller;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private ControllerConfig config(int restPort) {
        ControllerConfig c = ControllerConfig.defaults();
        return c.withOpenflow(c.openflow().withPorts(List.of(0))).withRest(c.rest().withBind("127.0.0.1")
                .withPort(restPort)).withState(c.state().withDir(dir.resolve("state")));
    }

    @Test
    void restChangesAreSavedAndAStartedAgainControllerHasThem() throws Exception {
        int port = freePort();
        controller = Controller.launch(config(port));
        RestClient rest = RestClient.local(port);

        rest.ok("POST", "/api/v1/pools", "{\"id\":\"web\"}");
        rest.ok("POST", "/api/v1/vips", "{\"id\":\"v1\",\"address\":\"10.0.0.100\",\"protocol\":\"tcp\",\"port\":80,"
                + "\"pool_id\":\"web\"}");
        rest.ok("POST", "/api/v1/members", "{\"id\":\"m1\",\"pool_id\":\"web\",\"address\":\"10.0.0.1\"}");
        assertThat(rest.get("/api/v1/switches").json()).isEmpty();
        assertThat(rest.get("/api/v1/vips/v1/distribution").json().get("members")).hasSize(1);
        controller.close();
        controller = Controller.launch(config(port));

        assertThat(controller.lbService().config().vip(VipId.of("v1")).port()).isEqualTo(80);
        assertThat(RestClient.local(port).get("/api/v1/members/m1").status()).isEqualTo(200);
    }

    @Test
    void metricsShowTheOpenFlowCoreTheRestServerAndTheConfiguration() throws Exception {
        int port = freePort();
        controller = Controller.launch(config(port));
        RestClient rest = RestClient.local(port);
        rest.get("/api/v1/vips");

        String metrics = rest.get("/metrics").body();

        assertThat(metrics).contains("flowlb_openflow_sessions_opened_total 0")
                .contains("flowlb_switches_connected 0").contains("flowlb_config_version 0")
                .contains("flowlb_lb_reactive_syns_held_total 0")
                .contains("flowlb_rest_requests_total{method=\"GET\",route=\"/api/v1/vips\",status=\"200\"} 1")
                .contains("# TYPE flowlb_openflow_messages_total counter");
        assertThat(rest.get("/").body()).as("the dashboard").contains("<html");
    }

    @Test
    void anLbConfigFileReplacesTheSavedConfigurationAndIsSaved() throws Exception {
        int port = freePort();
        controller = Controller.launch(config(port));
        RestClient.local(port).ok("POST", "/api/v1/pools", "{\"id\":\"old\"}");
        controller.close();
        Path file = dir.resolve("lb.json");
        Files.writeString(file, LB_FILE);

        controller = Controller.launch(config(port).withState(config(port).state().withLbConfig(file)));
        assertThat(controller.lbService().config().pools()).containsOnlyKeys(PoolId.of("web"));
        controller.close();
        controller = Controller.launch(config(port));

        assertThat(controller.lbService().config().member(MemberId.of("m1")).weight()).isEqualTo(3);
    }

    @Test
    void anLbConfigFileMayBeYaml() throws Exception {
        Path file = dir.resolve("lb.yaml");
        Files.writeString(file, """
                pools:
                  - id: web
                    algorithm: weighted
                vips:
                  - {id: v1, address: 10.0.0.100, protocol: tcp, port: 80, pool_id: web}
                members:
                  - {id: m1, pool_id: web, address: 10.0.0.1, weight: 3}
                """);

        controller = Controller.launch(config(0).withState(config(0).state().withLbConfig(file)));

        assertThat(controller.lbService().config().member(MemberId.of("m1")).weight()).isEqualTo(3);
        assertThat(controller.lbService().config().vip(VipId.of("v1")).port()).isEqualTo(80);
        controller.close();
        Files.writeString(file, Files.readString(file).replace("weight: 3", "wieght: 3"));
        assertThatThrownBy(() -> Controller.launch(config(0).withState(config(0).state().withLbConfig(file))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("members[0].wieght");
    }

    @Test
    void anLbConfigFileWithAnUnknownKeyStopsTheStartNamingTheKey() throws Exception {
        Path file = dir.resolve("lb.json");
        Files.writeString(file, LB_FILE.replace("\"weight\": 3", "\"wieght\": 3"));
        int port = freePort();

        assertThatThrownBy(() -> Controller.launch(config(port).withState(config(port).state().withLbConfig(file))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("wieght");
        assertThat(Files.exists(dir.resolve("state").resolve("lb-state.json"))).as("nothing saved").isFalse();
        try (ServerSocket s = new ServerSocket(port)) {
            assertThat(s.getLocalPort()).as("the REST port is free: nothing was left running").isEqualTo(port);
        }
    }

    @Test
    void aCorruptStateFileStopsTheStartNamingTheFile() throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state").resolve("lb-state.json"), "{ \"vips\": [ ");

        assertThatThrownBy(() -> Controller.launch(config(freePort()))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("lb-state.json").hasMessageContaining("move it away");
    }

    @Test
    void aRestPortInUseStopsTheStartNamingThePortAndStopsWhatHadStarted() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Controller.launch(config(port))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot serve the REST API on 127.0.0.1:" + port)
                    .hasMessageContaining("in use");
        }
        controller = Controller.launch(config(freePort()));
        assertThat(controller.lbService().config().vips()).as("the state directory is usable again").isEmpty();
    }

    @Test
    void restPortZeroRunsNoRestServer() {
        controller = Controller.launch(config(0));

        assertThat(controller.restPort()).isEqualTo(-1);
        assertThat(controller.lbService()).isNotNull();
    }
}
