package io.flowlb.loadbalancer.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.Router;
import io.flowlb.loadbalancer.model.RouterPool;
import io.flowlb.loadbalancer.model.RouterPoolId;
import io.flowlb.loadbalancer.model.RouterSelection;
import io.flowlb.loadbalancer.model.ValidationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterSelectorTest {
    private static final Router R1 = Router.of("10.0.0.1", "02:00:00:00:00:01");
    private static final Router R2 = Router.of("10.0.0.2", "02:00:00:00:00:02");
    private static final Router R3 = Router.of("10.0.0.3", "02:00:00:00:00:03");

    private static RouterPool pool(RouterSelection selection) {
        return RouterPool.of(RouterPoolId.of("out"), IpAddress.parse("10.0.0.254"), List.of(R1, R2, R3))
                .withSelection(selection);
    }

    private static IpAddress server(int n) {
        return IpAddress.parse("10.0.1." + n);
    }

    /** Asks for servers 1..count in order and returns the final state. */
    private static RouterSelector ask(RouterSelector s, int count) {
        for (int n = 1; n <= count; n++) {
            s = s.select(server(n)).next();
        }
        return s;
    }

    private static Map<Router, Integer> counts(RouterSelector s) {
        Map<Router, Integer> out = new HashMap<>();
        for (IpAddress r : s.assignments().values()) {
            out.merge(s.pool().router(r), 1, Integer::sum);
        }
        return out;
    }

    @Test
    void roundRobinSpreadsServersInTurn() {
        RouterSelector s = RouterSelector.initial(pool(RouterSelection.SOURCE_IP_ROUND_ROBIN));
        assertThat(s.select(server(1)).router()).isEqualTo(R1);
        s = ask(s, 6);
        assertThat(s.assignedRouter(server(1))).isEqualTo(R1);
        assertThat(s.assignedRouter(server(2))).isEqualTo(R2);
        assertThat(s.assignedRouter(server(3))).isEqualTo(R3);
        assertThat(s.assignedRouter(server(4))).isEqualTo(R1);
    }

    @Test
    void sameServerKeepsItsRouterWhileItIsHealthy() {
        for (RouterSelection selection : RouterSelection.values()) {
            RouterSelector s = ask(RouterSelector.initial(pool(selection)), 9);
            Router first = s.assignedRouter(server(5));
            for (int i = 0; i < 10; i++) {
                RouterChoice c = s.select(server(5));
                assertThat(c.router()).as(selection.name()).isEqualTo(first);
                s = c.next();
            }
        }
    }

    @Test
    void failedRoutersServersMoveToTheOthersAndTheRestStay() {
        RouterSelector s = ask(RouterSelector.initial(pool(RouterSelection.SOURCE_IP_ROUND_ROBIN)), 6);
        Map<IpAddress, IpAddress> before = s.assignments();
        RouterFailover f = s.withRouterHealth(R2.address(), false);
        assertThat(f.moved()).extracting(RouterAssignment::server).containsExactly(server(2), server(5));
        assertThat(f.moved()).extracting(RouterAssignment::router).doesNotContain(R2);
        for (int n : new int[] {1, 3, 4, 6}) {
            assertThat(f.next().assignments().get(server(n))).isEqualTo(before.get(server(n)));
        }
        assertThat(f.next().select(server(7)).router()).isNotEqualTo(R2);
    }

    @Test
    void recoveredRouterGetsNewAssignmentsWithoutPullingServersBack() {
        RouterSelector s = ask(RouterSelector.initial(pool(RouterSelection.SOURCE_IP_ROUND_ROBIN)), 6);
        s = s.withRouterHealth(R2.address(), false).next();
        RouterFailover back = s.withRouterHealth(R2.address(), true);
        assertThat(back.moved()).isEmpty();
        assertThat(back.next().assignments().values()).doesNotContain(R2.address());
        RouterSelector after = ask(back.next(), 12);
        assertThat(after.assignments().values()).contains(R2.address());
    }

    @Test
    void loadVectorSpreadsNewServersWhenNoTrafficIsKnown() {
        RouterSelector s = ask(RouterSelector.initial(pool(RouterSelection.LOAD_VECTOR)), 9);
        assertThat(counts(s)).containsEntry(R1, 3).containsEntry(R2, 3).containsEntry(R3, 3);
    }

    @Test
    void loadVectorSendsANewServerToTheLeastLoadedRouter() {
        RouterSelector s = ask(RouterSelector.initial(pool(RouterSelection.LOAD_VECTOR)), 3).withTraffic(Map.of(
                R1.address(), new TrafficVector(1000, 1000, 1_000_000, 1_000_000),
                R2.address(), new TrafficVector(10, 10, 10_000, 10_000),
                R3.address(), new TrafficVector(500, 500, 500_000, 500_000)));
        assertThat(s.select(server(50)).router()).isEqualTo(R2);
    }

    @Test
    void loadVectorSpreadsABurstOfRequestsInsteadOfHerding() {
        RouterSelector s = ask(RouterSelector.initial(pool(RouterSelection.LOAD_VECTOR)), 30).withTraffic(Map.of(
                R1.address(), new TrafficVector(0, 0, 1_000_000, 1_000_000),
                R2.address(), new TrafficVector(0, 0, 1_000_000, 1_000_000),
                R3.address(), new TrafficVector(0, 0, 1_000_000, 1_000_000)));
        for (int n = 100; n < 130; n++) {
            s = s.select(server(n)).next();
        }
        assertThat(counts(s).values()).allSatisfy(c -> assertThat(c).isBetween(19, 21));
    }

    @Test
    void loadVectorRebalancesOntoARecoveredRouterAsServersRefresh() {
        RouterSelector s = ask(RouterSelector.initial(pool(RouterSelection.LOAD_VECTOR)), 30);
        s = s.withRouterHealth(R3.address(), false).next();
        s = s.withRouterHealth(R3.address(), true).next();
        s = s.withTraffic(Map.of(R1.address(), new TrafficVector(0, 0, 15_000_000, 0),
                R2.address(), new TrafficVector(0, 0, 15_000_000, 0)));
        assertThat(counts(s)).doesNotContainKey(R3);
        s = ask(s, 30);
        assertThat(counts(s).get(R3)).isBetween(5, 15);
    }

    @Test
    void answersNothingWhenEveryRouterIsDown() {
        RouterSelector s = RouterSelector.initial(pool(RouterSelection.SOURCE_IP_ROUND_ROBIN));
        for (Router r : List.of(R1, R2, R3)) {
            s = s.withRouterHealth(r.address(), false).next();
        }
        RouterChoice c = s.select(server(1));
        assertThat(c.router()).isNull();
        assertThat(c.next()).isSameAs(s);
    }

    @Test
    void movesServersOfARouterRemovedFromThePool() {
        RouterSelector s = ask(RouterSelector.initial(pool(RouterSelection.SOURCE_IP_ROUND_ROBIN)), 3);
        RouterFailover f = s.withPool(pool(RouterSelection.SOURCE_IP_ROUND_ROBIN).withRouters(List.of(R1, R2)));
        assertThat(f.moved()).extracting(RouterAssignment::server).containsExactly(server(3));
        assertThat(f.next().assignments().values()).doesNotContain(R3.address());
    }

    @Test
    void rejectsHealthNewsAboutAnUnknownRouter() {
        RouterSelector s = RouterSelector.initial(pool(RouterSelection.LOAD_VECTOR));
        assertThatThrownBy(() -> s.withRouterHealth(IpAddress.parse("10.9.9.9"), false))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("address"));
    }
}
