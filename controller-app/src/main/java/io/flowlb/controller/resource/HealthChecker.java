package io.flowlb.controller.resource;

import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.metrics.Counter;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.metrics.ProblemLog;
import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Monitor;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.MonitorType;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.Vip;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active health checks: every member of a pool is probed by every monitor the pool names, on the
 * monitor's interval, and its health follows the rise/fall rule ({@link RiseFall}).
 *
 * <p>Scheduling: each check is a {@link ProbeLoop} on the control scheduler, its interval varied by
 * up to {@code jitter} either way and its first turn placed at random within the first interval,
 * so that the checks of many members do not align; probes run on the probe executor (a virtual
 * thread each in production) and their results come back as tasks on the control thread.
 *
 * <p>A member's health over all its monitors: DOWN when any says DOWN, UP when all say UP,
 * otherwise UNKNOWN (which counts as alive). Changes go to the {@link ResourceListener} at once;
 * there is no hysteresis on health.
 *
 * <p>Configuration changes ({@link #reconcile}) stop the checks of removed members and monitors at
 * once (a late result of a stopped check is dropped), start new ones, and restart changed ones,
 * keeping their rise/fall state when only timing or thresholds changed.
 *
 * <p>Port probed: the monitor's port, else the member's, else (a member on "the port the client
 * asked for") the first port of a VIP using the pool. With none, TCP and HTTP checks of that
 * member are UNAVAILABLE and leave its health alone.
 *
 * <p>Thread safety: everything but the probe itself runs on the control thread, which owns the
 * checks.
 */
public final class HealthChecker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

    private final EventScheduler control;
    private final Executor probes;
    private final Prober prober;
    private final double jitter;
    private final RandomGenerator random;
    private final ResourceListener listener;
    private final Counter probeCounter;
    private final Counter transitions;
    private final ProblemLog problems;
    private final Map<Key, Check> checks = new LinkedHashMap<>();
    private final Map<MemberId, List<Check>> byMember = new HashMap<>();
    private final Map<MemberId, Health> memberHealth = new HashMap<>();

    private record Key(MemberId member, MonitorId monitor) {
    }

    /** What one check probes; a change of anything but timing and thresholds resets its state. */
    private record Target(Monitor monitor, InetAddress address, int port) {
        boolean sameProbe(Target o) {
            return address.equals(o.address) && port == o.port && monitor.type() == o.monitor.type()
                    && monitor.httpPath().equals(o.monitor.httpPath())
                    && monitor.expectedStatus().equals(o.monitor.expectedStatus());
        }
    }

    /** One member under one monitor. */
    private final class Check {
        final Key key;
        final Target target;
        RiseFall state = RiseFall.INITIAL;
        ProbeResult last;
        long lastAtMillis;
        ProbeLoop<ProbeResult> loop;

        Check(Key key, Target target) {
            this.key = key;
            this.target = target;
        }

        CheckStatus status() {
            Monitor m = target.monitor;
            return new CheckStatus(m.id(), m.type(), target.port, state.health(), state.successes(), state.failures(),
                    last == null ? null : last.outcome(), last == null ? null : last.detail(),
                    last == null ? 0 : last.latencyMillis(), lastAtMillis);
        }
    }

    /**
     * @param control runs tasks and timers on the LB control thread
     * @param probes runs probes (blocking, up to the monitor's timeout each)
     * @param jitter how far an interval may vary either way, 0 to 0.5 of it
     */
    public HealthChecker(EventScheduler control, Executor probes, Prober prober, double jitter,
                         RandomGenerator random, MetricRegistry metrics, ResourceListener listener) {
        if (!(jitter >= 0 && jitter <= 0.5)) {
            throw new IllegalArgumentException("jitter must be 0 to 0.5, not " + jitter);
        }
        this.control = control;
        this.probes = probes;
        this.prober = prober;
        this.jitter = jitter;
        this.random = random;
        this.listener = Objects.requireNonNull(listener);
        this.probeCounter = metrics.counter("flowlb_health_checks_total",
                "Health probes run, by monitor type and outcome (ok, refused, timeout, unreachable, bad_status,"
                        + " bad_response, error, unavailable).", "type", "outcome");
        this.transitions = metrics.counter("flowlb_health_transitions_total",
                "Changes of a member's health over its monitors, by the new health.", "health");
        this.problems = new ProblemLog(LOG, metrics.counter("flowlb_health_check_problems_total",
                "Health checks that could not run as configured, by kind.", "kind"));
    }

    /** Brings the running checks in line with {@code config}. On the control thread. */
    public void reconcile(LbConfig config) {
        Set<MemberId> touched = new LinkedHashSet<>();
        Map<Key, Check> next = new LinkedHashMap<>();
        for (Map.Entry<Key, Target> e : wanted(config).entrySet()) {
            Key key = e.getKey();
            Check old = checks.remove(key);
            if (old != null && old.target.equals(e.getValue())) {
                next.put(key, old);
                continue;
            }
            Check c = new Check(key, e.getValue());
            if (old != null) {
                old.loop.stop();
                if (old.target.sameProbe(c.target)) {
                    c.state = old.state;
                    c.last = old.last;
                    c.lastAtMillis = old.lastAtMillis;
                }
            }
            start(c);
            next.put(key, c);
            touched.add(key.member());
        }
        for (Check gone : checks.values()) {
            gone.loop.stop();
            touched.add(gone.key.member());
        }
        checks.clear();
        checks.putAll(next);
        byMember.clear();
        for (Check c : next.values()) {
            byMember.computeIfAbsent(c.key.member(), k -> new ArrayList<>()).add(c);
        }
        for (MemberId m : touched) {
            updateHealth(m, "its monitors changed");
        }
    }

    /** The health of a member over its monitors (UNKNOWN when it has none or no verdict yet). */
    public Health health(MemberId member) {
        return memberHealth.getOrDefault(member, Health.UNKNOWN);
    }

    /** Each monitor's view of a member, in the pool's monitor order. On the control thread. */
    public List<CheckStatus> checks(MemberId member) {
        List<Check> mine = byMember.getOrDefault(member, List.of());
        List<CheckStatus> out = new ArrayList<>(mine.size());
        for (Check c : mine) {
            out.add(c.status());
        }
        return out;
    }

    /** Stops every check. On the control thread. */
    @Override
    public void close() {
        for (Check c : checks.values()) {
            c.loop.stop();
        }
        checks.clear();
        byMember.clear();
        memberHealth.clear();
    }

    private Map<Key, Target> wanted(LbConfig config) {
        Map<Key, Target> out = new LinkedHashMap<>();
        for (Pool pool : config.pools().values()) {
            if (pool.monitorIds().isEmpty()) {
                continue;
            }
            int vipPort = vipPort(config, pool);
            for (Member m : config.membersOf(pool.id())) {
                InetAddress address = Probes.inet(m.address());
                for (MonitorId id : pool.monitorIds()) {
                    Monitor mon = config.monitor(id);
                    int port = mon.type() == MonitorType.ICMP ? 0 : mon.port() != 0 ? mon.port()
                            : m.port() != 0 ? m.port() : vipPort;
                    out.put(new Key(m.id(), id), new Target(mon, address, port));
                }
            }
        }
        return out;
    }

    private static int vipPort(LbConfig config, Pool pool) {
        for (Vip v : config.vipsOf(pool.id())) {
            if (v.port() != 0) {
                return v.port();
            }
        }
        return 0;
    }

    private void start(Check c) {
        Monitor m = c.target.monitor;
        c.loop = new ProbeLoop<>(control, probes, "health check of member " + c.key.member() + " by monitor "
                + c.key.monitor(), () -> Probes.jittered(m.intervalMs(), jitter, random), () -> probe(c.target),
                e -> ProbeResult.failed(ProbeResult.Outcome.ERROR, e.toString(), 0), r -> apply(c, r), problems);
        c.loop.start(Probes.firstDelay(m.intervalMs(), random));
    }

    /** Runs on the probe thread. */
    private ProbeResult probe(Target t) {
        if (t.port == 0 && t.monitor.type() != MonitorType.ICMP) {
            return ProbeResult.failed(ProbeResult.Outcome.UNAVAILABLE, "no port to probe: give the monitor a port", 0);
        }
        return prober.probe(t.monitor, t.address, t.port);
    }

    private void apply(Check c, ProbeResult r) {
        probeCounter.inc(c.target.monitor.type().name().toLowerCase(Locale.ROOT), r.outcome().label());
        if (r.outcome() == ProbeResult.Outcome.UNAVAILABLE) {
            problems.record("unavailable_" + c.target.monitor.type().name().toLowerCase(Locale.ROOT),
                    "health check of member " + c.key.member() + " by monitor " + c.key.monitor()
                            + " cannot run: " + r.detail(), null);
        }
        Health before = c.state.health();
        c.state = c.state.next(r, c.target.monitor.rise(), c.target.monitor.fall());
        c.last = r;
        c.lastAtMillis = control.nowMillis();
        if (c.state.health() != before) {
            updateHealth(c.key.member(), "monitor " + c.key.monitor() + ": " + r.outcome().label()
                    + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")"));
        }
    }

    private void updateHealth(MemberId member, String why) {
        boolean any = false;
        boolean allUp = true;
        boolean anyDown = false;
        for (Check c : byMember.getOrDefault(member, List.of())) {
            any = true;
            allUp &= c.state.health() == Health.UP;
            anyDown |= c.state.health() == Health.DOWN;
        }
        Health now = anyDown ? Health.DOWN : any && allUp ? Health.UP : Health.UNKNOWN;
        Health old = health(member);
        if (now == old) {
            return;
        }
        if (now == Health.UNKNOWN) {
            memberHealth.remove(member);
        } else {
            memberHealth.put(member, now);
        }
        transitions.inc(now.name().toLowerCase(Locale.ROOT));
        LOG.info("member {} is {} (was {}): {}", member, now, old, why);
        listener.healthChanged(member, now);
    }
}
