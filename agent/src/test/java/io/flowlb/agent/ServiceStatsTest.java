package io.flowlb.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceStatsTest {

    @Test
    void readsKeyValueLinesWithCommentsBlanksAndSpacesAroundTheEqualsSign() {
        ServiceStats s = ServiceStats.parse("""
                # written by the service every second
                requests_per_second=150.5

                avg_service_time_ms = 3.25
                requests_total=1e3
                """);

        assertThat(s.requestsPerSecond()).isEqualTo(150.5);
        assertThat(s.avgServiceTimeMs()).isEqualTo(3.25);
        assertThat(s.requestsTotal()).isEqualTo(1000.0);
        assertThat(s.ignoredLines()).isZero();
    }

    @Test
    void junkLinesUnknownKeysAndBadNumbersAreIgnoredAndCounted() {
        ServiceStats s = ServiceStats.parse("""
                hello world
                requests_per_second=abc
                avg_service_time_ms=4
                uptime_seconds=100
                =3
                requests_per_second=-1
                requests_per_second=NaN
                requests_per_second=Infinity
                requests_per_second=0x10
                avg_service_time_ms=1e999
                """);

        assertThat(s.avgServiceTimeMs()).isEqualTo(4.0);
        assertThat(s.requestsPerSecond()).isNaN();
        assertThat(s.ignoredLines()).isEqualTo(9);
        assertThat(s.firstIgnored()).isEqualTo("hello world");
    }

    @Test
    void readsTheRequestCounterFromNginxStubStatus() {
        ServiceStats s = ServiceStats.parse("""
                Active connections: 291 \r
                server accepts handled requests\r
                 16630948 16630948 31070465 \r
                Reading: 6 Writing: 179 Waiting: 106 \r
                """);

        assertThat(s.requestsTotal()).isEqualTo(31070465.0);
        assertThat(s.requestsPerSecond()).isNaN();
        assertThat(s.avgServiceTimeMs()).isNaN();
        assertThat(s.ignoredLines()).isZero();
    }

    @Test
    void aBrokenStubStatusCounterLineIsIgnoredAndCounted() {
        ServiceStats s = ServiceStats.parse("""
                Active connections: 1
                server accepts handled requests
                 12 12
                Reading: 0 Writing: 1 Waiting: 0
                something else
                """);

        assertThat(s.requestsTotal()).isNaN();
        assertThat(s.ignoredLines()).isEqualTo(2);
        assertThat(s.firstIgnored()).isEqualTo("12 12");
    }

    @Test
    void statedRateWinsOverDerivedRateAndTheFirstSourceWinsWhenMerging() {
        ServiceStats stated = new ServiceStats(10, Double.NaN, 500, 1, "x");
        ServiceStats counterOnly = new ServiceStats(Double.NaN, 2.5, 900, 2, "y");

        assertThat(stated.withDerivedRate(99).requestsPerSecond()).isEqualTo(10.0);
        assertThat(counterOnly.withDerivedRate(99).requestsPerSecond()).isEqualTo(99.0);
        ServiceStats merged = stated.over(counterOnly);
        assertThat(merged.requestsPerSecond()).isEqualTo(10.0);
        assertThat(merged.avgServiceTimeMs()).isEqualTo(2.5);
        assertThat(merged.requestsTotal()).isEqualTo(500.0);
        assertThat(merged.ignoredLines()).isEqualTo(3);
    }

    @Test
    void requestRateIsCounterGrowthOverTimeAndRestartsAfterAReset() {
        RequestRate rate = new RequestRate();
        long second = 1_000_000_000L;

        assertThat(rate.update(1000, 0)).isNaN();
        assertThat(rate.update(1300, 2 * second)).isEqualTo(150.0);
        assertThat(rate.update(Double.NaN, 3 * second)).isNaN();
        assertThat(rate.update(1400, 4 * second)).isEqualTo(50.0);
        assertThat(rate.update(5, 5 * second)).isNaN();
        assertThat(rate.update(25, 6 * second)).isEqualTo(20.0);
    }
}
