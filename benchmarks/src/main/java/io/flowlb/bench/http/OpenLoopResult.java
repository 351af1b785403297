package io.flowlb.bench.http;

import java.util.Locale;

/**
 * What an open-loop run measured: the latency of every completed request that was due in the
 * measured window, and how the others ended. Requests due during the warm-up are not counted.
 *
 * <p>Thread safety: none; the run's thread fills it, and reads it once the run is over.
 */
public final class OpenLoopResult {

    final LatencyHistogram latency = new LatencyHistogram();
    /** Requests due in the measured window. */
    long due;
    /** Responses received for them (any status). */
    long completed;
    /** Responses whose status was not 2xx or 3xx. */
    long non2xx;
    long connectErrors;
    long readErrors;
    long writeErrors;
    long timeouts;
    /** Requests still waiting for a connection when the run ended. */
    long unsent;
    /** Requests sent more than 1 ms after they were due (no connection was free, or the generator lagged). */
    long sentLate;
    /** The most requests that were due and not yet sent at one time. */
    long maxBacklog;
    /** The measured window, and from its start to the last response of a request due in it (at least the window). */
    double seconds;
    double elapsedSeconds;
    double offeredRate;

    public LatencyHistogram latency() {
        return latency;
    }

    public long completed() {
        return completed;
    }

    /** Socket errors, timeouts and non-2xx/3xx answers (not the unsent requests, counted apart). */
    public long errors() {
        return connectErrors + readErrors + writeErrors + timeouts + non2xx;
    }

    public long unsent() {
        return unsent;
    }

    /**
     * Responses per second, from the start of the window to the last response of a request due in
     * it: the offered rate when the server keeps up, less when requests queue up and end late.
     */
    public double achievedRate() {
        double s = Math.max(seconds, elapsedSeconds);
        return s > 0 ? completed / s : 0;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** The wrk-like summary printed at the end of a run. */
    public String text() {
        LatencyHistogram h = latency;
        return String.format(Locale.ROOT, """
                  %,d requests due in %.1f s (%,.1f requests/s offered), %,d completed: %,.1f requests/s
                  Latency from the intended send time (ms): p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  mean %.3f
                  Errors: connect %d, read %d, write %d, timeout %d, non-2xx/3xx %d; unsent at the end %d
                  Sent more than 1 ms late: %,d (largest backlog %,d requests)
                """, due, seconds, offeredRate, completed, achievedRate(), ms(h.percentile(50)), ms(h.percentile(90)),
                ms(h.percentile(99)), ms(h.percentile(99.9)), ms(h.max()), h.meanNanos() / 1e6, connectErrors,
                readErrors, writeErrors, timeouts, non2xx, unsent, sentLate, maxBacklog);
    }

    /** The figures as one JSON object (latencies in milliseconds). */
    public String toJson() {
        LatencyHistogram h = latency;
        return String.format(Locale.ROOT, "{\"offered_rps\": %.3f, \"achieved_rps\": %.3f, \"seconds\": %.3f,"
                + " \"due\": %d, \"completed\": %d, \"p50_ms\": %.4f, \"p90_ms\": %.4f, \"p99_ms\": %.4f,"
                + " \"p999_ms\": %.4f, \"max_ms\": %.4f, \"mean_ms\": %.4f, \"errors\": %d, \"connect_errors\": %d,"
                + " \"read_errors\": %d, \"write_errors\": %d, \"timeouts\": %d, \"non_2xx\": %d, \"unsent\": %d,"
                + " \"sent_late\": %d, \"max_backlog\": %d}",
                offeredRate, achievedRate(), seconds, due, completed, ms(h.percentile(50)), ms(h.percentile(90)),
                ms(h.percentile(99)), ms(h.percentile(99.9)), ms(h.max()), h.meanNanos() / 1e6, errors(),
                connectErrors, readErrors, writeErrors, timeouts, non2xx, unsent, sentLate, maxBacklog);
    }
}
