package io.flowlb.loadbalancer.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.ValidationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoadReportTest {
    private static final MemberId M = MemberId.of("m1");

    static Stream<Arguments> badReports() {
        return Stream.of(
            arguments("no member", (Runnable) () -> new LoadReport(null, 1, 10, 10, 5, 100, 0), "member_id"),
            arguments("negative clients", (Runnable) () -> new LoadReport(M, -1, 10, 10, 5, 100, 0), "active_clients"),
            arguments("cpu NaN", (Runnable) () -> new LoadReport(M, 1, Double.NaN, 10, 5, 100, 0), "cpu_percent"),
            arguments("cpu 101", (Runnable) () -> new LoadReport(M, 1, 101, 10, 5, 100, 0), "cpu_percent"),
            arguments("cpu negative", (Runnable) () -> new LoadReport(M, 1, -0.5, 10, 5, 100, 0), "cpu_percent"),
            arguments("memory infinite", (Runnable) () -> new LoadReport(M, 1, 10, Double.POSITIVE_INFINITY, 5, 100, 0), "memory_percent"),
            arguments("service time negative", (Runnable) () -> new LoadReport(M, 1, 10, 10, -5, 100, 0), "avg_service_time_ms"),
            arguments("service time NaN", (Runnable) () -> new LoadReport(M, 1, 10, 10, Double.NaN, 100, 0), "avg_service_time_ms"),
            arguments("requests/s negative", (Runnable) () -> new LoadReport(M, 1, 10, 10, 5, -1, 0), "requests_per_second"),
            arguments("received before the epoch", (Runnable) () -> new LoadReport(M, 1, 10, 10, 5, 100, -1), "received_at"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("badReports")
    void rejectsBadReportsNamingTheField(String description, Runnable build, String field) {
        assertThatThrownBy(build::run)
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void smoothsReportsWithTheConfiguredWeight() {
        DistributionSettings s = DistributionSettings.DEFAULTS;
        LoadEstimate e = LoadEstimate.update(null, LoadReport.of(M, 20, 40, 0), s);
        e = LoadEstimate.update(e, LoadReport.of(M, 90, 40, 2_000), s);
        assertThat(e.cpuPercent()).isCloseTo(20 + 0.6 * 70, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(e.memoryPercent()).isCloseTo(40, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(e.reports()).isEqualTo(2);
    }

    @Test
    void ignoresAReportOlderThanTheLastOne() {
        DistributionSettings s = DistributionSettings.DEFAULTS;
        LoadEstimate e = LoadEstimate.update(null, LoadReport.of(M, 20, 40, 10_000), s);
        assertThat(LoadEstimate.update(e, LoadReport.of(M, 90, 90, 9_000), s)).isSameAs(e);
    }

    @Test
    void startsAfreshAfterASilenceLongerThanTheStalenessBound() {
        DistributionSettings s = DistributionSettings.DEFAULTS;
        LoadEstimate e = LoadEstimate.update(null, LoadReport.of(M, 20, 40, 0), s);
        LoadEstimate later = LoadEstimate.update(e, LoadReport.of(M, 90, 50, s.staleAfterMs() + 1), s);
        assertThat(later.cpuPercent()).isEqualTo(90);
        assertThat(later.reports()).isEqualTo(1);
        assertThat(e.isFresh(s.staleAfterMs(), s.staleAfterMs())).isTrue();
        assertThat(e.isFresh(s.staleAfterMs() + 1, s.staleAfterMs())).isFalse();
    }

    @Test
    void refusesAReportForAnotherMember() {
        MemberState state = Fixtures.state("a");
        assertThatThrownBy(() -> state.withReport(LoadReport.of(MemberId.of("b"), 10, 10, 0), DistributionSettings.DEFAULTS))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("member_id"));
    }
}
