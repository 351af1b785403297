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
import java.util.Map;

/**
 * A no-op {@link DatapathControl} for tests of its callers: every change succeeds and does
 * nothing, every statistic is empty. Override what a test needs; prefer the real
 * {@link Datapath} with in-memory ports when the test is about where packets go.
 */
public class DatapathControlAdapter implements DatapathControl {
    @Override
    public int tableCount() {
        return 8;
    }

    @Override
    public int maxFlows() {
        return 0;
    }

    @Override
    public int maxGroups() {
        return 0;
    }

    @Override
    public DatapathError flowMod(FlowMod mod) {
        return DatapathError.NONE;
    }

    @Override
    public DatapathError groupMod(GroupModCommand command, GroupSpec spec) {
        return DatapathError.NONE;
    }

    @Override
    public DatapathError packetOut(int inPort, List<Action> actions, byte[] frame) {
        return DatapathError.NONE;
    }

    @Override
    public DatapathError portMod(int portNo, int config, int mask) {
        return DatapathError.NONE;
    }

    @Override
    public List<FlowStats> flowStats(FlowStatsRequest request) {
        return List.of();
    }

    @Override
    public AggregateStats aggregateStats(FlowStatsRequest request) {
        return new AggregateStats(0, 0, 0);
    }

    @Override
    public List<TableStats> tableStats() {
        return List.of();
    }

    @Override
    public List<GroupStats> groupStats(int groupId) {
        return List.of();
    }

    @Override
    public List<GroupSpec> groupDesc() {
        return List.of();
    }

    @Override
    public List<PortStats> portStats(int portNo) {
        return List.of();
    }

    @Override
    public List<PortDesc> portDesc() {
        return List.of();
    }

    @Override
    public Trace trace(int inPort, byte[] frame) {
        return new Trace(List.of(), List.of(), "drop");
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of();
    }

    @Override
    public void setListener(DatapathListener listener) {
    }

    @Override
    public int doWork(long nowNanos) {
        return 0;
    }

    @Override
    public void setWakeup(Runnable wakeup) {
    }
}
