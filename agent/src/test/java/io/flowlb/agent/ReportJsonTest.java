package io.flowlb.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    private static final Instant AT = Instant.parse("2026-11-23T05:00:00.250Z");

    @Test
    void encodesAFullReportWithTheDocumentedFieldsInOrder() {
        LoadReading reading = new LoadReading(35.5, 40.123, 12, 3.2, 150.0);
        Report report = new Report("web-1", "10.0.0.1", 80, reading, AgentState.READY, 17, AT);

        assertThat(ReportJson.encode(report)).isEqualTo("{\"member_id\": \"web-1\", \"address\": \"10.0.0.1\", "
                + "\"port\": 80, \"active_clients\": 12, \"cpu_percent\": 35.5, \"memory_percent\": 40.12, "
                + "\"avg_service_time_ms\": 3.2, \"requests_per_second\": 150.0, \"agent_state\": \"ready\", "
                + "\"sequence\": 17, \"sent_at\": \"2026-11-23T05:00:00.250Z\"}");
    }

    @Test
    void leavesOutMemberIdAndReadingsThatAreNotAvailable() {
        Report report = new Report(null, "10.0.0.2", 8080, LoadReading.NONE, AgentState.DRAIN, 1, AT);

        Map<String, Object> json = MiniJson.object(ReportJson.encode(report));

        assertThat(json).containsOnlyKeys("address", "port", "agent_state", "sequence", "sent_at");
        assertThat(json).containsEntry("agent_state", "drain").containsEntry("port", new BigDecimal("8080"));
        assertThat(json.values()).doesNotContainNull();
    }

    @Test
    void oddMemberIdsSurviveTheRoundTripAndTheBodyIsPlainAscii() {
        String odd = "a\"b\\c/d\n\t\r\b\f\u0000\u001f\u007f é ✓ \uD83D\uDE00 \uD800";
        Report report = new Report(odd, "fe80::1", 443, LoadReading.NONE, AgentState.READY, 2, AT);

        String encoded = ReportJson.encode(report);

        assertThat(encoded.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        assertThat(MiniJson.object(encoded)).containsEntry("member_id", odd).containsEntry("address", "fe80::1");
    }

    @Test
    void numbersAreRoundedToTwoDecimalsAndStayValidJson() {
        LoadReading reading = new LoadReading(0.004, 99.999, 0, 1e15, 12345678.9);
        Report report = new Report(null, "10.0.0.1", 80, reading, AgentState.DOWN, Long.MAX_VALUE, AT);

        Map<String, Object> json = MiniJson.object(ReportJson.encode(report));

        assertThat(json.get("cpu_percent")).isEqualTo(new BigDecimal("0.0"));
        assertThat(json.get("memory_percent")).isEqualTo(new BigDecimal("100.0"));
        assertThat(json.get("active_clients")).isEqualTo(BigDecimal.ZERO);
        assertThat(((BigDecimal) json.get("avg_service_time_ms")).doubleValue()).isEqualTo(1e15);
        assertThat(((BigDecimal) json.get("requests_per_second")).doubleValue()).isEqualTo(12345678.9);
        assertThat(json.get("sequence")).isEqualTo(new BigDecimal(Long.MAX_VALUE));
        assertThat(json).containsEntry("agent_state", "down");
    }

    @Test
    void sentAtIsAnIsoInstantTheControllerCanParse() {
        Report report = new Report(null, "10.0.0.1", 80, LoadReading.NONE, AgentState.READY, 1,
                Instant.parse("2026-01-02T03:04:05.678901Z"));

        String sentAt = (String) MiniJson.object(ReportJson.encode(report)).get("sent_at");

        assertThat(sentAt).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(Instant.parse(sentAt)).isEqualTo(Instant.parse("2026-01-02T03:04:05.678Z"));
    }
}
