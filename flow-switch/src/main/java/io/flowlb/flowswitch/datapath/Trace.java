package io.flowlb.flowswitch.datapath;

import java.util.List;

/**
 * The answer of {@link DatapathControl#trace}: the path a frame would take, step by step, like
 * {@code ofproto/trace}.
 *
 * @param steps what happened, in order
 * @param outputs the ports the frame would leave by (reserved numbers for CONTROLLER...)
 * @param verdict a one-line summary ("output:2", "drop: no match in table 0"...)
 *
 * <p>Thread safety: immutable.
 */
public record Trace(List<Step> steps, List<Integer> outputs, String verdict) {
    public Trace {
        steps = List.copyOf(steps);
        outputs = List.copyOf(outputs);
    }

    /** One step of a trace. */
    public record Step(Kind kind, String text) {
        @Override
        public String toString() {
            return kind.name().toLowerCase() + ": " + text;
        }
    }

    /** What a step describes. */
    public enum Kind {
        PARSE, TABLE, FLOW, ACTION, GROUP, BUCKET, OUTPUT, DROP, APP, CONTROLLER
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            sb.append(s).append('\n');
        }
        return sb.append("verdict: ").append(verdict).toString();
    }
}
