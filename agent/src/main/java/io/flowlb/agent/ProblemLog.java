package io.flowlb.agent;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logs a problem the first time each kind of it occurs, counts every occurrence, and logs once
 * when it clears, so a controller that stays down for an hour costs two log lines, not 1,800.
 *
 * <p>A "kind" is a short stable key such as {@code "connection refused"} or {@code "HTTP 400"};
 * the detail logged with the first occurrence may vary.
 *
 * <p>Thread-safety: all methods are synchronized; the reporter thread writes and any thread may
 * read the counters.
 */
final class ProblemLog {

    private final Log log;
    private final String subject;
    /** Kinds seen since the last {@link #clear()}, with their counts in this streak. */
    private final Map<String, Long> active = new LinkedHashMap<>();
    private final Map<String, Long> totals = new LinkedHashMap<>();

    ProblemLog(Log log, String subject) {
        this.log = log;
        this.subject = subject;
    }

    /** Records one occurrence of {@code kind}; logs {@code detail} only if the kind is new in this streak. */
    synchronized void problem(String kind, String detail) {
        totals.merge(kind, 1L, Long::sum);
        if (active.merge(kind, 1L, Long::sum) == 1L) {
            log.warn(subject + ": " + detail + " (repeats of '" + kind + "' are counted, not logged)");
        }
    }

    /** Ends the current streak: if there were problems, logs one line summing them up. */
    synchronized void clear() {
        if (active.isEmpty()) {
            return;
        }
        long failures = 0;
        for (long n : active.values()) {
            failures += n;
        }
        log.info(subject + ": ok again after " + failures + " failure(s) " + active);
        active.clear();
    }

    /** Occurrences of {@code kind} since start. */
    synchronized long count(String kind) {
        return totals.getOrDefault(kind, 0L);
    }

    /** Occurrences of every kind since start. */
    synchronized long total() {
        long sum = 0;
        for (long n : totals.values()) {
            sum += n;
        }
        return sum;
    }

    /** A short stable kind for an I/O failure, so that repeats of the same failure log once. */
    static String kindOf(Exception e) {
        return switch (e) {
            case ConnectException c -> "connection refused";
            case HttpConnectTimeoutException t -> "connect timeout";
            case HttpTimeoutException t -> "timeout";
            case NoSuchFileException n -> "missing file";
            case AccessDeniedException a -> "permission denied";
            default -> e.getClass().getSimpleName();
        };
    }

    /** The exception in one line: its class and the first message found along its causes. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return e.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    /** {@code text} cut to {@code max} characters with control characters shown as '?', for one log line. */
    static String abbreviate(String text, int max) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), max) + 3);
        for (int i = 0; i < text.length() && b.length() < max; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.length() > max ? b.append("...").toString() : b.toString();
    }
}
