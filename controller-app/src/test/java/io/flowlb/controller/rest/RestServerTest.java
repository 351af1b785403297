package io.flowlb.controller.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lb.json.LbJson;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.persist.StateStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestServerTest extends HarnessTest {

    @Test
    void aBugIsA500WithAnErrorBodyAndIsCountedByKind() throws Exception {
        MetricRegistry metrics = new MetricRegistry();
        Router router = new Router().add(new Route("GET", "/boom", req -> {
            throw new IllegalStateException("a bug");
        }, Route.Body.NONE, Route.Access.READ, Route.Style.NATIVE, new Route.Doc("", "", null, null, false, 200, null)));
        try (RestServer server = RestServer.start(RestSettings.defaults().withBind("127.0.0.1").withPort(0), router,
                LbJson.newMapper(), metrics)) {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/boom")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(500);
                assertThat(r.body()).contains("\"error\":\"internal error (IllegalStateException)", "\"field\":null");
                assertThat(r.body()).doesNotContain("a bug");
            }
            assertThat(metrics.scrapeText()).contains(
                    "flowlb_rest_internal_errors_total{kind=\"java.lang.IllegalStateException at /boom\"} 2");
        }
    }

    @Test
    void aChangeTheDiskRefusesIs503AndChangesNothing() throws Exception {
        h.call("POST", "/api/v1/pools", "{\"id\":\"p1\"}");
        // A directory where the temporary file must go makes the write fail, as a full disk would.
        Files.createDirectory(dir.resolve(StateStore.TEMP_NAME));
        RestHarness.Reply r = h.call("POST", "/api/v1/pools", "{\"id\":\"p2\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(503);
        assertThat(r.json().get("error").asText()).contains("could not be saved", "not applied");
        assertThat(h.get("/api/v1/pools").json()).hasSize(1);
        Files.delete(dir.resolve(StateStore.TEMP_NAME));
        assertThat(h.call("POST", "/api/v1/pools", "{\"id\":\"p2\"}").status()).isEqualTo(201);
        assertThat(h.lb.config().pools()).hasSize(2);
    }

    @Test
    void everyAnswerIsCountedByMethodRouteAndStatus() {
        h.get("/api/v1/vips");
        h.get("/api/v1/vips/nope");
        h.get("/no/such/thing");
        h.call("PATCH", "/api/v1/vips", "{}");
        String text = h.metrics.scrapeText();
        for (String line : List.of("{method=\"GET\",route=\"/api/v1/vips\",status=\"200\"} 1",
                "{method=\"GET\",route=\"/api/v1/vips/{id}\",status=\"404\"} 1",
                "{method=\"GET\",route=\"unmatched\",status=\"404\"} 1",
                "{method=\"PATCH\",route=\"unmatched\",status=\"405\"} 1")) {
            assertThat(text).contains("flowlb_rest_requests_total" + line);
        }
    }
}
