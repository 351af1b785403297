package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.AggregateStats;
import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowStats;
import io.flowlb.flowswitch.datapath.spec.FlowStatsRequest;
import io.flowlb.flowswitch.datapath.spec.GroupModCommand;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.GroupStats;
import io.flowlb.flowswitch.datapath.spec.PortDesc;
import io.flowlb.flowswitch.datapath.spec.PortStats;
import io.flowlb.flowswitch.datapath.spec.TableStats;
import java.util.List;

/**
 * The control side of the datapath: what the OpenFlow agent calls to change and inspect the
 * switch. Every operation is synchronous and plain Java; the agent translates OpenFlow
 * messages to and from these calls and {@link DatapathListener} events.
 *
 * <p>Changes are compiled on the calling thread into a new immutable table set and published
 * with one release store; pollers pick it up at their next burst. A {@link #flowMod} or
 * {@link #groupMod} that returns {@link DatapathError#NONE} is visible to every frame a poller
 * starts processing afterwards. The staged forms ({@link #stageFlowMod}, {@link #stageGroupMod})
 * apply the change to the control state at once (their errors are final, and later calls see
 * the change) but publish it with others: at {@link #commit()}, at any other call of this
 * interface (a packet-out, a statistics request...), at {@link #doWork}, or when the batch is
 * full. So a BARRIER_REPLY can be sent as soon as the preceding calls returned and
 * {@link #commit()} did.
 *
 * <p>Thread safety: every method may be called from any thread; calls are serialized
 * internally (the control plane takes a lock, the pollers never do). Listener callbacks run
 * on the calling thread.
 */
public interface DatapathControl {

    /** The number of flow tables (OFPT_FEATURES n_tables); table ids are 0..n-1. */
    int tableCount();

    /** The largest number of flows across all tables. */
    int maxFlows();

    /** The largest number of groups (OFPMP_GROUP_FEATURES max_groups, every type). */
    default int maxGroups() {
        return 4_096;
    }

    /** Apply a FLOW_MOD. */
    DatapathError flowMod(FlowMod mod);

    /** Apply a GROUP_MOD; DELETE with {@link GroupSpec#ALL} deletes every group. */
    DatapathError groupMod(GroupModCommand command, GroupSpec spec);

    /**
     * Apply a FLOW_MOD to the control state; it reaches the pollers with the next publication
     * ({@link #commit()} or any other call). FLOW_REMOVED messages of the flows it deletes are sent
     * once it is published. The default publishes at once.
     */
    default DatapathError stageFlowMod(FlowMod mod) {
        return flowMod(mod);
    }

    /** Apply a GROUP_MOD like {@link #stageFlowMod}. */
    default DatapathError stageGroupMod(GroupModCommand command, GroupSpec spec) {
        return groupMod(command, spec);
    }

    /** Publish the staged changes: once it returns they are visible to every frame a poller starts. */
    default void commit() {
    }

    /** What the last publication took (nanoseconds): how long a caller may let changes gather. */
    default long publishCostNanos() {
        return 0;
    }

    /**
     * Run a PACKET_OUT: apply {@code actions} to {@code frame} as if it had arrived on
     * {@code inPort} ({@link io.flowlb.flowswitch.datapath.spec.PortNumbers#CONTROLLER} when it
     * comes from nowhere). {@code Output(TABLE)} runs it through the flow tables from table 0.
     */
    DatapathError packetOut(int inPort, List<Action> actions, byte[] frame);

    /** Apply a PORT_MOD: set the config bits selected by {@code mask} (PORT_DOWN, NO_RECV,
     *  NO_FWD, NO_PACKET_IN). */
    DatapathError portMod(int portNo, int config, int mask);

    /** OFPMP_FLOW. */
    List<FlowStats> flowStats(FlowStatsRequest request);

    /** OFPMP_AGGREGATE. */
    AggregateStats aggregateStats(FlowStatsRequest request);

    /** OFPMP_TABLE: one entry per table. */
    List<TableStats> tableStats();

    /** OFPMP_GROUP for one group or {@link GroupSpec#ALL}. */
    List<GroupStats> groupStats(int groupId);

    /** OFPMP_GROUP_DESC: every group as installed. */
    List<GroupSpec> groupDesc();

    /** OFPMP_PORT_STATS for one port or {@link io.flowlb.flowswitch.datapath.spec.PortNumbers#ANY}. */
    List<PortStats> portStats(int portNo);

    /** OFPMP_PORT_DESC: the physical ports and the application ports. */
    List<PortDesc> portDesc();

    /**
     * The connections per bucket of the SELECT groups {@code groupIds} (every SELECT group when
     * null; unknown ids skipped): the groups are captured now, the tables are walked by
     * {@link SelectConnectionsQuery#run} on whichever thread runs it. The default knows no groups.
     */
    default SelectConnectionsQuery selectConnections(long[] groupIds) {
        return SelectConnectionsQuery.empty();
    }

    /** Which tables, flows, groups, buckets and actions a frame arriving on {@code inPort} would
     *  hit, without sending it anywhere or changing any counter or connection. */
    Trace trace(int inPort, byte[] frame);

    /** Datapath counters by name (malformed frames by reason, packet-in drops, tx_too_big...). */
    java.util.Map<String, Long> counters();

    /** Sets the receiver of packet-in, flow-removed and port-status events. */
    void setListener(DatapathListener listener);

    /**
     * Control-side housekeeping: drains the pollers' packet-in rings to the listener, expires
     * flows whose idle or hard timeout passed (FLOW_REMOVED), and notices port state changes.
     * The agent calls it often (every few milliseconds, or when
     * {@link #setWakeup(Runnable) woken}). Returns the amount of work done (0 = nothing).
     */
    int doWork(long nowNanos);

    /** A hook a poller runs (at most once until the next {@link #doWork}) when it queued a
     *  packet-in, so the agent can schedule {@link #doWork} promptly. Must be cheap and must not
     *  block. */
    void setWakeup(Runnable wakeup);
}
