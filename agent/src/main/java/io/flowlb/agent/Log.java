package io.flowlb.agent;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where the agent writes its few log lines: one at start, one per state change, one per kind
 * of problem. Tests pass their own implementation to see what an operator would read.
 *
 * <p>Thread-safety: implementations must accept calls from any thread.
 */
public interface Log {

    /** Logs a normal event (start, stop, state change, recovery). */
    void info(String message);

    /** Logs a problem the operator may need to act on. */
    void warn(String message);

    /** A log writing one line per message to standard error: UTC time, level, message. */
    static Log stderr() {
        return new Log() {
            @Override
            public void info(String message) {
                write("INFO ", message);
            }

            @Override
            public void warn(String message) {
                write("WARN ", message);
            }

            private void write(String level, String message) {
                PrintStream err = System.err;
                String line = Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + level + " flowlb-agent: " + message;
                synchronized (err) {
                    err.println(line);
                }
            }
        };
    }
}
