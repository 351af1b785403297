package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.datapath.DatapathControl;
import io.flowlb.flowswitch.datapath.DatapathListener;
import io.flowlb.flowswitch.datapath.Trace;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A datapath double at the agent's I/O edge: records what the agent asks, answers with what the
 * test sets. Tests that need real table semantics use the real datapath.
 */
final class RecordingDatapath implements DatapathControl {
    final List<FlowMod> flowMods = new ArrayList<>();
    final List<GroupSpec> groupMods = new ArrayList<>();
    final List<GroupModCommand> groupCommands = new ArrayList<>();
    final List<Object[]> packetOuts = new ArrayList<>();
    final List<FlowStatsRequest> statsRequests = new ArrayList<>();
    DatapathError nextError = DatapathError.NONE;
    List<FlowStats> flows = List.of();
    List<GroupSpec> groups = List.of();
    List<GroupStats> groupStats = List.of();
    List<PortDesc> ports = List.of();
    List<PortStats> portStats = List.of();
    List<TableStats> tables = List.of();
    DatapathListener listener = DatapathListener.NONE;
    int commits;
    long publishCost;

    @Override
    public void commit() {
        commits++;
    }

    @Override
    public long publishCostNanos() {
        return publishCost;
    }

    private DatapathError answer() {
        DatapathError e = nextError;
        nextError = DatapathError.NONE;
        return e;
    }

    @Override
    public int tableCount() {
        return 4;
    }

    @Override
    public int maxFlows() {
        return 1000;
    }

    @Override
    public DatapathError flowMod(FlowMod mod) {
        flowMods.add(mod);
        return answer();
    }

    @Override
    public DatapathError groupMod(GroupModCommand command, GroupSpec spec) {
        groupCommands.add(command);
        groupMods.add(spec);
        return answer();
    }

    @Override
    public DatapathError packetOut(int inPort, List<Action> actions, byte[] frame) {
        packetOuts.add(new Object[] {inPort, actions, frame});
        return answer();
    }

    @Override
    public DatapathError portMod(int portNo, int config, int mask) {
        return answer();
    }

    @Override
    public List<FlowStats> flowStats(FlowStatsRequest request) {
        statsRequests.add(request);
        return flows;
    }

    @Override
    public AggregateStats aggregateStats(FlowStatsRequest request) {
        statsRequests.add(request);
        long packets = 0;
        long bytes = 0;
        for (FlowStats f : flows) {
            packets += f.packets();
            bytes += f.bytes();
        }
        return new AggregateStats(packets, bytes, flows.size());
    }

    @Override
    public List<TableStats> tableStats() {
        return tables;
    }

    @Override
    public List<GroupStats> groupStats(int groupId) {
        return groupStats;
    }

    @Override
    public List<GroupSpec> groupDesc() {
        return groups;
    }

    @Override
    public List<PortStats> portStats(int portNo) {
        return portStats;
    }

    @Override
    public List<PortDesc> portDesc() {
        return ports;
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
    public void setListener(DatapathListener l) {
        this.listener = l;
    }

    @Override
    public int doWork(long nowNanos) {
        return 0;
    }

    @Override
    public void setWakeup(Runnable wakeup) {
    }
}
