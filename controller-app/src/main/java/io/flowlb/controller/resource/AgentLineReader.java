package io.flowlb.controller.resource;

import java.net.InetAddress;

/**
 * Fetches one agent-check line from a member's agent: connect, read up to the first newline,
 * close. Blocks for at most {@code timeoutMillis}; never throws.
 *
 * <p>Thread safety: implementations are called from many threads at once.
 */
@FunctionalInterface
public interface AgentLineReader {

    /** What an agent answered: a line (without its line end), or why there is none. */
    record Answer(String line, ProbeResult.Outcome failure, String detail) {
        public static Answer line(String line) {
            return new Answer(line, null, "");
        }

        public static Answer failed(ProbeResult.Outcome failure, String detail) {
            return new Answer(null, failure, detail);
        }

        public boolean ok() {
            return line != null;
        }
    }

    Answer read(InetAddress address, int port, long timeoutMillis);
}
