package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.Fields;
import io.flowlb.loadbalancer.model.ValidationException;
import java.util.Locale;

/**
 * What a member's HAProxy-style agent-check last said about it: a weight percentage, an
 * administrative request, an operational state and a connection limit.
 *
 * <p>The agent answers one line of words separated by spaces, tabs or commas; text after
 * {@code #} is a description and is ignored. Each word changes one part of the state and the
 * rest stays as the previous replies left it (HAProxy semantics):
 * <ul>
 *   <li>{@code 75%}: the member's weight becomes 75% of its configured weight
 *       (0-{@value #MAX_PERCENT}%; {@code 0%} takes no new connections);</li>
 *   <li>{@code ready} / {@code drain} / {@code maint}: admin request; drain takes no new
 *       connections but keeps the existing ones, maint takes the member out of service;</li>
 *   <li>{@code up} / {@code down}, {@code failed}, {@code stopped}: operational state; down takes
 *       the member out of service;</li>
 *   <li>{@code maxconn:N}: no new connections while the member has N or more (0 = no limit).</li>
 * </ul>
 * Any other word rejects the whole reply with a {@link ValidationException} on field
 * {@code agent_reply}; the previous state then stays in force.
 *
 * <p>Thread safety: immutable.
 */
public record AgentCheckState(int weightPercent, AgentAdmin admin, boolean up, int maxConnections) {
    public static final int MAX_PERCENT = 1000;
    public static final int MAX_REPLY_LENGTH = 1024;
    /** The state of a member whose agent never answered: full weight, ready, up, no limit. */
    public static final AgentCheckState NONE = new AgentCheckState(100, AgentAdmin.READY, true, 0);

    /** The administrative part of an agent's reply. */
    public enum AgentAdmin {
        READY,
        DRAIN,
        MAINT
    }

    public AgentCheckState {
        Fields.range("weight_percent", weightPercent, 0, MAX_PERCENT);
        Fields.required("admin", admin);
        Fields.range("maxconn", maxConnections, 0, Integer.MAX_VALUE);
    }

    /** This state with one agent reply applied. */
    public AgentCheckState apply(String reply) {
        Fields.required("agent_reply", reply);
        if (reply.length() > MAX_REPLY_LENGTH) {
            throw new ValidationException("agent_reply", "is longer than " + MAX_REPLY_LENGTH + " characters");
        }
        int hash = reply.indexOf('#');
        String words = (hash >= 0 ? reply.substring(0, hash) : reply).trim().toLowerCase(Locale.ROOT);
        int percent = weightPercent;
        AgentAdmin newAdmin = admin;
        boolean newUp = up;
        int maxconn = maxConnections;
        for (String w : words.isEmpty() ? new String[0] : words.split("[\\s,]+")) {
            switch (w) {
                case "ready" -> newAdmin = AgentAdmin.READY;
                case "drain" -> newAdmin = AgentAdmin.DRAIN;
                case "maint" -> newAdmin = AgentAdmin.MAINT;
                case "up" -> newUp = true;
                case "down", "fail", "failed", "stop", "stopped" -> newUp = false;
                default -> {
                    if (w.endsWith("%")) {
                        percent = number(w.substring(0, w.length() - 1), MAX_PERCENT, reply);
                    } else if (w.startsWith("maxconn:")) {
                        maxconn = number(w.substring("maxconn:".length()), Integer.MAX_VALUE, reply);
                    } else {
                        throw new ValidationException("agent_reply", "has the unknown word \"" + w + "\" in \""
                                + Fields.printable(reply.strip()) + "\"");
                    }
                }
            }
        }
        return new AgentCheckState(percent, newAdmin, newUp, maxconn);
    }

    private static int number(String digits, int max, String reply) {
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || Long.parseLong(digits) > max) {
            throw new ValidationException("agent_reply", "needs a whole number from 0 to " + max + " in \""
                    + Fields.printable(reply.strip()) + "\"");
        }
        return Integer.parseInt(digits);
    }
}
