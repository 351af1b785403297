package io.flowlb.controller;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the controller has started, stopped in the reverse order: each part is added once it
 * runs, so a start that fails half-way stops exactly what it had started. A part that fails to
 * stop is logged with its name and the others still stop.
 *
 * <p>Thread safety: used by the thread that starts and closes the controller.
 */
final class Shutdown {
    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private record Part(String name, AutoCloseable closeable) {
    }

    private final Deque<Part> parts = new ArrayDeque<>();

    /** Registers a started part; returns it. */
    <T extends AutoCloseable> T add(String name, T part) {
        parts.push(new Part(name, part));
        return part;
    }

    /** Stops every part, last started first. */
    void run() {
        while (!parts.isEmpty()) {
            Part p = parts.pop();
            try {
                p.closeable().close();
            } catch (Exception e) {
                LOG.warn("stopping the {} failed: {}", p.name(), e.toString());
            }
        }
    }
}
