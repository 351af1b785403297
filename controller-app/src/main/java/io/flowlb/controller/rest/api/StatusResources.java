package io.flowlb.controller.rest.api;

import io.flowlb.controller.lb.agent.AgentReport;
import io.flowlb.controller.lb.agent.AgentReportIntake;
import io.flowlb.controller.lb.agent.AgentReportJson;
import io.flowlb.controller.rest.ApiException;
import io.flowlb.controller.rest.Await;
import io.flowlb.controller.rest.Request;
import io.flowlb.controller.rest.Response;
import io.flowlb.controller.rest.Routes;
import io.flowlb.controller.view.NetworkView;
import io.flowlb.controller.view.VipDistribution;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.NotFoundException;
import io.flowlb.loadbalancer.model.VipId;
import java.util.ArrayList;

/**
 * The read-only state of the running system and the agents' report intake:
 * <ul>
 *   <li>{@code GET /api/v1/distribution}, {@code GET /api/v1/vips/{id}/distribution}: per VIP and
 *       member the weight, health, share of new connections, active connections and traffic;</li>
 *   <li>{@code GET /api/v1/switches}, {@code .../{dpid}}, {@code .../{dpid}/ports},
 *       {@code .../flows}, {@code .../groups}, {@code GET /api/v1/hosts},
 *       {@code GET /api/v1/connections}: the network as the OpenFlow core sees it;</li>
 *   <li>{@code GET /api/v1/agents}, {@code GET /api/v1/agents/{member_id}}: the last report per
 *       member; {@code POST /api/v1/agents/report}: an agent's report (202; 400 malformed, 422 no
 *       such member).</li>
 * </ul>
 *
 * <p>Thread safety: stateless.
 */
final class StatusResources {
    private final RestContext ctx;

    private StatusResources(RestContext ctx) {
        this.ctx = ctx;
    }

    static void register(Routes routes, RestContext ctx) {
        StatusResources r = new StatusResources(ctx);
        Routes d = routes.tag("distribution");
        d.get("/api/v1/distribution", "The distribution of every VIP", VipDistribution.class, true,
                req -> Response.ok(ctx.distribution().distributions()));
        d.get("/api/v1/vips/{id}/distribution", "The distribution of one VIP over its members", VipDistribution.class,
                false, r::distribution);
        Routes n = routes.tag("network");
        n.get("/api/v1/switches", "The connected switches", NetworkView.SwitchInfo.class, true,
                req -> Response.ok(ctx.network().switches()));
        n.get("/api/v1/switches/{dpid}", "One connected switch", NetworkView.SwitchInfo.class, false, r::oneSwitch);
        n.get("/api/v1/switches/{dpid}/ports", "A switch's ports and counters", NetworkView.PortInfo.class, true,
                req -> Response.ok(Await.read(ctx.network().ports(req.param("dpid")), ctx.timeout())));
        n.get("/api/v1/switches/{dpid}/flows", "A switch's flow entries", NetworkView.FlowInfo.class, true,
                req -> Response.ok(Await.read(ctx.network().flows(req.param("dpid")), ctx.timeout())));
        n.get("/api/v1/switches/{dpid}/groups", "A switch's groups", NetworkView.GroupInfo.class, true,
                req -> Response.ok(Await.read(ctx.network().groups(req.param("dpid")), ctx.timeout())));
        n.get("/api/v1/hosts", "The hosts learned from packets", NetworkView.HostInfo.class, true,
                req -> Response.ok(ctx.network().hosts()));
        n.get("/api/v1/connections", "A sample of the load-balanced connections", NetworkView.ConnectionInfo.class,
                true, req -> Response.ok(Await.read(ctx.network().connections(), ctx.timeout())));
        Routes a = routes.tag("agents");
        a.get("/api/v1/agents", "The last report of every member's agent", AgentReport.class, true,
                req -> Response.ok(new ArrayList<>(ctx.agents().lastReports().values())));
        a.get("/api/v1/agents/{member_id}", "The last report about one member", AgentReport.class, false, r::agent);
        a.write("POST", "/api/v1/agents/report", "Report a back-end server's load (sent by the agent)",
                AgentReportJson.class, AgentAccepted.class, 202, r::report);
    }

    private Response distribution(Request req) {
        VipId id = VipId.parse("id", req.param("id"));
        VipDistribution d = ctx.distribution().distribution(id);
        if (d == null) {
            throw new NotFoundException("id", "no vip " + id);
        }
        return Response.ok(d);
    }

    private Response oneSwitch(Request req) {
        NetworkView.SwitchInfo s = ctx.network().getSwitch(req.param("dpid"));
        if (s == null) {
            throw new NotFoundException("dpid", "no switch " + req.param("dpid") + " is connected");
        }
        return Response.ok(s);
    }

    private Response agent(Request req) {
        MemberId id = MemberId.parse("member_id", req.param("member_id"));
        AgentReport r = ctx.agents().lastReport(id);
        if (r == null) {
            throw new NotFoundException("member_id", "no report about member " + id + " has been received");
        }
        return Response.ok(r);
    }

    private Response report(Request req) {
        if (req.body().length == 0) {
            throw ApiException.badRequest(null, "a JSON body is required");
        }
        return switch (ctx.agents().accept(req.body(), req.remote())) {
            case AgentReportIntake.Accepted a -> Response.json(202, new AgentAccepted(a.memberIds(), a.receivedAt(),
                    a.stale()));
            case AgentReportIntake.Rejected r -> throw new ApiException(status(r.reason()), r.field(), r.error());
        };
    }

    private static int status(AgentReportIntake.Reason reason) {
        return switch (reason) {
            case MALFORMED, UNKNOWN_FIELD, INVALID_VALUE -> 400;
            case UNKNOWN_MEMBER, MEMBER_MISMATCH -> 422;
        };
    }
}
