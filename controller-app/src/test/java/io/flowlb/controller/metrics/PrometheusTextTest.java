package io.flowlb.controller.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void countersAndGaugesAreWrittenWithHelpTypeAndLabels() {
        MetricRegistry r = new MetricRegistry();
        Counter c = r.counter("flowlb_rest_requests_total", "REST requests.", "method", "status");
        c.inc("GET", "200");
        c.add(2, "GET", "200");
        c.inc("POST", "201");
        r.gauge("flowlb_temperature", "A gauge.").set(1.5);
        String text = r.scrapeText();
        assertThat(text).contains("""
                # HELP flowlb_rest_requests_total REST requests.
                # TYPE flowlb_rest_requests_total counter
                flowlb_rest_requests_total{method="GET",status="200"} 3
                flowlb_rest_requests_total{method="POST",status="201"} 1
                # HELP flowlb_temperature A gauge.
                # TYPE flowlb_temperature gauge
                flowlb_temperature 1.5
                """);
        assertThat(MetricsTextParser.parse(text)).containsKeys("flowlb_rest_requests_total", "flowlb_temperature");
    }

    @Test
    void labelValuesAndHelpAreEscaped() {
        MetricRegistry r = new MetricRegistry();
        r.counter("x_total", "line one\nback\\slash", "name").inc("a\"b\\c\nd");
        String text = r.scrapeText();
        assertThat(text).contains("# HELP x_total line one\\nback\\\\slash\n");
        assertThat(text).contains("x_total{name=\"a\\\"b\\\\c\\nd\"} 1\n");
        assertThat(MetricsTextParser.parse(text).get("x_total")).hasSize(1);
    }

    @Test
    void specialValuesUseTheFormatsSpelling() {
        assertThat(PrometheusText.number(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusText.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(PrometheusText.number(42)).isEqualTo("42");
        assertThat(PrometheusText.number(0.25)).isEqualTo("0.25");
    }

    @Test
    void collectorsAddFamiliesAtScrapeTimeAndAFailingOneIsLeftOut() {
        MetricRegistry r = new MetricRegistry();
        int[] calls = {0};
        r.register(() -> List.of(new MetricFamily("flowlb_live", "Read at scrape.", MetricType.GAUGE, List.of("vip"),
                List.of(Sample.of(++calls[0], "v1")))));
        r.register(() -> {
            throw new IllegalStateException("broken view");
        });
        assertThat(r.scrapeText()).contains("flowlb_live{vip=\"v1\"} 1");
        assertThat(r.scrapeText()).contains("flowlb_live{vip=\"v1\"} 2");
    }

    @Test
    void aNameCanOnlyBeRegisteredOnceWithOneShape() {
        MetricRegistry r = new MetricRegistry();
        Counter a = r.counter("a_total", "A.", "x");
        assertThat(r.counter("a_total", "A.", "x")).isSameAs(a);
        assertThatThrownBy(() -> r.counter("a_total", "A.", "y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.gauge("a_total", "A.", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.counter("no_suffix", "A.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.gauge("bad-name", "A.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.inc("1", "2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.add(-1, "1")).isInstanceOf(IllegalArgumentException.class);
    }
}
