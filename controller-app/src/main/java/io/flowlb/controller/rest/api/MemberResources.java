package io.flowlb.controller.rest.api;

import io.flowlb.controller.lb.json.MemberJson;
import io.flowlb.controller.rest.Await;
import io.flowlb.controller.rest.Request;
import io.flowlb.controller.rest.Response;
import io.flowlb.controller.rest.Routes;
import io.flowlb.loadbalancer.model.Fields;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's member controls, apart from the generic CRUD:
 * <ul>
 *   <li>{@code PUT /api/v1/members/{id}/weight} with {@code {"weight": 5}}: the configured weight
 *       ({@value Member#MIN_WEIGHT}-{@value Member#MAX_WEIGHT}; 0 takes no new connections);</li>
 *   <li>{@code PUT /api/v1/members/{id}/admin-state} with {@code {"admin_state": "drain"}}: up,
 *       drain (no new connections, existing ones stay) or maint (out of service);</li>
 *   <li>{@code GET /api/v1/pools/{id}/members}: a pool's members.</li>
 * </ul>
 * Both writes answer the member as stored.
 *
 * <p>Thread safety: stateless.
 */
final class MemberResources {
    private final RestContext ctx;

    private MemberResources(RestContext ctx) {
        this.ctx = ctx;
    }

    static void register(Routes routes, RestContext ctx) {
        MemberResources r = new MemberResources(ctx);
        routes.write("PUT", "/api/v1/members/{id}/weight", "Set a member's configured weight", WeightBody.class,
                MemberJson.class, 200, r::setWeight);
        routes.write("PUT", "/api/v1/members/{id}/admin-state", "Put a member up, drain it or take it to maintenance",
                AdminStateBody.class, MemberJson.class, 200, r::setAdminState);
        routes.get("/api/v1/pools/{id}/members", "List the members of a pool", MemberJson.class, true, r::poolMembers);
    }

    private Response setWeight(Request req) {
        MemberId id = MemberId.parse("id", req.param("id"));
        WeightBody body = req.json(WeightBody.class);
        int weight = Fields.range("weight", Fields.required("weight", body.weight()), Member.MIN_WEIGHT,
                Member.MAX_WEIGHT);
        return Response.ok(MemberJson.of(Await.change(ctx.lb().setMemberWeight(id, weight), ctx.timeout())));
    }

    private Response setAdminState(Request req) {
        MemberId id = MemberId.parse("id", req.param("id"));
        AdminStateBody body = req.json(AdminStateBody.class);
        Fields.required("admin_state", body.adminState());
        return Response.ok(MemberJson.of(Await.change(ctx.lb().setMemberAdminState(id, body.adminState()),
                ctx.timeout())));
    }

    private Response poolMembers(Request req) {
        PoolId id = PoolId.parse("id", req.param("id"));
        LbConfig c = ctx.lb().config();
        c.pool(id);
        List<MemberJson> out = new ArrayList<>();
        for (Member m : c.membersOf(id)) {
            out.add(MemberJson.of(m));
        }
        return Response.ok(out);
    }
}
