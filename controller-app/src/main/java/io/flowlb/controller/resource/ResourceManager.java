package io.flowlb.controller.resource;

import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.lb.ConfigDelta;
import io.flowlb.controller.lb.LbConfigListener;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MemberId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;

/**
 * The resource manager (WO 00/30294 item 52) as far as the controller itself collects: active
 * health checks ({@link HealthChecker}) and agent-check polls ({@link AgentCheckPoller}), both
 * kept in line with the configuration, both reporting to one {@link ResourceListener} (the
 * master module). Agent reports pushed over HTTP reach the master module directly from the
 * intake.
 *
 * <p>Thread safety: {@link #configChanged} and the {@link MemberDetails} methods run on the
 * control thread; {@link #close} too (after the configuration listener is removed).
 */
public final class ResourceManager implements LbConfigListener, MemberDetails, AutoCloseable {
    private final HealthChecker health;
    private final AgentCheckPoller agents;
    private final AutoCloseable resources;

    /** For tests and other compositions: the parts given. */
    public ResourceManager(HealthChecker health, AgentCheckPoller agents, AutoCloseable resources) {
        this.health = health;
        this.agents = agents;
        this.resources = resources;
    }

    /**
     * The production resource manager: probes over the controller host's sockets, each on a
     * virtual thread, results and timers on {@code control}.
     */
    public static ResourceManager create(EventScheduler control, ResourceSettings settings, MetricRegistry metrics,
                                         ResourceListener listener) {
        SocketProber prober = new SocketProber(settings.sourceAddress());
        ExecutorService io = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("probe-", 0).factory());
        RandomGenerator random = RandomGenerator.getDefault();
        HealthChecker h = new HealthChecker(control, io, prober, settings.jitter(), random, metrics, listener);
        AgentCheckPoller a = new AgentCheckPoller(control, io, prober, settings.agentCheckIntervalMillis(),
                settings.agentCheckTimeoutMillis(), settings.jitter(), random, metrics, listener);
        return new ResourceManager(h, a, () -> {
            io.shutdownNow();
            prober.close();
        });
    }

    @Override
    public void configChanged(LbConfig previous, LbConfig current, ConfigDelta delta) {
        if (!delta.pools().isEmpty() || !delta.members().isEmpty() || !delta.monitors().isEmpty()
                || !delta.vips().isEmpty()) {
            health.reconcile(current);
            agents.reconcile(current);
        }
    }

    @Override
    public List<CheckStatus> checks(MemberId member) {
        return health.checks(member);
    }

    @Override
    public AgentStatus agentStatus(MemberId member) {
        return agents.status(member);
    }

    /** Stops every check and poll (on the control thread), then the probe threads and sockets. */
    @Override
    public void close() {
        health.close();
        agents.close();
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the probes failed", e);
        }
    }
}
