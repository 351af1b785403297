package io.flowlb.controller.rest.api;

import io.flowlb.controller.rest.Router;
import io.flowlb.controller.rest.floodlight.FloodlightApi;

/**
 * The whole route table of the controller's HTTP server: the native API, metrics, OpenAPI and
 * dashboard, and the Floodlight-compatible API.
 *
 * <p>Thread safety: used by the composition root at start.
 */
public final class RestApi {
    private RestApi() {
    }

    public static Router router(RestContext ctx) {
        Router router = new Router();
        NativeApi.register(router, ctx);
        FloodlightApi.register(router, ctx);
        return router;
    }
}
