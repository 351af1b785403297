package io.flowlb.controller.rest.floodlight;

import io.flowlb.controller.lb.ConfigChange;
import io.flowlb.controller.rest.Await;
import io.flowlb.controller.rest.Request;
import io.flowlb.controller.rest.Response;
import io.flowlb.controller.rest.Routes;
import io.flowlb.controller.rest.api.RestContext;
import io.flowlb.controller.rest.floodlight.FloodlightJson.FlStatus;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The routes Floodlight gives each of VIPs, pools, members and health monitors:
 * {@code GET <kind>/} (all), {@code POST <kind>/} (create or update, id from the body),
 * {@code GET <kind>/{id}/} (a one-element list, as Floodlight answers), {@code PUT} and
 * {@code POST <kind>/{id}/} (create or update that id), {@code DELETE <kind>/{id}/}
 * ({@code {"status": "200 OK!"}}).
 *
 * <p>Thread safety: stateless.
 */
final class FloodlightObjects<K extends Comparable<K>, V> {

    /**
     * One kind: its URL segment and parameter name, its answer type, the fields its body may
     * have (and the name of an object its fields may come wrapped in, or null), its change, where
     * its objects are, how ids parse, its answer, and its delete.
     */
    record Kind<K extends Comparable<K>, V>(String plural, String param, Class<?> answer, Set<String> fields,
                                            String wrapper,
                                            BiFunction<FloodlightFields, String, ConfigChange<V>> change,
                                            Function<LbConfig, SortedMap<K, V>> all,
                                            BiFunction<String, String, K> parseId,
                                            BiFunction<V, LbConfig, Object> out,
                                            Function<K, CompletableFuture<V>> delete) {
    }

    private final Kind<K, V> kind;
    private final RestContext ctx;

    private FloodlightObjects(Kind<K, V> kind, RestContext ctx) {
        this.kind = kind;
        this.ctx = ctx;
    }

    static <K extends Comparable<K>, V> void register(Routes r, RestContext ctx, Kind<K, V> kind) {
        FloodlightObjects<K, V> o = new FloodlightObjects<>(kind, ctx);
        String collection = FloodlightApi.BASE + "/" + kind.plural() + "/";
        String item = collection + "{" + kind.param() + "}/";
        String what = kind.plural().replace('_', ' ');
        r.get(collection, "List " + what + " (Floodlight)", kind.answer(), true, req -> o.list());
        r.write("POST", collection, "Create or update one of the " + what + " (Floodlight)", kind.answer(),
                kind.answer(), 200, req -> o.upsert(req, null));
        r.get(item, "Get one of the " + what + ", as a one-element list (Floodlight)", kind.answer(), true, o::one);
        for (String method : List.of("PUT", "POST")) {
            r.write(method, item, "Create or update one of the " + what + " (Floodlight)", kind.answer(), kind.answer(),
                    200, req -> o.upsert(req, req.param(kind.param())));
        }
        r.write("DELETE", item, "Delete one of the " + what + " (Floodlight)", null, FlStatus.class, 200, o::delete);
    }

    private Response list() {
        LbConfig c = ctx.lb().config();
        List<Object> out = new ArrayList<>();
        for (V v : kind.all().apply(c).values()) {
            out.add(kind.out().apply(v, c));
        }
        return Response.ok(out);
    }

    private Response one(Request req) {
        LbConfig c = ctx.lb().config();
        K id = id(req);
        V v = kind.all().apply(c).get(id);
        if (v == null) {
            throw new NotFoundException(kind.param(), "no " + kind.param() + " " + id);
        }
        return Response.ok(List.of(kind.out().apply(v, c)));
    }

    private Response upsert(Request req, String pathId) {
        FloodlightFields f = FloodlightFields.of(FloodlightFields.unwrap(req.jsonTree(), kind.wrapper()),
                kind.fields());
        V stored = Await.change(ctx.lb().apply(kind.change().apply(f, pathId)), ctx.timeout());
        return Response.ok(kind.out().apply(stored, ctx.lb().config()));
    }

    private Response delete(Request req) {
        Await.change(kind.delete().apply(id(req)), ctx.timeout());
        return Response.ok(new FlStatus("200 OK!"));
    }

    private K id(Request req) {
        return FloodlightFields.valid(() -> kind.parseId().apply(kind.param(), req.param(kind.param())));
    }
}
