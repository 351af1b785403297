package io.flowlb.controller.rest.api;

import io.flowlb.controller.lb.LbService;
import io.flowlb.controller.lb.json.MemberJson;
import io.flowlb.controller.lb.json.MonitorJson;
import io.flowlb.controller.lb.json.PoolJson;
import io.flowlb.controller.lb.json.RouterPoolJson;
import io.flowlb.controller.lb.json.VipJson;
import io.flowlb.controller.rest.Router;
import io.flowlb.controller.rest.Routes;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.RouterPoolId;
import io.flowlb.loadbalancer.model.VipId;

/**
 * The native API under {@code /api/v1}, plus {@code /metrics}, the OpenAPI document and the
 * dashboard. See the route table in the OpenAPI document ({@code GET /api/v1/openapi.json}).
 *
 * <p>Thread safety: used by the composition root at start.
 */
public final class NativeApi {
    private NativeApi() {
    }

    /** Adds every native route to {@code router}. */
    public static void register(Router router, RestContext ctx) {
        LbService lb = ctx.lb();
        ObjectResources.register(Routes.nativeApi(router, "vips"), new ObjectKind<>("vips", "vip", VipJson.class,
                VipId::parse, LbConfig::vips, VipJson::of, VipJson::toVip, VipJson::id, LbConfig::withVip,
                lb::createVip, lb::putVip, lb::deleteVip), ctx);
        ObjectResources.register(Routes.nativeApi(router, "pools"), new ObjectKind<>("pools", "pool", PoolJson.class,
                PoolId::parse, LbConfig::pools, PoolJson::of, PoolJson::toPool, PoolJson::id, LbConfig::withPool,
                lb::createPool, lb::putPool, lb::deletePool), ctx);
        ObjectResources.register(Routes.nativeApi(router, "members"), new ObjectKind<>("members", "member",
                MemberJson.class, MemberId::parse, LbConfig::members, MemberJson::of, MemberJson::toMember,
                MemberJson::id, LbConfig::withMember, lb::createMember, lb::putMember, lb::deleteMember), ctx);
        MemberResources.register(Routes.nativeApi(router, "members"), ctx);
        ObjectResources.register(Routes.nativeApi(router, "monitors"), new ObjectKind<>("monitors", "monitor",
                MonitorJson.class, MonitorId::parse, LbConfig::monitors, MonitorJson::of, MonitorJson::toMonitor,
                MonitorJson::id, LbConfig::withMonitor, lb::createMonitor, lb::putMonitor, lb::deleteMonitor), ctx);
        ObjectResources.register(Routes.nativeApi(router, "router-pools"), new ObjectKind<>("router-pools",
                "router pool", RouterPoolJson.class, RouterPoolId::parse, LbConfig::routerPools, RouterPoolJson::of,
                RouterPoolJson::toRouterPool, RouterPoolJson::id, LbConfig::withRouterPool, lb::createRouterPool,
                lb::putRouterPool, lb::deleteRouterPool), ctx);
        ConfigResources.register(Routes.nativeApi(router, "config"), ctx);
        StatusResources.register(Routes.nativeApi(router, "status"), ctx);
        SiteResources.register(router, ctx);
    }
}
