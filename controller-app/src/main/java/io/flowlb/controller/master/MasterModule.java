package io.flowlb.controller.master;

import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.lb.ConfigDelta;
import io.flowlb.controller.lb.DistributionSink;
import io.flowlb.controller.lb.LbConfigListener;
import io.flowlb.controller.lb.agent.AgentReport;
import io.flowlb.controller.lb.agent.AgentReportListener;
import io.flowlb.controller.metrics.Counter;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.metrics.ProblemLog;
import io.flowlb.controller.resource.MemberDetails;
import io.flowlb.controller.resource.ResourceListener;
import io.flowlb.loadbalancer.distribution.AgentCheckState;
import io.flowlb.loadbalancer.distribution.DistributionEngine;
import io.flowlb.loadbalancer.distribution.DistributionSettings;
import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.distribution.MemberState;
import io.flowlb.loadbalancer.distribution.PoolDistribution;
import io.flowlb.loadbalancer.model.AvailabilityMode;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.ValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master module (WO 00/30294 item 54) as a controller component: it keeps every member's
 * {@link MemberState} and every pool's {@link PoolDistribution}, steps the
 * {@link DistributionEngine} and hands each changed distribution to the {@link DistributionSink}.
 *
 * <p>When it steps:
 * <ul>
 *   <li><b>on change</b>: a configuration change, a health verdict, an agent report or an
 *       agent-check line marks the member's pool dirty and queues one step on the control thread.
 *       Events already queued run first, so a burst (a whole configuration replaced, many reports
 *       at once) becomes one step per pool; the step still happens within the same pass of the
 *       queue, so a member going DOWN is published at once;</li>
 *   <li><b>periodically</b>, every report interval, every pool whose answer time alone can change:
 *       a load report that grows stale stops counting (the member is then weighted as an average
 *       member); pools without reports, monitors, agent ports or an availability cluster are
 *       left to the events.</li>
 * </ul>
 * The snapshot is refreshed for the pools each step touches, so the monitors' and agent checks'
 * detail it carries is at most one report interval old.
 *
 * <p>The engine applies hysteresis to measured weights and none to eligibility (health, admin
 * state, drain, agent percentage, membership); the sink hears only of distributions that
 * changed. Under availability mode the engine's cluster decides the primary, with no
 * pre-emption.
 *
 * <p>A removed pool is forgotten without a publication: the LB application drops its groups from
 * its own configuration listener.
 *
 * <p>Thread safety: every method but {@link #snapshot()} runs on the control thread, which owns
 * all state here; the snapshot is an immutable value published through a volatile field.
 */
public final class MasterModule implements LbConfigListener, AgentReportListener, ResourceListener, MasterService,
        AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterModule.class);

    private final EventScheduler control;
    private final DistributionSink sink;
    private final DistributionSettings settings;
    private final DistributionEngine engine;
    private MemberDetails details = MemberDetails.NONE;
    private final SortedMap<PoolId, Entry> pools = new TreeMap<>();
    private LbConfig config = LbConfig.EMPTY;
    private final SortedSet<PoolId> dirty = new TreeSet<>();
    private final Counter steps;
    private final Counter poolSteps;
    private final Counter publications;
    private final ProblemLog problems;
    private boolean stepQueued;
    private EventScheduler.Cancellable ticker;
    private volatile MasterSnapshot snapshot = MasterSnapshot.EMPTY;

    /** One pool: its definition, its members' states, its distribution. */
    private static final class Entry {
        Pool pool;
        final SortedMap<MemberId, MemberState> members = new TreeMap<>();
        PoolDistribution distribution;

        Entry(Pool pool) {
            this.pool = pool;
            this.distribution = PoolDistribution.initial(pool.id());
        }
    }

    /**
     * @param control the control thread's scheduler (tasks, timers, clock)
     */
    public MasterModule(EventScheduler control, DistributionSink sink, DistributionSettings settings,
                        MetricRegistry metrics) {
        this.control = control;
        this.sink = Objects.requireNonNull(sink);
        this.settings = settings;
        this.engine = new DistributionEngine(settings);
        this.steps = metrics.counter("flowlb_master_steps_total",
                "Distribution steps of the master module, by trigger (change, periodic).", "trigger");
        this.poolSteps = metrics.counter("flowlb_master_pool_steps_total",
                "Pools the master module stepped (one weight computation each), by trigger (change, periodic).",
                "trigger");
        this.publications = metrics.counter("flowlb_distribution_publications_total",
                "Distributions handed to the LB application because they changed, by pool.", "pool");
        this.problems = new ProblemLog(LOG, metrics.counter("flowlb_master_problems_total",
                "Failures inside the master module (a step or a sink that threw), by kind.", "kind"));
    }

    /**
     * Where the snapshot takes each member's monitor and agent-check detail from: the resource
     * manager, which itself reports to this module (hence not a constructor argument). Set while
     * wiring, before {@link #start}.
     */
    public void details(MemberDetails memberDetails) {
        this.details = Objects.requireNonNull(memberDetails);
    }

    /** Starts the periodic step, one report interval apart. */
    public void start() {
        long every = settings.reportIntervalMs();
        ticker = control.schedulePeriodic("master-step", every, every, this::tick);
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.cancel();
        }
    }

    @Override
    public MasterSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public void configChanged(LbConfig previous, LbConfig current, ConfigDelta delta) {
        config = current;
        forgetPools(delta.pools().removed());
        SortedSet<PoolId> touched = touchedPools(previous, current, delta);
        Map<MemberId, MemberState> known = new HashMap<>();
        for (PoolId id : touched) {
            Entry e = pools.get(id);
            if (e != null) {
                known.putAll(e.members);
            }
        }
        for (PoolId id : touched) {
            Pool pool = current.pool(id);
            Entry e = pools.computeIfAbsent(id, k -> new Entry(pool));
            e.pool = pool;
            e.members.clear();
            for (Member m : current.membersOf(id)) {
                MemberState old = known.get(m.id());
                e.members.put(m.id(), old == null ? MemberState.of(m) : old.withMember(m));
            }
        }
        dirty.addAll(touched);
        requestStep();
    }

    private void forgetPools(SortedSet<PoolId> removed) {
        if (removed.isEmpty()) {
            return;
        }
        for (PoolId id : removed) {
            pools.remove(id);
            dirty.remove(id);
        }
        TreeMap<PoolId, PoolStatus> statuses = new TreeMap<>(snapshot.pools());
        statuses.keySet().removeAll(removed);
        snapshot = new MasterSnapshot(snapshot.atMillis(), statuses);
    }

    /** The pools a change added or redefined, and those that gained, lost or changed a member. */
    private static SortedSet<PoolId> touchedPools(LbConfig previous, LbConfig current, ConfigDelta delta) {
        SortedSet<PoolId> touched = new TreeSet<>(delta.pools().added());
        touched.addAll(delta.pools().updated());
        for (MemberId id : delta.members().all()) {
            Member before = previous.members().get(id);
            Member after = current.members().get(id);
            if (before != null && current.pools().containsKey(before.poolId())) {
                touched.add(before.poolId());
            }
            if (after != null) {
                touched.add(after.poolId());
            }
        }
        return touched;
    }

    @Override
    public void reportReceived(AgentReport report) {
        MemberState s = state(report.memberId());
        if (s == null) {
            return;
        }
        MemberState next;
        try {
            next = s.withReport(report.toLoadReport(), settings);
            if (report.agentState() != null) {
                next = next.withAgent(next.agent().apply(report.agentState().agentCheckWords()));
            }
            if (report.activeClients() != null) {
                next = next.withActiveConnections((int) Math.min(Integer.MAX_VALUE, report.activeClients()));
            }
        } catch (ValidationException e) {
            problems.record("report", "agent report for member " + report.memberId() + " not used: " + e.getMessage(),
                    null);
            return;
        }
        update(next);
    }

    @Override
    public void healthChanged(MemberId member, Health health) {
        MemberState s = state(member);
        if (s != null && s.health() != health) {
            update(s.withHealth(health));
        }
    }

    @Override
    public void agentReplied(MemberId member, String reply) {
        MemberState s = state(member);
        if (s == null) {
            return;
        }
        AgentCheckState next;
        try {
            next = s.agent().apply(reply);
        } catch (ValidationException e) {
            problems.record("agent_reply", "agent-check line for member " + member + " not used: " + e.getMessage(),
                    null);
            return;
        }
        if (!next.equals(s.agent())) {
            update(s.withAgent(next));
        }
    }

    /** Changes no weight (the agent's last state stays); the snapshot shows it from the next step. */
    @Override
    public void agentUnreachable(MemberId member, String why) {
    }

    @Override
    public void connectionsCounted(MemberId member, int activeConnections) {
        MemberState s = state(member);
        if (s != null && s.activeConnections() != activeConnections) {
            update(s.withActiveConnections(activeConnections));
        }
    }

    /** The state of a configured member (its pool from the configuration: no per-member index of our own). */
    private MemberState state(MemberId member) {
        Member m = config.members().get(member);
        Entry e = m == null ? null : pools.get(m.poolId());
        return e == null ? null : e.members.get(member);
    }

    private void update(MemberState next) {
        PoolId pool = config.members().get(next.id()).poolId();
        pools.get(pool).members.put(next.id(), next);
        dirty.add(pool);
        requestStep();
    }

    /** Queues one step behind the events already queued, unless one is queued. */
    private void requestStep() {
        if (stepQueued) {
            return;
        }
        stepQueued = true;
        try {
            control.execute(() -> step("change"));
        } catch (RejectedExecutionException e) {
            stepQueued = false;
            problems.record("queue_full", "a distribution step could not be queued (" + e.getMessage()
                    + "); the periodic step will catch up", null);
        }
    }

    /** Steps the pools whose answer can change with time alone (see {@link #changesWithTime}). */
    private void tick() {
        for (Entry e : pools.values()) {
            if (changesWithTime(e)) {
                dirty.add(e.pool.id());
            }
        }
        if (dirty.isEmpty()) {
            steps.inc("periodic");
            snapshot = new MasterSnapshot(control.nowMillis(), snapshot.pools());
            return;
        }
        step("periodic");
    }

    /**
     * True when a step may give another answer, or the snapshot other detail, with no event:
     * a member's load report can grow stale, the availability cluster advances, monitors and
     * agent checks refresh the detail the snapshot carries. A pool with none of these (a
     * round-robin or weighted pool with no monitor, no agent port and no report) changes only on
     * events, so the periodic step leaves it alone and an idle controller with many such pools
     * stays idle.
     */
    private static boolean changesWithTime(Entry e) {
        if (e.pool.availability() == AvailabilityMode.PRIMARY_SECONDARY || !e.pool.monitorIds().isEmpty()) {
            return true;
        }
        for (MemberState s : e.members.values()) {
            if (s.load() != null || s.member().agentPort() != 0) {
                return true;
            }
        }
        return false;
    }

    /** Steps the dirty pools, publishes those that changed, and refreshes their part of the snapshot. */
    private void step(String trigger) {
        stepQueued = false;
        if (dirty.isEmpty()) {
            return;
        }
        steps.inc(trigger);
        long now = control.nowMillis();
        TreeMap<PoolId, PoolStatus> statuses = new TreeMap<>(snapshot.pools());
        statuses.keySet().retainAll(pools.keySet());
        for (PoolId id : dirty) {
            Entry e = pools.get(id);
            if (e == null) {
                continue;
            }
            poolSteps.inc(trigger);
            try {
                e.distribution = engine.step(e.distribution, e.pool, new ArrayList<>(e.members.values()), now);
            } catch (RuntimeException ex) {
                problems.record("step", "the distribution step of pool " + id + " failed: " + ex, ex);
                continue;
            }
            if (e.distribution.changed()) {
                publish(e);
            }
            statuses.put(id, PoolStatus.of(now, e.pool, e.members, e.distribution, details, settings));
        }
        dirty.clear();
        snapshot = new MasterSnapshot(now, statuses);
    }

    private void publish(Entry e) {
        publications.inc(e.pool.id().toString());
        LOG.debug("pool {} distribution {}: {}", e.pool.id(), e.distribution.generation(), e.distribution.published());
        try {
            sink.publish(e.pool.id(), e.distribution.published());
        } catch (RuntimeException ex) {
            problems.record("sink", "the LB application failed to take the distribution of pool " + e.pool.id() + ": "
                    + ex, ex);
        }
    }
}
