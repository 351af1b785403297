package io.flowlb.controller.resource;

import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.metrics.Counter;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.metrics.ProblemLog;
import io.flowlb.loadbalancer.distribution.AgentCheckState;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.ValidationException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HAProxy agent-check poller: every member with an {@code agent_port} is asked for one line
 * every interval, and each well-formed line goes to the {@link ResourceListener}, which applies
 * it to the member's {@link AgentCheckState} (weight percentage, ready/drain/maint, up/down,
 * maxconn).
 *
 * <p>Failures, as in HAProxy:
 * <ul>
 *   <li>an agent that refuses, times out or closes without a line is <em>unreachable</em>: the
 *       listener is told, and the state the agent last set stays in force. An unreachable agent
 *       does not mark its server down: whether the service answers is the health checks' job;</li>
 *   <li>a line with an unknown word or a bad number is rejected whole (the state stays as it
 *       was), counted by kind, and the first of each kind is logged.</li>
 * </ul>
 * A change of reachability is logged once per change, not per poll.
 *
 * <p>Scheduling as {@link HealthChecker}: one {@link ProbeLoop} per member, first poll at random
 * within the interval, then the interval varied by the jitter; the read runs on the I/O executor
 * and its answer comes back as a task on the control thread.
 *
 * <p>Thread safety: everything but the read runs on the control thread, which owns the polls.
 */
public final class AgentCheckPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCheckPoller.class);

    private final EventScheduler control;
    private final Executor io;
    private final AgentLineReader reader;
    private final long intervalMillis;
    private final long timeoutMillis;
    private final double jitter;
    private final RandomGenerator random;
    private final ResourceListener listener;
    private final Counter polls;
    private final ProblemLog badReplies;
    private final Map<MemberId, Poll> pollsByMember = new LinkedHashMap<>();

    private record Target(InetAddress address, int port) {
    }

    private final class Poll {
        final MemberId member;
        final Target target;
        ProbeLoop<AgentLineReader.Answer> loop;
        boolean reachable = true;
        String lastReply;
        String lastProblem;
        long lastAtMillis;

        Poll(MemberId member, Target target) {
            this.member = member;
            this.target = target;
        }
    }

    public AgentCheckPoller(EventScheduler control, Executor io, AgentLineReader reader, long intervalMillis,
                            long timeoutMillis, double jitter, RandomGenerator random, MetricRegistry metrics,
                            ResourceListener listener) {
        if (timeoutMillis >= intervalMillis) {
            throw new IllegalArgumentException("the agent-check timeout (" + timeoutMillis
                    + " ms) must be shorter than its interval (" + intervalMillis + " ms)");
        }
        this.control = control;
        this.io = io;
        this.reader = reader;
        this.intervalMillis = intervalMillis;
        this.timeoutMillis = timeoutMillis;
        this.jitter = jitter;
        this.random = random;
        this.listener = Objects.requireNonNull(listener);
        this.polls = metrics.counter("flowlb_agent_checks_total",
                "Agent-check polls, by result (ok, refused, timeout, unreachable, bad_response, error, bad_reply).",
                "result");
        this.badReplies = new ProblemLog(LOG, metrics.counter("flowlb_agent_check_bad_replies_total",
                "Agent-check lines rejected (the member's agent state unchanged), by kind.", "kind"));
    }

    /** Starts, stops and restarts polls to match the members' agent ports. On the control thread. */
    public void reconcile(LbConfig config) {
        Map<MemberId, Poll> next = new LinkedHashMap<>();
        for (Member m : config.members().values()) {
            if (m.agentPort() == 0) {
                continue;
            }
            Target t = new Target(Probes.inet(m.address()), m.agentPort());
            Poll old = pollsByMember.remove(m.id());
            if (old != null && old.target.equals(t)) {
                next.put(m.id(), old);
                continue;
            }
            if (old != null) {
                old.loop.stop();
            }
            Poll p = new Poll(m.id(), t);
            p.loop = new ProbeLoop<>(control, io, "agent check of member " + m.id(),
                    () -> Probes.jittered(intervalMillis, jitter, random),
                    () -> reader.read(t.address(), t.port(), timeoutMillis),
                    e -> AgentLineReader.Answer.failed(ProbeResult.Outcome.ERROR, e.toString()), a -> apply(p, a),
                    badReplies);
            p.loop.start(Probes.firstDelay(intervalMillis, random));
            next.put(m.id(), p);
        }
        for (Poll gone : pollsByMember.values()) {
            gone.loop.stop();
        }
        pollsByMember.clear();
        pollsByMember.putAll(next);
    }

    /** The agent-check status of a member, or null when it has no agent port. On the control thread. */
    public AgentStatus status(MemberId member) {
        Poll p = pollsByMember.get(member);
        return p == null ? null : new AgentStatus(p.target.port(), p.reachable, p.lastReply, p.lastProblem,
                p.lastAtMillis);
    }

    @Override
    public void close() {
        for (Poll p : pollsByMember.values()) {
            p.loop.stop();
        }
        pollsByMember.clear();
    }

    private void apply(Poll p, AgentLineReader.Answer a) {
        p.lastAtMillis = control.nowMillis();
        if (!a.ok()) {
            polls.inc(a.failure().label());
            unreachable(p, a.failure().label() + (a.detail().isEmpty() ? "" : ": " + a.detail()));
            return;
        }
        try {
            AgentCheckState.NONE.apply(a.line());
        } catch (ValidationException e) {
            polls.inc("bad_reply");
            String kind = e.error().contains("unknown word") ? "unknown_word"
                    : e.error().contains("whole number") ? "bad_number" : "invalid";
            badReplies.record(kind, "agent of member " + p.member + " at " + p.target.address().getHostAddress() + ":"
                    + p.target.port() + " sent a bad agent-check line: " + e.getMessage() + "; its state is unchanged",
                    null);
            p.lastProblem = "bad reply: " + e.error();
            return;
        }
        polls.inc("ok");
        if (!p.reachable) {
            LOG.info("agent of member {} answers again: \"{}\"", p.member, a.line().strip());
        }
        p.reachable = true;
        p.lastReply = a.line();
        p.lastProblem = null;
        listener.agentReplied(p.member, a.line());
    }

    private void unreachable(Poll p, String why) {
        p.lastProblem = why;
        if (p.reachable) {
            p.reachable = false;
            LOG.info("agent of member {} at {}:{} cannot be reached ({}); its last state stays in force", p.member,
                    p.target.address().getHostAddress(), p.target.port(), why);
        }
        listener.agentUnreachable(p.member, why);
    }
}
