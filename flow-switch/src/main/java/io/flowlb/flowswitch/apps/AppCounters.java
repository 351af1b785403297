package io.flowlb.flowswitch.apps;

/**
 * The counters of one application instance: written by its poller, read by anyone (a lagging
 * read is fine for statistics).
 *
 * <p>Thread safety: one writer (the instance's poller).
 */
final class AppCounters {
    private final String[] names;
    private final long[] values;

    AppCounters(String... names) {
        this.names = names.clone();
        this.values = new long[names.length];
    }

    void increment(int index) {
        values[index]++;
    }

    String[] names() {
        return names.clone();
    }

    long get(int index) {
        return values[index];
    }
}
