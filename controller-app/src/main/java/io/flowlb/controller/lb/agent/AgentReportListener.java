package io.flowlb.controller.lb.agent;

/**
 * Told about each stored report, on the load-balancer control thread ({@code lb-control}), in the
 * order the reports were accepted. Must not block; one that throws is logged once per kind.
 *
 * <p>Thread safety: called only on {@code lb-control}, one call at a time.
 */
@FunctionalInterface
public interface AgentReportListener {
    void reportReceived(AgentReport report);
}
