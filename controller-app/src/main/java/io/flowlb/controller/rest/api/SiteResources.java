package io.flowlb.controller.rest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.flowlb.controller.metrics.PrometheusText;
import io.flowlb.controller.rest.ApiException;
import io.flowlb.controller.rest.Response;
import io.flowlb.controller.rest.Router;
import io.flowlb.controller.rest.Routes;
import io.flowlb.controller.view.ViewMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What is not the API proper: {@code /metrics} (Prometheus text, including the views' metrics,
 * whose collector is registered here), {@code /api/v1/openapi.json}
 * (generated from the route table when first asked for), and the dashboard: {@code /} is
 * {@code web/index.html} from the classpath and {@code /web/{file}} the files beside it.
 *
 * <p>Thread safety: the OpenAPI document is built once, under the class lock; the rest is stateless.
 */
final class SiteResources {
    private static final Pattern ASSET = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png",
            "image/png", "ico", "image/x-icon", "json", "application/json");

    private final RestContext ctx;
    private final Router router;
    private byte[] openApi;

    private SiteResources(RestContext ctx, Router router) {
        this.ctx = ctx;
        this.router = router;
    }

    static void register(Router router, RestContext ctx) {
        SiteResources r = new SiteResources(ctx, router);
        ctx.metrics().register(new ViewMetrics(ctx.distribution(), ctx.network()));
        Routes.nativeApi(router, "metrics").getText("/metrics", "Metrics in the Prometheus text format",
                PrometheusText.CONTENT_TYPE, req -> Response.bytes(200, PrometheusText.CONTENT_TYPE,
                        ctx.metrics().scrapeText().getBytes(StandardCharsets.UTF_8)));
        Routes.nativeApi(router, "meta").publicGet("/api/v1/openapi.json", "This API description (OpenAPI 3)",
                "application/json", req -> Response.bytes(200, "application/json", r.openApi()));
        Routes web = Routes.nativeApi(router, "dashboard");
        web.publicGet("/", "The web dashboard", "text/html", req -> asset("index.html"));
        web.publicGet("/web/{file}", "A file of the web dashboard", "application/octet-stream",
                req -> asset(req.param("file")));
    }

    private synchronized byte[] openApi() throws JsonProcessingException {
        if (openApi == null) {
            openApi = ctx.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(OpenApi.document(router.routes(), ctx.mapper()));
        }
        return openApi;
    }

    private static Response asset(String file) throws IOException {
        int dot = file.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(file.substring(dot + 1));
        if (!ASSET.matcher(file).matches() || type == null) {
            throw ApiException.notFound("file", "no dashboard file " + file);
        }
        try (InputStream in = SiteResources.class.getResourceAsStream("/web/" + file)) {
            if (in == null) {
                throw ApiException.notFound("file", "no dashboard file " + file);
            }
            return Response.bytes(200, type, in.readAllBytes());
        }
    }
}
