package io.flowlb.controller;

import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.lb.DistributionSink;
import io.flowlb.controller.lb.LbService;
import io.flowlb.controller.lb.agent.AgentRegistry;
import io.flowlb.controller.master.ControlScheduler;
import io.flowlb.controller.master.MasterModule;
import io.flowlb.controller.master.MasterService;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.resource.ResourceManager;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource manager (health checks, agent-check polls) and the master module on the LB
 * control loop, started and stopped together: they follow the loop's configuration, take agent
 * reports, and hand every changed distribution to a sink (the LB application).
 *
 * <p>Thread safety: started and closed by the thread that builds the controller; the two parts
 * run on the LB control thread.
 */
final class MasterRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterRunner.class);

    private final LbService lb;
    private final ControlScheduler control;
    private final MasterModule master;
    private final ResourceManager resources;

    private MasterRunner(LbService lb, ControlScheduler control, MasterModule master, ResourceManager resources) {
        this.lb = lb;
        this.control = control;
        this.master = master;
        this.resources = resources;
    }

    /**
     * Starts both on {@code lb}; on return the distributions of the pools already configured have
     * been published to {@code sink}. Timing and thresholds come from the {@code resource} and
     * {@code master} configuration sections.
     */
    static MasterRunner start(ControllerConfig config, LbService lb, AgentRegistry agents, DistributionSink sink,
                              MetricRegistry metrics) {
        ControlScheduler control = new ControlScheduler(lb, metrics);
        MasterModule master = new MasterModule(control, sink, config.master().settings(), metrics);
        ResourceManager resources = ResourceManager.create(control, config.resource().settings(), metrics, master);
        master.details(resources);
        lb.addListenerAndReplay(master).join();
        lb.addListenerAndReplay(resources).join();
        lb.submit(() -> null).join();
        agents.addListener(master);
        master.start();
        return new MasterRunner(lb, control, master, resources);
    }

    MasterService master() {
        return master;
    }

    /**
     * Stops the master module and the resource manager on the control thread, or on this one when
     * the control loop has already stopped (nothing else can touch them then).
     */
    @Override
    public void close() {
        control.close();
        lb.removeListener(master);
        lb.removeListener(resources);
        Callable<Void> stop = () -> {
            master.close();
            resources.close();
            return null;
        };
        try {
            lb.submit(stop).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RejectedExecutionException) {
                runQuietly(stop);
            } else {
                LOG.warn("stopping the resource manager and master module: {}", e.getCause().toString());
            }
        } catch (TimeoutException e) {
            LOG.warn("the LB control thread did not stop the resource manager and master module within 5 s");
        }
    }

    private static void runQuietly(Callable<Void> task) {
        try {
            task.call();
        } catch (Exception e) {
            LOG.warn("stopping the resource manager and master module: {}", e.toString());
        }
    }
}
