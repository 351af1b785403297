package io.flowlb.flowswitch.ofagent;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts bad input and handling failures by kind and logs the first of each kind only, so a
 * peer that sends garbage in a loop cannot flood the log: the count keeps the rest.
 *
 * <p>Thread safety: safe for any thread (the agent thread is the usual caller).
 */
public final class ProblemLog {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemLog.class);

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one problem of {@code kind}; logs {@code detail} when it is the first of its kind. */
    public void report(String kind, String detail) {
        LongAdder c = counts.computeIfAbsent(kind, k -> new LongAdder());
        c.increment();
        if (c.sum() == 1) {
            LOG.warn("{}: {} (further ones are counted, not logged)", kind, detail);
        }
    }

    /** How many problems of {@code kind} were reported. */
    public long count(String kind) {
        LongAdder c = counts.get(kind);
        return c == null ? 0 : c.sum();
    }

    /** A snapshot of every count, by kind. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
