package io.flowlb.flowswitch.datapath;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the steps of a {@link Trace} while a frame runs through the trace pipeline.
 *
 * <p>Thread safety: owned by the control thread.
 */
final class TraceRecorder {
    final List<Trace.Step> steps = new ArrayList<>();
    final List<Integer> outputs = new ArrayList<>();
    String verdict;

    void step(Trace.Kind kind, String text) {
        steps.add(new Trace.Step(kind, text));
    }

    void output(int port, String text) {
        outputs.add(port);
        step(Trace.Kind.OUTPUT, text);
    }

    Trace finish() {
        String v = verdict != null ? verdict
                : outputs.isEmpty() ? "drop" : "output to " + outputs.size() + " port(s)";
        return new Trace(steps, outputs, v);
    }
}
