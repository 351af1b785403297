package io.flowlb.controller.lb.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lab.Lab;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.Router;
import io.flowlb.loadbalancer.model.RouterPool;
import io.flowlb.loadbalancer.model.RouterPoolId;
import io.flowlb.loadbalancer.model.RouterSelection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A router pool on a real switch (the subclass says which): two servers whose default gateway is the pool's
 * virtual gateway address, two routers (namespaces with forwarding on, each also holding the
 * "outside" address 203.0.113.1). Each server gets a router; when one router stops, its server's
 * outbound traffic continues through the other.
 */
abstract class RouterPoolScenarios extends LbLabScenarios {
    static final String GATEWAY = "10.0.0.254";
    static final String OUTSIDE = "203.0.113.1";

    @Override
    void hosts() {
        lab.host("srv1", "10.0.0.11/24", 1);
        lab.host("srv2", "10.0.0.12/24", 2);
        lab.host("r1", "10.0.0.201/24", 3);
        lab.host("r2", "10.0.0.202/24", 4);
        for (String r : List.of("r1", "r2")) {
            LbLab.in(r, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
            LbLab.in(r, "ip", "addr", "add", OUTSIDE + "/32", "dev", "lo");
        }
        for (String s : List.of("srv1", "srv2")) {
            LbLab.in(s, "ip", "route", "add", "default", "via", GATEWAY);
        }
    }

    @BeforeEach
    void routerPool() throws Exception {
        RouterPool pool = RouterPool.of(RouterPoolId.of("out"), IpAddress.parse(GATEWAY), List.of(
                        new Router(IpAddress.parse("10.0.0.201"), MacAddress.parse(lab.mac("r1"))),
                        new Router(IpAddress.parse("10.0.0.202"), MacAddress.parse(lab.mac("r2")))))
                .withSelection(RouterSelection.SOURCE_IP_ROUND_ROBIN);
        lab.lb.putRouterPool(pool).get(10, TimeUnit.SECONDS);
    }

    static boolean reachesOutside(String server, Duration within) {
        return Lab.await(within, () -> LbLab.run(server, "ping", "-c", "1", "-W", "1", OUTSIDE).code() == 0);
    }

    static String gatewayMac(String server) {
        String neigh = LbLab.in(server, "ip", "neigh", "show", GATEWAY);
        int at = neigh.indexOf("lladdr ");
        return at < 0 ? "" : neigh.substring(at + 7, at + 24);
    }

    @Test
    void whenARouterStopsItsServerGoesOnThroughTheOther() {
        assertThat(reachesOutside("srv1", Duration.ofSeconds(15))).isTrue();
        assertThat(reachesOutside("srv2", Duration.ofSeconds(15))).isTrue();
        assertThat(List.of(gatewayMac("srv1"), gatewayMac("srv2")))
                .as("each server has its own router").containsExactlyInAnyOrder(lab.mac("r1"), lab.mac("r2"));
        String router = gatewayMac("srv1").equals(lab.mac("r1")) ? "r1" : "r2";
        String other = router.equals("r1") ? "r2" : "r1";

        LbLab.in(router, "ip", "link", "set", router + "-eth0", "down");

        assertThat(reachesOutside("srv1", Duration.ofSeconds(15))).as("srv1 reaches outside again").isTrue();
        assertThat(gatewayMac("srv1")).as("through the other router").isEqualTo(lab.mac(other));
        assertThat(reachesOutside("srv2", Duration.ofSeconds(5))).isTrue();
    }
}
