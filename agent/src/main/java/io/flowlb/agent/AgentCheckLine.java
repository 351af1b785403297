package io.flowlb.agent;

/**
 * The one line the agent writes to each agent-check connection (HAProxy agent-check protocol):
 *
 * <pre>{@code <up|down> <ready|drain|maint>[ <P>%][ maxconn:<N>]\n}</pre>
 *
 * <p>The first two words are the {@link AgentState}. {@code P} is the weight percent,
 * {@code 100 - max(cpu %, memory %, active clients / max clients * 100)} over the readings that
 * are available, rounded to the nearest integer and clamped to [1, 100], so a saturated server
 * keeps a token weight instead of being drained by load alone. Without any reading yet (no
 * interval has passed and {@code /proc} is unreadable) there is no percent and the poller keeps
 * the weight it has. {@code maxconn:N} appears when {@code --max-clients N} is set.
 *
 * <p>Examples: {@code up ready 65%}, {@code up drain 65%}, {@code down ready 65%},
 * {@code up ready 40% maxconn:100}, {@code up ready}.
 */
final class AgentCheckLine {

    private AgentCheckLine() {
    }

    /** The weight percent from the available readings, 1..100, or -1 when none is available. */
    static int weightPercent(LoadReading reading, int maxClients) {
        double load = Double.NaN;
        load = maxKnown(load, reading.cpuPercent());
        load = maxKnown(load, reading.memoryPercent());
        if (maxClients > 0 && reading.hasActiveClients()) {
            load = maxKnown(load, 100.0 * reading.activeClients() / maxClients);
        }
        if (Double.isNaN(load)) {
            return -1;
        }
        long percent = Math.round(100.0 - load);
        return (int) Math.max(1, Math.min(100, percent));
    }

    /** The answer line, ending in a newline. */
    static String format(AgentState state, LoadReading reading, int maxClients) {
        StringBuilder line = new StringBuilder(40).append(state.agentCheckWords());
        int percent = weightPercent(reading, maxClients);
        if (percent > 0) {
            line.append(' ').append(percent).append('%');
        }
        if (maxClients > 0) {
            line.append(" maxconn:").append(maxClients);
        }
        return line.append('\n').toString();
    }

    private static double maxKnown(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }
}
