package io.flowlb.controller.rest.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowlb.controller.lb.LbService;
import io.flowlb.controller.lb.agent.AgentReportIntake;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.view.DistributionView;
import io.flowlb.controller.view.NetworkView;
import java.time.Duration;

/**
 * What the REST resources use: the configuration service, the agent intake, the two views, the
 * metrics, the JSON mapper and how long a request may wait.
 *
 * <p>Thread safety: immutable; every part is thread-safe.
 */
public record RestContext(LbService lb, AgentReportIntake agents, DistributionView distribution, NetworkView network,
                          MetricRegistry metrics, ObjectMapper mapper, Duration timeout) {
}
