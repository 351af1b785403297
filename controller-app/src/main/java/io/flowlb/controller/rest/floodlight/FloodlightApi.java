package io.flowlb.controller.rest.floodlight;

import io.flowlb.controller.lb.ConfigChange;
import io.flowlb.controller.lb.LbService;
import io.flowlb.controller.rest.ApiException;
import io.flowlb.controller.rest.Await;
import io.flowlb.controller.rest.Request;
import io.flowlb.controller.rest.Response;
import io.flowlb.controller.rest.Router;
import io.flowlb.controller.rest.Routes;
import io.flowlb.controller.rest.api.RestContext;
import io.flowlb.controller.rest.floodlight.FloodlightJson.FlMember;
import io.flowlb.controller.rest.floodlight.FloodlightJson.FlMonitor;
import io.flowlb.controller.rest.floodlight.FloodlightJson.FlPool;
import io.flowlb.controller.rest.floodlight.FloodlightJson.FlStats;
import io.flowlb.controller.rest.floodlight.FloodlightJson.FlStatus;
import io.flowlb.controller.rest.floodlight.FloodlightJson.FlVip;
import io.flowlb.controller.view.MemberDistribution;
import io.flowlb.controller.view.VipDistribution;
import io.flowlb.loadbalancer.model.Fields;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Monitor;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.NotFoundException;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.VipId;
import java.util.ArrayList;
import java.util.List;

/**
 * The routes of Floodlight's {@code LoadBalancerWebRoutable} under {@code /quantum/v1.0} (see the
 * package notes for what matches Floodlight and what differs).
 *
 * <p>Thread safety: stateless; handlers run concurrently.
 */
public final class FloodlightApi {
    static final String BASE = "/quantum/v1.0";

    private final RestContext ctx;

    private FloodlightApi(RestContext ctx) {
        this.ctx = ctx;
    }

    public static void register(Router router, RestContext ctx) {
        FloodlightApi api = new FloodlightApi(ctx);
        LbService lb = ctx.lb();
        Routes r = Routes.floodlight(router, "floodlight");
        FloodlightObjects.register(r, ctx, new FloodlightObjects.Kind<>("vips", "vip", FlVip.class,
                FloodlightChanges.VIP_FIELDS, null, FloodlightChanges::vip, LbConfig::vips, VipId::parse,
                (v, c) -> FlVip.of(v), lb::deleteVip));
        FloodlightObjects.register(r, ctx, new FloodlightObjects.Kind<>("pools", "pool", FlPool.class,
                FloodlightChanges.POOL_FIELDS, null, FloodlightChanges::pool, LbConfig::pools, PoolId::parse,
                FlPool::of, lb::deletePool));
        FloodlightObjects.register(r, ctx, new FloodlightObjects.Kind<>("members", "member", FlMember.class,
                FloodlightChanges.MEMBER_FIELDS, null, FloodlightChanges::member, LbConfig::members, MemberId::parse,
                api::member, lb::deleteMember));
        FloodlightObjects.register(r, ctx, new FloodlightObjects.Kind<>("health_monitors", "monitor", FlMonitor.class,
                FloodlightChanges.MONITOR_FIELDS, "monitor", (f, id) -> FloodlightChanges.monitor(f, id, null),
                LbConfig::monitors, MonitorId::parse, FlMonitor::of, lb::deleteMonitor));
        for (String method : List.of("PUT", "POST")) {
            r.write(method, BASE + "/members/{member}/{weight}/", "Set a member's weight (Floodlight's WRR)", null,
                    FlStatus.class, 200, api::weight);
            r.write(method, BASE + "/pools/{pool}/members/{member}/", "Give a member priority in its pool", null,
                    FlStatus.class, 200, api::priority);
            r.write(method, BASE + "/pools/{pool}/health_monitors/", "Create a monitor and attach it to a pool",
                    FlMonitor.class, FlMonitor.class, 200, api::attachMonitor);
        }
        r.get(BASE + "/pools/{pool}/members/", "A pool's members", FlMember.class, true, api::poolMembers);
        r.get(BASE + "/pools/{pool}/health_monitors/", "A pool's monitors", FlMonitor.class, true, api::poolMonitors);
        r.write("DELETE", BASE + "/pools/{pool}/health_monitors/{monitor}/", "Detach a monitor from a pool", null,
                FlStatus.class, 200, api::detachMonitor);
        r.get(BASE + "/pools/{pool}/stats/", "A pool's traffic", FlStats.class, false, api::stats);
        r.write("DELETE", BASE + "/clear/", "Delete every VIP, pool, member and monitor", null, FlStatus.class, 200,
                api::clear);
    }

    private FlMember member(Member m, LbConfig c) {
        return FlMember.of(m, c, live(m.id()));
    }

    /** The member's entry in the first distribution that has it, or null. */
    private MemberDistribution live(MemberId id) {
        for (VipDistribution d : ctx.distribution().distributions()) {
            for (MemberDistribution m : d.members()) {
                if (m.memberId().equals(id)) {
                    return m;
                }
            }
        }
        return null;
    }

    private Response weight(Request req) {
        MemberId id = FloodlightFields.valid(() -> MemberId.parse("member", req.param("member")));
        int weight;
        try {
            weight = Integer.parseInt(req.param("weight").trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("weight", "must be a whole number, got \"" + req.param("weight") + "\"");
        }
        FloodlightFields.valid(() -> Fields.range("weight", weight, Member.MIN_WEIGHT,
                Member.MAX_WEIGHT));
        Await.change(ctx.lb().setMemberWeight(id, weight), ctx.timeout());
        return Response.ok(new FlStatus("0"));
    }

    /** Floodlight's setPriorityToMember: the member gets weight 1 + n/2, the pool's other members 1. */
    private Response priority(Request req) {
        PoolId pool = FloodlightFields.valid(() -> PoolId.parse("pool", req.param("pool")));
        MemberId member = FloodlightFields.valid(() -> MemberId.parse("member", req.param("member")));
        Await.change(ctx.lb().apply(c -> {
            List<Member> members = c.membersOf(c.pool(pool).id());
            if (!c.member(member).poolId().equals(pool)) {
                throw new NotFoundException("member", "member " + member
                        + " is not in pool " + pool);
            }
            LbConfig next = c;
            for (Member m : members) {
                next = next.withMember(m.withWeight(m.id().equals(member) ? 1 + members.size() / 2 : 1));
            }
            return ConfigChange.result(next, null);
        }), ctx.timeout());
        return Response.ok(new FlStatus("0"));
    }

    private Response attachMonitor(Request req) {
        PoolId pool = FloodlightFields.valid(() -> PoolId.parse("pool", req.param("pool")));
        FloodlightFields f = FloodlightFields.of(FloodlightFields.unwrap(req.jsonTree(), "monitor"),
                FloodlightChanges.MONITOR_FIELDS);
        Await.change(ctx.lb().apply(FloodlightChanges.monitor(f, null, pool)), ctx.timeout());
        return poolMonitors(req);
    }

    private Response poolMonitors(Request req) {
        LbConfig c = ctx.lb().config();
        Pool p = c.pool(FloodlightFields.valid(() -> PoolId.parse("pool", req.param("pool"))));
        List<FlMonitor> out = new ArrayList<>();
        for (MonitorId id : p.monitorIds()) {
            out.add(FlMonitor.of(c.monitor(id), c));
        }
        return Response.ok(out);
    }

    private Response detachMonitor(Request req) {
        PoolId pool = FloodlightFields.valid(() -> PoolId.parse("pool", req.param("pool")));
        MonitorId monitor = FloodlightFields.valid(() -> MonitorId.parse("monitor", req.param("monitor")));
        Await.change(ctx.lb().apply(c -> {
            Pool p = c.pool(pool);
            if (!p.monitorIds().contains(monitor)) {
                throw new NotFoundException("monitor", "pool " + pool
                        + " has no monitor " + monitor);
            }
            List<MonitorId> ids = new ArrayList<>(p.monitorIds());
            ids.remove(monitor);
            return ConfigChange.result(c.withPool(p.withMonitors(ids)), null);
        }), ctx.timeout());
        return Response.ok(new FlStatus("0"));
    }

    private Response poolMembers(Request req) {
        LbConfig c = ctx.lb().config();
        PoolId pool = c.pool(FloodlightFields.valid(() -> PoolId.parse("pool", req.param("pool")))).id();
        List<FlMember> out = new ArrayList<>();
        for (Member m : c.membersOf(pool)) {
            out.add(member(m, c));
        }
        return Response.ok(out);
    }

    /** Bytes to and from the pool's members and their active connections, over the VIPs that use the pool. */
    private Response stats(Request req) {
        LbConfig c = ctx.lb().config();
        PoolId pool = c.pool(FloodlightFields.valid(() -> PoolId.parse("pool", req.param("pool")))).id();
        long in = 0;
        long out = 0;
        long active = 0;
        for (VipDistribution d : ctx.distribution().distributions()) {
            if (pool.equals(d.poolId())) {
                in += d.bytesIn();
                out += d.bytesOut();
                active += d.activeConnections();
            }
        }
        return Response.ok(new FlStats(Long.toString(in), Long.toString(out), Long.toString(active)));
    }

    private Response clear(Request req) {
        Await.change(ctx.lb().apply(c -> ConfigChange.result(LbConfig.of(List.of(), List.of(), List.of(), List.of(),
                c.routerPools().values()), null)), ctx.timeout());
        return Response.ok(new FlStatus("All Vips, Pools, Members and Monitors have been deleted"));
    }
}
