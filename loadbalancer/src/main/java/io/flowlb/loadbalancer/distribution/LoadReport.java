package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.Fields;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.ValidationException;

/**
 * One raw load report from a member's agent (the resource manager's input in WO 00/30294): the
 * clients it serves, CPU and memory utilisation, average service time and request rate, stamped
 * with the time the controller received it.
 *
 * <p>Fields and JSON names: {@code member_id}; {@code active_clients} (&gt;= 0);
 * {@code cpu_percent} and {@code memory_percent} (0-100, of the whole machine);
 * {@code avg_service_time_ms} (0-{@value #MAX_SERVICE_TIME_MS}; 0 = not measured);
 * {@code requests_per_second} (0-{@value #MAX_REQUESTS_PER_SECOND}); {@code received_at}
 * (milliseconds on the controller's clock, &gt;= 0). NaN, infinities and out-of-range values are
 * rejected with a {@link ValidationException} naming the field.
 *
 * <p>Thread safety: immutable.
 */
public record LoadReport(MemberId memberId, int activeClients, double cpuPercent, double memoryPercent,
                         double avgServiceTimeMs, double requestsPerSecond, long receivedAtMillis) {
    public static final double MAX_SERVICE_TIME_MS = 3_600_000;
    public static final double MAX_REQUESTS_PER_SECOND = 1e9;

    public LoadReport {
        Fields.required("member_id", memberId);
        Fields.range("active_clients", activeClients, 0, Integer.MAX_VALUE);
        Fields.range("cpu_percent", cpuPercent, 0.0, 100.0);
        Fields.range("memory_percent", memoryPercent, 0.0, 100.0);
        Fields.range("avg_service_time_ms", avgServiceTimeMs, 0.0, MAX_SERVICE_TIME_MS);
        Fields.range("requests_per_second", requestsPerSecond, 0.0, MAX_REQUESTS_PER_SECOND);
        Fields.range("received_at", receivedAtMillis, 0L, Long.MAX_VALUE);
    }

    /** A report of CPU and memory only, the least an agent sends. */
    public static LoadReport of(MemberId memberId, double cpuPercent, double memoryPercent, long receivedAtMillis) {
        return new LoadReport(memberId, 0, cpuPercent, memoryPercent, 0, 0, receivedAtMillis);
    }
}
