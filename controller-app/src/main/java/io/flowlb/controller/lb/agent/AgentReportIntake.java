package io.flowlb.controller.lb.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowlb.controller.lb.ConfigDelta;
import io.flowlb.controller.lb.LbService;
import io.flowlb.controller.lb.json.JsonProblem;
import io.flowlb.controller.metrics.Counter;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.metrics.ProblemLog;
import io.flowlb.loadbalancer.distribution.LoadReport;
import io.flowlb.loadbalancer.model.Fields;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.ValidationException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts agent reports (see the package notes for the rules), keeps the newest per member, and
 * tells listeners on the control thread.
 *
 * <p>Thread safety: {@link #accept} may run on many threads at once; the per-member map is a
 * concurrent map updated with one atomic {@code compute} per member, so of two reports racing the
 * one sent later wins.
 */
public final class AgentReportIntake implements AgentRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(AgentReportIntake.class);

    /** Why a report was refused; each is a counter label. */
    public enum Reason {
        /** Not JSON (400). */
        MALFORMED,
        /** A field reports do not have (400). */
        UNKNOWN_FIELD,
        /** A value out of range or of the wrong type, or a required field missing (400). */
        INVALID_VALUE,
        /** No member has that id, or that address and port (422). */
        UNKNOWN_MEMBER,
        /** The member named by id has another address or port than the report gives (422). */
        MEMBER_MISMATCH;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The result of one report. */
    public sealed interface Outcome {
    }

    /** Stored (or acknowledged as stale) for these members. */
    public record Accepted(List<MemberId> memberIds, Instant receivedAt, boolean stale) implements Outcome {
    }

    /** Refused: nothing stored. */
    public record Rejected(Reason reason, String field, String error) implements Outcome {
    }

    private final LbService lb;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ConcurrentHashMap<MemberId, AgentReport> last = new ConcurrentHashMap<>();
    private final List<AgentReportListener> listeners = new CopyOnWriteArrayList<>();
    private final Counter accepted;
    private final ProblemLog rejected;
    private final ProblemLog listenerFailures;

    public AgentReportIntake(LbService lb, ObjectMapper mapper, Clock clock, MetricRegistry metrics) {
        this.lb = lb;
        this.mapper = mapper;
        this.clock = clock;
        this.accepted = metrics.counter("flowlb_agent_reports_total",
                "Agent reports acknowledged, by result (stored, or stale: older than the one kept).", "result");
        this.rejected = new ProblemLog(LOG, metrics.counter("flowlb_agent_reports_rejected_total",
                "Agent reports refused, by reason.", "reason"));
        this.listenerFailures = new ProblemLog(LOG, metrics.counter("flowlb_agent_listener_failures_total",
                "Agent report listener calls that threw, by listener.", "kind"));
        lb.addListener(this::forgetRemoved);
    }

    /** Validates, maps and stores one report body; {@code source} is the sender's address, for display. */
    public Outcome accept(byte[] body, String source) {
        AgentReportJson json;
        try {
            json = mapper.readValue(body, AgentReportJson.class);
        } catch (JsonProcessingException e) {
            JsonProblem p = JsonProblem.of(e);
            return reject(Reason.valueOf(p.kind().name()), p.field(), p.error());
        } catch (IOException e) {
            return reject(Reason.MALFORMED, null, "cannot read the body: " + e.getMessage());
        }
        if (json == null) {
            return reject(Reason.MALFORMED, null, "a report must be a JSON object");
        }
        Instant now = clock.instant();
        AgentReport report;
        try {
            report = validate(json, now, source);
        } catch (ValidationException e) {
            return reject(Reason.INVALID_VALUE, e.field(), e.error());
        }
        List<Member> members = new ArrayList<>();
        Rejected mapping = match(lb.config(), json, members);
        if (mapping != null) {
            return reject(mapping.reason(), mapping.field(), mapping.error());
        }
        boolean stale = false;
        List<MemberId> ids = new ArrayList<>(members.size());
        for (Member m : members) {
            ids.add(m.id());
            AgentReport mine = report.forMember(m.id());
            AgentReport kept = last.compute(m.id(), (k, old) -> newer(old, mine) ? mine : old);
            if (kept != mine) {
                stale = true;
            } else {
                notifyListeners(mine);
            }
        }
        accepted.inc(stale ? "stale" : "stored");
        return new Accepted(ids, now, stale);
    }

    @Override
    public SortedMap<MemberId, AgentReport> lastReports() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(last));
    }

    @Override
    public AgentReport lastReport(MemberId member) {
        return last.get(member);
    }

    @Override
    public void addListener(AgentReportListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(AgentReportListener listener) {
        listeners.remove(listener);
    }

    private static AgentReport validate(AgentReportJson j, Instant now, String source) {
        if (j.memberId() == null) {
            Fields.required("address", j.address());
            Fields.required("port", j.port());
        }
        if (j.port() != null) {
            Fields.port("port", j.port());
        }
        if (j.activeClients() != null) {
            Fields.range("active_clients", j.activeClients(), 0L, Integer.MAX_VALUE);
        }
        percent("cpu_percent", j.cpuPercent());
        percent("memory_percent", j.memoryPercent());
        if (j.avgServiceTimeMs() != null) {
            Fields.range("avg_service_time_ms", j.avgServiceTimeMs(), 0.0, LoadReport.MAX_SERVICE_TIME_MS);
        }
        if (j.requestsPerSecond() != null) {
            Fields.range("requests_per_second", j.requestsPerSecond(), 0.0, LoadReport.MAX_REQUESTS_PER_SECOND);
        }
        AgentState state = j.agentState() == null ? AgentState.READY : AgentState.parse("agent_state", j.agentState());
        long sequence = j.sequence() == null ? 0 : Fields.range("sequence", j.sequence(), 0L, Long.MAX_VALUE);
        Instant sentAt = null;
        if (j.sentAt() != null) {
            try {
                sentAt = Instant.parse(j.sentAt());
            } catch (DateTimeParseException e) {
                throw new ValidationException("sent_at", "must be an ISO-8601 instant such as 2026-11-23T05:00:00.250Z,"
                        + " got \"" + Fields.printable(j.sentAt()) + "\"");
            }
        }
        return new AgentReport(null, j.address(), j.port() == null ? 0 : j.port(), j.activeClients(), j.cpuPercent(),
                j.memoryPercent(), j.avgServiceTimeMs(), j.requestsPerSecond(), state, sequence, sentAt, now, source);
    }

    private static void percent(String field, Double value) {
        if (value != null) {
            Fields.range(field, value, 0.0, 100.0);
        }
    }

    /** Fills {@code out} with the members the report is about, or says why there are none. */
    private static Rejected match(LbConfig config, AgentReportJson j, List<Member> out) {
        if (j.memberId() != null) {
            Member m = config.members().get(j.memberId());
            if (m == null) {
                return new Rejected(Reason.UNKNOWN_MEMBER, "member_id", "no member " + j.memberId() + " is configured");
            }
            if (j.address() != null && !j.address().equals(m.address())) {
                return new Rejected(Reason.MEMBER_MISMATCH, "address", "member " + m.id() + " has address "
                        + m.address() + ", not " + j.address());
            }
            if (j.port() != null && m.port() != 0 && j.port() != m.port()) {
                return new Rejected(Reason.MEMBER_MISMATCH, "port", "member " + m.id() + " has port " + m.port()
                        + ", not " + j.port());
            }
            out.add(m);
            return null;
        }
        for (Member m : config.members().values()) {
            if (m.address().equals(j.address()) && (m.port() == 0 || m.port() == j.port())) {
                out.add(m);
            }
        }
        return out.isEmpty() ? new Rejected(Reason.UNKNOWN_MEMBER, "address", "no member has address "
                + j.address() + " and port " + j.port() + " (or port 0); give member_id or configure the member")
                : null;
    }

    /** True when {@code candidate} should replace {@code old}: nothing kept, or not sent earlier. */
    private static boolean newer(AgentReport old, AgentReport candidate) {
        return old == null || old.sentAt() == null || candidate.sentAt() == null
                || !candidate.sentAt().isBefore(old.sentAt());
    }

    private Rejected reject(Reason reason, String field, String error) {
        rejected.record(reason.label(), "agent report refused (" + reason.label() + "): "
                + (field == null ? "" : field + ": ") + error, null);
        return new Rejected(reason, field, error);
    }

    private void notifyListeners(AgentReport report) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            lb.execute(() -> {
                for (AgentReportListener l : listeners) {
                    try {
                        l.reportReceived(report);
                    } catch (RuntimeException e) {
                        listenerFailures.record(l.getClass().getName(), "agent report listener "
                                + l.getClass().getName() + " threw " + e, e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            listenerFailures.record("queue_full", "agent report not passed on: " + e.getMessage(), null);
        }
    }

    /** Forgets the reports of deleted members (runs on the control thread). */
    private void forgetRemoved(LbConfig previous, LbConfig current, ConfigDelta delta) {
        for (MemberId id : delta.members().removed()) {
            last.remove(id);
        }
    }
}
