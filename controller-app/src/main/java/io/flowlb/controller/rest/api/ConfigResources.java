package io.flowlb.controller.rest.api;

import io.flowlb.controller.lb.json.ConfigJson;
import io.flowlb.controller.rest.ApiException;
import io.flowlb.controller.rest.Await;
import io.flowlb.controller.rest.Request;
import io.flowlb.controller.rest.Response;
import io.flowlb.controller.rest.Routes;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.ValidationException;

/**
 * The whole configuration at once: {@code GET /api/v1/config} exports it in the state-file
 * format; {@code PUT /api/v1/config} replaces it in one change (400 when an object is invalid on
 * its own, naming it as {@code members[3].weight}; 422 when the objects do not fit together).
 *
 * <p>Thread safety: stateless.
 */
final class ConfigResources {
    private ConfigResources() {
    }

    static void register(Routes routes, RestContext ctx) {
        routes.get("/api/v1/config", "Export the whole configuration", ConfigJson.class, false,
                req -> Response.ok(ConfigJson.of(ctx.lb().config())));
        routes.write("PUT", "/api/v1/config", "Replace the whole configuration", ConfigJson.class, ConfigJson.class,
                200, req -> replace(req, ctx));
    }

    private static Response replace(Request req, RestContext ctx) {
        ConfigJson.Objects objects = req.json(ConfigJson.class).objects();
        LbConfig config;
        try {
            config = objects.toConfig();
        } catch (ValidationException e) {
            throw new ApiException(422, e.field(), e.error());
        }
        return Response.ok(ConfigJson.of(Await.change(ctx.lb().replaceConfig(config), ctx.timeout())));
    }
}
