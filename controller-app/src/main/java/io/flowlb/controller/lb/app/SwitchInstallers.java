package io.flowlb.controller.lb.app;

import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.core.FaultLog;
import io.flowlb.controller.lb.install.PlanInput;
import io.flowlb.controller.lb.install.Planner;
import io.flowlb.controller.lb.install.SwitchProfile;
import io.flowlb.controller.lb.reactive.ReactiveInstaller;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.SwitchNotConnectedException;
import io.flowlb.controller.openflow.SwitchService;
import io.flowlb.controller.openflow.TableLayout;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switches the load balancer installs on, one {@link SwitchInstaller} each: a switch that
 * connects is first asked for its description (flow-switch, whose groups keep connections,
 * reports manufacturer {@value #FLOW_SWITCH_MANUFACTURER}), then gets everything; a switch that
 * rejects a batch is re-installed after a hold-off; OpenFlow 1.0 and single-table switches are
 * left to L2 forwarding (logged once per switch).
 *
 * <p>Thread safety: {@link #connected} runs on the event thread and only posts; everything else
 * on the LB control thread.
 */
final class SwitchInstallers {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchInstallers.class);
    /** The manufacturer flow-switch reports in its description. */
    static final String FLOW_SWITCH_MANUFACTURER = "flowlb";
    /** Open vSwitch's manufacturer description: it matches {@code tcp_flags} in OpenFlow 1.3. */
    static final String OVS_MANUFACTURER = "Nicira, Inc.";

    private final SwitchService switches;
    private final EventScheduler events;
    private final Executor onLbThread;
    private final Runnable changed;
    private final Map<Dpid, SwitchInstaller> installers = new TreeMap<>();
    private final Set<Dpid> warnedIncapable = ConcurrentHashMap.newKeySet();
    private final FaultLog rejections = new FaultLog(LOG, "load-balancer flows on");

    /**
     * @param changed run on the LB control thread when a switch was added or may be re-installed:
     *                the application plans again
     */
    SwitchInstallers(SwitchService switches, EventScheduler events, Executor onLbThread, Runnable changed) {
        this.switches = switches;
        this.events = events;
        this.onLbThread = onLbThread;
        this.changed = changed;
    }

    /** Event thread: finds out whether the switch keeps connections, then adds it on lb-control. */
    void connected(OfSwitch sw) {
        if (!TableLayout.isSplit(sw)) {
            if (warnedIncapable.add(sw.dpid())) {
                LOG.info("switch {} speaks {} with {} table(s): it gets L2 forwarding only; the load balancer needs"
                        + " OpenFlow 1.3 with two tables", sw.dpid(), sw.version(), sw.nTables());
            }
            return;
        }
        switches.requestMultipart(sw.dpid(), sw.factory().buildDescStatsRequest().build())
                .handle((parts, e) -> parts == null || parts.isEmpty() ? "" : parts.get(0).getMfrDesc())
                .thenAccept(mfr -> onLbThread.execute(() -> add(sw, FLOW_SWITCH_MANUFACTURER.equals(mfr),
                        OVS_MANUFACTURER.equals(mfr))));
    }

    private void add(OfSwitch sw, boolean keepsConnections, boolean openVswitch) {
        OfSwitch now = switches.getSwitch(sw.dpid());
        if (now == null || now.session() != sw.session()) {
            return;
        }
        SwitchProfile profile = SwitchProfile.of(now, keepsConnections, openVswitch, openVswitch);
        installers.put(sw.dpid(), new SwitchInstaller(now, profile));
        LOG.info("load balancer on switch {}: {}, {}{}", sw.dpid(), profile.groups() ? "SELECT groups" : "no groups",
                keepsConnections ? "connections kept across weight changes" : "plain groups",
                profile.arpApp() != null ? ", in-switch applications" : "");
        changed.run();
    }

    /** The switch of this session disconnected; true when it was one of ours. */
    boolean gone(OfSwitch sw) {
        SwitchInstaller i = installers.get(sw.dpid());
        if (i == null || i.sw().session() != sw.session()) {
            return false;
        }
        installers.remove(sw.dpid());
        return true;
    }

    /** Plans every switch and sends the differences. */
    void applyAll(PlanInput in) {
        for (SwitchInstaller i : installers.values()) {
            Dpid dpid = i.sw().dpid();
            long session = i.sw().session();
            i.apply(switches, Planner.plan(in, i.profile(), i.installed()),
                    e -> onLbThread.execute(() -> batchDone(dpid, session, e)));
        }
    }

    /** What the reactive installer needs to know of each switch. */
    Map<Dpid, ReactiveInstaller.SwitchView> views() {
        Map<Dpid, ReactiveInstaller.SwitchView> out = new TreeMap<>();
        for (SwitchInstaller i : installers.values()) {
            out.put(i.sw().dpid(), new ReactiveInstaller.SwitchView(i.profile(), i.installed()));
        }
        return out;
    }

    Collection<SwitchInstaller> all() {
        return installers.values();
    }

    Set<Dpid> dpids() {
        return installers.keySet();
    }

    SwitchInstaller get(Dpid dpid) {
        return installers.get(dpid);
    }

    private void batchDone(Dpid dpid, long session, Throwable e) {
        SwitchInstaller i = installers.get(dpid);
        if (i == null || i.sw().session() != session) {
            return;
        }
        if (e == null) {
            i.confirmed();
            return;
        }
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof SwitchNotConnectedException) {
            return;
        }
        rejections.record("switch " + dpid, cause);
        long holdOff = i.failed();
        events.scheduleOnce("lb re-install " + dpid, holdOff, () -> onLbThread.execute(() -> {
            if (installers.get(dpid) == i) {
                i.release();
                changed.run();
            }
        }));
    }
}
