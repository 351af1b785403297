package io.flowlb.controller.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * Counts faults (exceptions thrown by plug-ins, bad input from the network) and logs each kind
 * once: the first fault of a given source and exception class gets one WARN line with the
 * stack trace, later ones are only counted. A busy faulty processor therefore cannot flood the log.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class FaultLog {
    private final Logger log;
    private final String what;
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    /**
     * @param log where the first line of each kind goes
     * @param what what the sources are, for the log line ("packet processor", "listener")
     */
    public FaultLog(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    /** Records a fault of {@code source}; logs it when it is the first of its kind. */
    public void record(String source, Throwable t) {
        total.increment();
        String kind = source + " / " + t.getClass().getName();
        LongAdder c = counts.get(kind);
        if (c == null) {
            LongAdder fresh = new LongAdder();
            c = counts.putIfAbsent(kind, fresh);
            if (c == null) {
                c = fresh;
                log.warn("{} '{}' failed ({}); further failures of this kind are only counted", what, source,
                        t.toString(), t);
            }
        }
        c.increment();
    }

    /** All faults recorded. */
    public long total() {
        return total.sum();
    }

    /** Faults recorded for one source (all exception classes). */
    public long count(String source) {
        long n = 0;
        String prefix = source + " / ";
        for (var e : counts.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                n += e.getValue().sum();
            }
        }
        return n;
    }
}
