package io.flowlb.agent;

import java.util.ArrayList;
import java.util.List;

/** A {@link Log} that keeps every line, so tests can check what an operator would read. */
final class RecordingLog implements Log {

    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public synchronized void warn(String message) {
        lines.add("WARN " + message);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Lines containing {@code fragment}. */
    synchronized List<String> matching(String fragment) {
        return lines.stream().filter(l -> l.contains(fragment)).toList();
    }
}
