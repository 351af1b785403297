package io.flowlb.controller.lb.app;

import io.flowlb.controller.lb.install.OfEncoder;
import io.flowlb.controller.lb.install.PlanDiff;
import io.flowlb.controller.lb.install.SwitchPlan;
import io.flowlb.controller.lb.install.SwitchProfile;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.SwitchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * The thin shell around the planner for one switch: the plan installed there (as last sent), and
 * sending the difference to a new desired plan in one batch confirmed by a barrier.
 *
 * <p>The installed plan is updated when a batch is sent, not when it is confirmed, so the next
 * difference is computed against what the switch will hold. When the switch rejects a batch the
 * installed plan is unknown: the installer then starts over with everything, after deleting
 * whatever of the load balancer's the switch holds ({@link #resync}), after a hold-off that
 * doubles with each failure in a row (1 s to 64 s), so a switch that rejects everything is not
 * flooded.
 *
 * <p>Thread safety: confined to the LB control thread; the failure callback is posted back there.
 */
final class SwitchInstaller {
    private final OfSwitch sw;
    private final SwitchProfile profile;
    private final OfEncoder encoder;
    private SwitchPlan installed = SwitchPlan.EMPTY;
    private boolean fresh = true;
    /** Groups that may be on the switch although the installed plan was forgotten. */
    private final Set<Integer> stale = new TreeSet<>();
    private long batches;
    private long failures;
    private int failuresInARow;
    private boolean held;

    SwitchInstaller(OfSwitch sw, SwitchProfile profile) {
        this.sw = sw;
        this.profile = profile;
        this.encoder = new OfEncoder(sw.factory());
    }

    OfSwitch sw() {
        return sw;
    }

    SwitchProfile profile() {
        return profile;
    }

    SwitchPlan installed() {
        return installed;
    }

    OfEncoder encoder() {
        return encoder;
    }

    long batches() {
        return batches;
    }

    long failures() {
        return failures;
    }

    /**
     * Sends what turns the installed plan into {@code desired}; returns the difference sent (empty
     * when there was nothing to do, or while held off after a failure). {@code onDone} runs (on
     * any thread) with null when the switch confirmed the batch, with the cause when it rejected
     * it or the session ended.
     */
    PlanDiff apply(SwitchService switches, SwitchPlan desired, Consumer<Throwable> onDone) {
        if (held) {
            return PlanDiff.install(SwitchPlan.EMPTY);
        }
        List<OFMessage> msgs = new ArrayList<>();
        PlanDiff diff;
        if (fresh) {
            // The first batch after connecting (or a failure): whatever the switch holds of ours goes.
            msgs.add(encoder.deleteAllFlows());
            stale.addAll(desired.groups().keySet());
            for (Integer id : stale) {
                msgs.add(encoder.groupDelete(id));
            }
            stale.clear();
            diff = PlanDiff.install(desired);
        } else {
            diff = PlanDiff.between(installed, desired);
            if (diff.isEmpty()) {
                return diff;
            }
        }
        msgs.addAll(encoder.encode(diff));
        installed = desired;
        fresh = false;
        batches++;
        CompletableFuture<Void> sent = switches.sendConfirmed(sw.dpid(), msgs);
        sent.whenComplete((ok, e) -> onDone.accept(e));
        return diff;
    }

    /** The switch confirmed a batch. */
    void confirmed() {
        failuresInARow = 0;
    }

    /**
     * The switch rejected a batch: forgets the installed plan (the next {@link #apply} re-installs
     * everything) and holds further batches off; returns how long, in milliseconds.
     */
    long failed() {
        failures++;
        failuresInARow++;
        stale.addAll(installed.groups().keySet());
        installed = SwitchPlan.EMPTY;
        fresh = true;
        held = true;
        return 1_000L << Math.min(failuresInARow - 1, 6);
    }

    /** The hold-off after a failure is over. */
    void release() {
        held = false;
    }
}
