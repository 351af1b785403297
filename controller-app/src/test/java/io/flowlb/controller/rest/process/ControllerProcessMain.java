package io.flowlb.controller.rest.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowlb.controller.lb.LbManager;
import io.flowlb.controller.lb.agent.AgentReportIntake;
import io.flowlb.controller.lb.json.LbJson;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.persist.ConfigFileException;
import io.flowlb.controller.persist.StateStore;
import io.flowlb.controller.rest.RestServer;
import io.flowlb.controller.rest.RestSettings;
import io.flowlb.controller.rest.api.RestApi;
import io.flowlb.controller.rest.api.RestContext;
import io.flowlb.controller.view.ConfiguredDistributionView;
import io.flowlb.controller.view.NetworkViewAdapter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The REST half of a controller as a program of its own, wired the way the controller's
 * composition root wires it: state directory in args[0]; prints {@code PORT <n>} when serving.
 * Used by tests that kill it with SIGKILL.
 */
public final class ControllerProcessMain {
    private ControllerProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        MetricRegistry metrics = new MetricRegistry();
        ObjectMapper mapper = LbJson.newMapper();
        LbManager lb;
        try {
            lb = LbManager.start(new StateStore(Path.of(args[0]), mapper), metrics);
        } catch (ConfigFileException e) {
            System.err.println("flowlb: " + e.getMessage());
            System.exit(2);
            return;
        }
        AgentReportIntake agents = new AgentReportIntake(lb, mapper, Clock.systemUTC(), metrics);
        RestContext ctx = new RestContext(lb, agents, new ConfiguredDistributionView(lb::config, lb::version),
                new NetworkViewAdapter(), metrics, mapper, Duration.ofSeconds(10));
        RestServer server = RestApi.start(RestSettings.defaults().withBind("127.0.0.1").withPort(0), ctx);
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
