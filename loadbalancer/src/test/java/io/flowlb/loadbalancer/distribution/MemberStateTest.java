package io.flowlb.loadbalancer.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.flowlb.loadbalancer.model.AdminState;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MemberStateTest {

    static Stream<Arguments> verdicts() {
        return Stream.of(
            arguments("new member, health unknown", (UnaryOperator<MemberState>) s -> s, true, true),
            arguments("health up", (UnaryOperator<MemberState>) s -> s.withHealth(Health.UP), true, true),
            arguments("health down", (UnaryOperator<MemberState>) s -> s.withHealth(Health.DOWN), false, false),
            arguments("admin drain", (UnaryOperator<MemberState>) s -> s.withMember(s.member().withAdminState(AdminState.DRAIN)), true, false),
            arguments("admin maint", (UnaryOperator<MemberState>) s -> s.withMember(s.member().withAdminState(AdminState.MAINT)), false, false),
            arguments("weight 0", (UnaryOperator<MemberState>) s -> s.withMember(s.member().withWeight(0)), true, false),
            arguments("agent drain", (UnaryOperator<MemberState>) s -> s.withAgent(s.agent().apply("drain")), true, false),
            arguments("agent 0%", (UnaryOperator<MemberState>) s -> s.withAgent(s.agent().apply("0%")), true, false),
            arguments("agent maint", (UnaryOperator<MemberState>) s -> s.withAgent(s.agent().apply("maint")), false, false),
            arguments("agent down", (UnaryOperator<MemberState>) s -> s.withAgent(s.agent().apply("down")), false, false),
            arguments("agent maxconn reached", (UnaryOperator<MemberState>) s -> s.withAgent(s.agent().apply("maxconn:10")).withActiveConnections(10), true, false),
            arguments("agent maxconn not reached", (UnaryOperator<MemberState>) s -> s.withAgent(s.agent().apply("maxconn:10")).withActiveConnections(9), true, true));
    }

    @ParameterizedTest(name = "{0}: alive={2} acceptsNew={3}")
    @MethodSource("verdicts")
    void decidesWhetherAMemberKeepsAndTakesConnections(String description, UnaryOperator<MemberState> change,
                                                      boolean alive, boolean acceptsNew) {
        MemberState s = change.apply(Fixtures.state("a"));
        assertThat(s.alive()).isEqualTo(alive);
        assertThat(s.acceptsNew()).isEqualTo(acceptsNew);
    }

    @Test
    void scalesTheConfiguredWeightByTheAgentPercentageRoundingUp() {
        MemberState s = Fixtures.state("a").withMember(Fixtures.member("a").withWeight(10));
        assertThat(s.withAgent(s.agent().apply("75%")).baseWeight()).isEqualTo(8);
        assertThat(s.withAgent(s.agent().apply("1%")).baseWeight()).isEqualTo(1);
        assertThat(s.withAgent(s.agent().apply("0%")).baseWeight()).isZero();
        MemberState heavy = Fixtures.state("a").withMember(Fixtures.member("a").withWeight(800));
        assertThat(heavy.withAgent(heavy.agent().apply("200%")).baseWeight()).isEqualTo(1000);
    }
}
