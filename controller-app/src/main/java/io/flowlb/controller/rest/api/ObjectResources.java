package io.flowlb.controller.rest.api;

import io.flowlb.controller.lb.ConfigChange;
import io.flowlb.controller.rest.ApiException;
import io.flowlb.controller.rest.Await;
import io.flowlb.controller.rest.Request;
import io.flowlb.controller.rest.Response;
import io.flowlb.controller.rest.Routes;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.NotFoundException;
import java.util.ArrayList;
import java.util.List;

/**
 * The five CRUD routes of one {@link ObjectKind}, the same for every kind:
 * <ul>
 *   <li>{@code GET /api/v1/<kind>}: all, in id order;</li>
 *   <li>{@code POST /api/v1/<kind>}: create; 201 with {@code Location}; 409 when the id exists; an
 *       id left out is allocated (the smallest free positive integer);</li>
 *   <li>{@code GET /api/v1/<kind>/{id}}: one, or 404;</li>
 *   <li>{@code PUT /api/v1/<kind>/{id}}: create or replace with the whole body; a body id must
 *       equal the URL's;</li>
 *   <li>{@code DELETE /api/v1/<kind>/{id}}: delete, answering the deleted object; 404 when absent,
 *       409 while in use.</li>
 * </ul>
 *
 * <p>Thread safety: stateless; handlers run concurrently.
 */
final class ObjectResources<K extends Comparable<K>, V, J> {
    private final ObjectKind<K, V, J> kind;
    private final RestContext ctx;

    private ObjectResources(ObjectKind<K, V, J> kind, RestContext ctx) {
        this.kind = kind;
        this.ctx = ctx;
    }

    static <K extends Comparable<K>, V, J> void register(Routes routes, ObjectKind<K, V, J> kind, RestContext ctx) {
        ObjectResources<K, V, J> r = new ObjectResources<>(kind, ctx);
        String s = kind.singular();
        routes.get(kind.collection(), "List every " + s, kind.json(), true, req -> r.list());
        routes.write("POST", kind.collection(), "Create a " + s, kind.json(), kind.json(), 201, r::create);
        routes.get(kind.item(), "Get one " + s, kind.json(), false, r::one);
        routes.write("PUT", kind.item(), "Create or replace a " + s, kind.json(), kind.json(), 200, r::put);
        routes.write("DELETE", kind.item(), "Delete a " + s, null, kind.json(), 200, r::delete);
    }

    private Response list() {
        List<J> out = new ArrayList<>();
        for (V v : kind.all().apply(ctx.lb().config()).values()) {
            out.add(kind.toJson().apply(v));
        }
        return Response.ok(out);
    }

    private Response one(Request req) {
        K id = pathId(req);
        V v = kind.all().apply(ctx.lb().config()).get(id);
        if (v == null) {
            throw new NotFoundException("id", "no " + kind.singular() + " " + id);
        }
        return Response.ok(kind.toJson().apply(v));
    }

    private Response create(Request req) {
        J body = req.json(kind.json());
        K given = kind.idOf().apply(body);
        if (given != null) {
            V stored = Await.change(kind.create().apply(kind.fromJson().apply(body, given)), ctx.timeout());
            return Response.created(kind.collection() + "/" + given, kind.toJson().apply(stored));
        }
        // Checked here, on the request's thread, so that a bad body is a 400; the id itself is
        // allocated on the control thread, where no concurrent POST can take it first.
        kind.fromJson().apply(body, freeId(ctx.lb().config()));
        V stored = Await.change(ctx.lb().apply(c -> {
            K id = freeId(c);
            V v = kind.fromJson().apply(body, id);
            LbConfig next = kind.with().apply(c, v);
            return ConfigChange.result(next, kind.all().apply(next).get(id));
        }), ctx.timeout());
        K id = kind.idOf().apply(kind.toJson().apply(stored));
        return Response.created(kind.collection() + "/" + id, kind.toJson().apply(stored));
    }

    private Response put(Request req) {
        K id = pathId(req);
        J body = req.json(kind.json());
        K bodyId = kind.idOf().apply(body);
        if (bodyId != null && !bodyId.equals(id)) {
            throw ApiException.badRequest("id", "is " + bodyId + " but the URL names " + kind.singular() + " " + id);
        }
        V stored = Await.change(kind.put().apply(kind.fromJson().apply(body, id)), ctx.timeout());
        return Response.ok(kind.toJson().apply(stored));
    }

    private Response delete(Request req) {
        V removed = Await.change(kind.delete().apply(pathId(req)), ctx.timeout());
        return Response.ok(kind.toJson().apply(removed));
    }

    private K pathId(Request req) {
        return kind.parseId().apply("id", req.param("id"));
    }

    /** The smallest positive integer not used as an id of this kind. */
    private K freeId(LbConfig config) {
        return Ids.smallestFree(kind.all().apply(config), text -> kind.parseId().apply("id", text));
    }
}
