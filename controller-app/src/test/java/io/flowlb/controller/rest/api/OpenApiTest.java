package io.flowlb.controller.rest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.rest.RestHarness;
import io.flowlb.controller.rest.Route;
import io.flowlb.controller.rest.Router;
import io.flowlb.controller.view.ConfiguredDistributionView;
import io.flowlb.controller.view.NetworkViewAdapter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiTest {
    @TempDir
    Path dir;

    @Test
    void everyRouteIsInTheDocumentAndEveryOperationIsARoute() throws Exception {
        try (RestHarness h = new RestHarness(dir)) {
            RestContext ctx = new RestContext(h.lb, h.agents, new ConfiguredDistributionView(h.lb::config,
                    h.lb::version), new NetworkViewAdapter(), new MetricRegistry(),
                    h.mapper, Duration.ofSeconds(1));
            Router router = RestApi.router(ctx);
            JsonNode doc = h.get("/api/v1/openapi.json").json();
            assertThat(doc.get("openapi").asText()).startsWith("3.");

            Set<String> routes = new HashSet<>();
            for (Route r : router.routes()) {
                routes.add(r.method().toLowerCase(Locale.ROOT) + " " + r.pattern());
            }
            Set<String> operations = new HashSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                p.getValue().fieldNames().forEachRemaining(m -> operations.add(m + " " + p.getKey()));
            }
            assertThat(operations).isEqualTo(routes);
            assertThat(routes).contains("post /api/v1/agents/report", "put /api/v1/members/{id}/weight",
                    "get /api/v1/vips/{id}/distribution", "get /metrics");
        }
    }

    @Test
    void everySchemaReferenceResolvesAndWritesNeedTheBearer() throws Exception {
        try (RestHarness h = new RestHarness(dir)) {
            JsonNode doc = h.get("/api/v1/openapi.json").json();
            List<String> refs = new ArrayList<>();
            collectRefs(doc, refs);
            assertThat(refs).isNotEmpty();
            for (String ref : refs) {
                assertThat(ref).startsWith("#/components/schemas/");
                assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
            }
            JsonNode vip = doc.at("/components/schemas/Vip/properties");
            assertThat(vip.has("pool_id")).isTrue();
            assertThat(vip.has("connection_policy")).isTrue();
            assertThat(vip.at("/address/type").asText()).as("value types are strings").isEqualTo("string");
            assertThat(vip.at("/id/type").asText()).isEqualTo("string");
            assertThat(vip.at("/mode/enum").toString()).isEqualTo("[\"nat\",\"dsr\"]");
            assertThat(doc.at("/components/schemas/IpAddress").isMissingNode()).isTrue();
            assertThat(doc.at("/paths/~1api~1v1~1vips/post/security").isArray()).isTrue();
            assertThat(doc.at("/paths/~1api~1v1~1vips/get/security").isMissingNode()).isTrue();
            assertThat(doc.at("/paths/~1api~1v1~1vips~1{id}/get/parameters/0/name").asText()).isEqualTo("id");
        }
    }

    private static void collectRefs(JsonNode n, List<String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), out);
                }
            });
        } else if (n.isArray()) {
            n.forEach(c -> collectRefs(c, out));
        }
    }
}
