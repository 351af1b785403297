package io.flowlb.controller.rest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.rest.RestHarness;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MemberId;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestRestartTest {
    @TempDir
    Path dir;

    @Test
    void configurationWrittenThroughRestSurvivesAnUncleanStop() throws Exception {
        RestHarness first = new RestHarness(dir);
        first.call("POST", "/api/v1/pools", "{\"id\":\"web\",\"algorithm\":\"weighted\"}");
        first.call("POST", "/api/v1/vips", "{\"id\":\"v1\",\"address\":\"10.0.0.100\",\"protocol\":\"tcp\","
                + "\"port\":80,\"pool_id\":\"web\"}");
        first.call("POST", "/api/v1/members", "{\"id\":\"m1\",\"pool_id\":\"web\",\"address\":\"10.0.0.1\"}");
        first.call("POST", "/api/v1/members", "{\"id\":\"m2\",\"pool_id\":\"web\",\"address\":\"10.0.0.2\"}");
        first.call("PUT", "/api/v1/members/m2/weight", "{\"weight\":9}");
        first.call("PUT", "/api/v1/members/m1/admin-state", "{\"admin_state\":\"drain\"}");
        LbConfig written = first.lb.config();
        // Unclean: only the listening socket is released (the test needs no port); the control loop is
        // abandoned without close(), as a killed process would leave it.
        first.server.close();

        try (RestHarness second = new RestHarness(dir)) {
            assertThat(second.lb.config()).isEqualTo(written);
            assertThat(second.get("/api/v1/members/m2").json().get("weight").asInt()).isEqualTo(9);
            assertThat(second.lb.config().member(MemberId.of("m1")).adminState()).isEqualTo(AdminState.DRAIN);
            assertThat(second.get("/api/v1/vips/v1").json().get("pool_id").asText()).isEqualTo("web");
        }
    }
}
