package io.flowlb.controller.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Counts problems by kind into a labelled counter and logs the first of each kind, so bad input
 * or a failing plug-in shows up once in the log and then only in {@code /metrics}.
 *
 * <p>Thread safety: any thread may record.
 */
public final class ProblemLog {
    private final Logger log;
    private final Counter counter;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /**
     * @param counter a counter with exactly one label, the kind
     */
    public ProblemLog(Logger log, Counter counter) {
        if (counter.labelNames().size() != 1) {
            throw new IllegalArgumentException(counter.name() + " must have one label, the kind of problem");
        }
        this.log = log;
        this.counter = counter;
    }

    /** Counts a problem of {@code kind}; logs it (with the stack trace when given) if it is the first. */
    public void record(String kind, String message, Throwable stack) {
        counter.inc(kind);
        if (logged.add(kind)) {
            if (stack != null) {
                log.warn("{} (first of kind '{}'; later ones are only counted in {})", message, kind, counter.name(),
                        stack);
            } else {
                log.warn("{} (first of kind '{}'; later ones are only counted in {})", message, kind, counter.name());
            }
        }
    }

    public long count(String kind) {
        return counter.value(kind);
    }
}
