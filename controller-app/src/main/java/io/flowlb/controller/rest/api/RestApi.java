package io.flowlb.controller.rest.api;

import io.flowlb.controller.rest.RestServer;
import io.flowlb.controller.rest.RestSettings;
import io.flowlb.controller.rest.Router;
import io.flowlb.controller.rest.floodlight.FloodlightApi;
import java.io.IOException;

/**
 * The whole route table of the controller's HTTP server: the native API, metrics, OpenAPI and
 * dashboard, and the Floodlight-compatible API.
 *
 * <p>Thread safety: used by the composition root at start.
 */
public final class RestApi {
    private RestApi() {
    }

    /** Builds the route table and starts serving it; throws when the address is taken. */
    public static RestServer start(RestSettings settings, RestContext ctx) throws IOException {
        return RestServer.start(settings, router(ctx), ctx.mapper(), ctx.metrics());
    }

    public static Router router(RestContext ctx) {
        Router router = new Router();
        NativeApi.register(router, ctx);
        FloodlightApi.register(router, ctx);
        return router;
    }
}
