package io.flowlb.controller.rest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.controller.rest.RestHarness;
import io.flowlb.controller.rest.RestHarness.Reply;
import io.flowlb.controller.rest.RestSettings;
import io.flowlb.controller.view.NetworkViewAdapter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthTest {
    private static final String TOKEN = "s3cret-Token";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Map<String, String> AUTHED = Map.of("Content-Type", "application/json",
            "Authorization", "Bearer " + TOKEN);

    @TempDir
    Path dir;

    private RestHarness start(boolean authReads) throws Exception {
        return new RestHarness(dir, RestSettings.defaults().withToken(TOKEN, authReads), null, new NetworkViewAdapter());
    }

    @Test
    void writesNeedTheBearerTokenAndReadsStayOpenByDefault() throws Exception {
        try (RestHarness h = start(false)) {
            Reply denied = h.call("POST", "/api/v1/pools", "{\"id\":\"p\"}", JSON);
            assertThat(denied.status()).isEqualTo(401);
            assertThat(denied.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(denied.json().has("error")).isTrue();
            assertThat(h.lb.config().pools()).isEmpty();

            assertThat(h.call("POST", "/api/v1/pools", "{\"id\":\"p\"}", Map.of("Content-Type", "application/json",
                    "Authorization", "Bearer wrong")).status()).isEqualTo(401);
            assertThat(h.call("POST", "/api/v1/pools", "{\"id\":\"p\"}", Map.of("Content-Type", "application/json",
                    "Authorization", "Basic " + TOKEN)).status()).isEqualTo(401);
            assertThat(h.call("POST", "/api/v1/pools", "{\"id\":\"p\"}", AUTHED).status()).isEqualTo(201);
            assertThat(h.call("DELETE", "/api/v1/pools/p", null, Map.of()).status()).isEqualTo(401);
            assertThat(h.call("PUT", "/api/v1/config", "{}", JSON).status()).isEqualTo(401);

            assertThat(h.get("/api/v1/pools").status()).isEqualTo(200);
            assertThat(h.get("/metrics").status()).isEqualTo(200);
        }
    }

    @Test
    void agentReportsAreWritesAndNeedTheToken() throws Exception {
        try (RestHarness h = start(false)) {
            h.call("POST", "/api/v1/pools", "{\"id\":\"p\"}", AUTHED);
            h.call("POST", "/api/v1/members", "{\"id\":\"m\",\"pool_id\":\"p\",\"address\":\"10.0.0.1\"}", AUTHED);
            String report = "{\"member_id\":\"m\",\"cpu_percent\":1}";
            assertThat(h.call("POST", "/api/v1/agents/report", report, JSON).status()).isEqualTo(401);
            assertThat(h.call("POST", "/api/v1/agents/report", report, AUTHED).status()).isEqualTo(202);
        }
    }

    @Test
    void closedReadsNeedTheTokenButTheDashboardFilesAndApiDescriptionStayOpen() throws Exception {
        try (RestHarness h = start(true)) {
            assertThat(h.get("/api/v1/vips").status()).isEqualTo(401);
            assertThat(h.get("/metrics").status()).isEqualTo(401);
            assertThat(h.call("GET", "/api/v1/vips", null, Map.of("Authorization", "Bearer " + TOKEN)).status())
                    .isEqualTo(200);
            assertThat(h.get("/").status()).isEqualTo(200);
            assertThat(h.get("/api/v1/openapi.json").status()).isEqualTo(200);
        }
    }

    @Test
    void tokenComesFromTheEnvironmentWhenNotConfigured() {
        RestSettings s = RestSettings.from(Map.of("rest.port", "9090"), Map.of(RestSettings.TOKEN_ENV, "abc"));
        assertThat(s.token()).isEqualTo("abc");
        assertThat(s.port()).isEqualTo(9090);
        assertThat(RestSettings.from(Map.of("rest.token", "x"), Map.of(RestSettings.TOKEN_ENV, "abc")).token())
                .isEqualTo("x");
        assertThat(RestSettings.from(Map.of(), Map.of()).token()).isNull();
        assertThat(s.toString()).doesNotContain("abc");
        assertThatThrownBy(() -> RestSettings.from(Map.of("rest.tokn", "x"), Map.of()))
                .hasMessageContaining("rest.tokn");
    }
}
