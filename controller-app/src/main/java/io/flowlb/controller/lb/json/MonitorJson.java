package io.flowlb.controller.lb.json;

import io.flowlb.loadbalancer.model.ExpectedStatus;
import io.flowlb.loadbalancer.model.Monitor;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.MonitorType;

/**
 * The JSON body of a {@link Monitor}; the fields and defaults are the model's.
 *
 * <p>Thread safety: immutable.
 */
public record MonitorJson(MonitorId id, MonitorType type, Long intervalMs, Long timeoutMs, Integer rise, Integer fall,
                          String httpPath, ExpectedStatus expectedStatus, Integer port) {

    public static MonitorJson of(Monitor m) {
        return new MonitorJson(m.id(), m.type(), m.intervalMs(), m.timeoutMs(), m.rise(), m.fall(), m.httpPath(),
                m.expectedStatus(), m.port());
    }

    public Monitor toMonitor(MonitorId monitorId) {
        return new Monitor(monitorId, type, intervalMs == null ? Monitor.DEFAULT_INTERVAL_MS : intervalMs,
                timeoutMs == null ? Monitor.DEFAULT_TIMEOUT_MS : timeoutMs, rise == null ? Monitor.DEFAULT_RISE : rise,
                fall == null ? Monitor.DEFAULT_FALL : fall, httpPath, expectedStatus, port == null ? 0 : port);
    }

    public Monitor toMonitor() {
        return toMonitor(id);
    }

    public MonitorJson withId(MonitorId newId) {
        return new MonitorJson(newId, type, intervalMs, timeoutMs, rise, fall, httpPath, expectedStatus, port);
    }
}
