package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.datapath.DatapathControl;
import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowModCommand;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.FlowStats;
import io.flowlb.flowswitch.datapath.spec.FlowStatsRequest;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchEntry;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import io.flowlb.flowswitch.datapath.spec.PacketIn;
import io.flowlb.flowswitch.datapath.spec.PacketInReason;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fail mode {@code standalone}: while no controller is connected the switch learns MAC addresses
 * from table misses and forwards them itself, as a learning bridge; installed flows and groups
 * keep priority, so configured VIPs keep working. Once a controller connects it steps back and
 * removes what it installed (Open vSwitch's fail-open, but for misses only).
 *
 * <p>It installs a table-miss flow to the controller port when table 0 has none, and per pair of
 * addresses a flow {@code in_port, eth_src, eth_dst -> output} with an idle timeout; all carry
 * {@link #COOKIE}, so one cookie-filtered delete clears them. Unknown and broadcast destinations
 * are flooded with a packet-out.
 *
 * <p>Thread safety: agent thread only (it calls the datapath's control API).
 */
public final class StandaloneLearning implements FailModePolicy {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneLearning.class);
    /** Marks every flow this policy installs ("fl0w5a1e" in hex speak). */
    public static final long COOKIE = 0xf10a_5a1e_0000_0000L;
    static final int LEARNED_PRIORITY = 1;
    static final int IDLE_TIMEOUT_S = 60;
    static final int MAX_MACS = 8192;
    private static final int ETH_HEADER = 14;

    private final DatapathControl datapath;
    private final Map<Long, Integer> portOfMac = new HashMap<>();
    private boolean active;

    public StandaloneLearning(DatapathControl datapath) {
        this.datapath = datapath;
    }

    /** True while the switch is learning (no controller connected). */
    public boolean active() {
        return active;
    }

    @Override
    public void controllersChanged(int connected) {
        if (connected == 0 && !active) {
            activate();
        } else if (connected > 0 && active) {
            deactivate();
        }
    }

    private void activate() {
        active = true;
        if (!hasTableMissFlow()) {
            datapath.flowMod(FlowMod.add(FlowSpec.apply(0, 0, Match.ALL,
                    new Action.Output(PortNumbers.CONTROLLER, PortNumbers.CONTROLLER_MAX_LEN_NO_BUFFER))
                    .withCookie(COOKIE)));
        }
        LOG.info("no controller connected: learning and forwarding table misses itself (fail mode standalone)");
    }

    private void deactivate() {
        active = false;
        portOfMac.clear();
        datapath.flowMod(new FlowMod(FlowModCommand.DELETE, FlowSpec.apply(FlowMod.ALL_TABLES, 0, Match.ALL)
                .withCookie(COOKIE), -1L, PortNumbers.ANY, GroupSpec.ANY));
        LOG.info("controller connected: stopped standalone learning and removed its flows");
    }

    private boolean hasTableMissFlow() {
        List<FlowStats> flows = datapath.flowStats(new FlowStatsRequest(0, PortNumbers.ANY, GroupSpec.ANY, 0, 0,
                Match.ALL));
        for (FlowStats f : flows) {
            if (f.spec().priority() == 0 && f.spec().match().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onPacketInWithoutController(PacketIn p) {
        if (!active || p.reason() != PacketInReason.NO_MATCH || p.data().length < ETH_HEADER
                || p.data().length < p.totalLength()) {
            return;
        }
        long dst = mac(p.data(), 0);
        long src = mac(p.data(), 6);
        if (!isMulticast(src)) {
            if (portOfMac.size() >= MAX_MACS && !portOfMac.containsKey(src)) {
                portOfMac.clear();
            }
            portOfMac.put(src, p.inPort());
        }
        Integer out = isMulticast(dst) ? null : portOfMac.get(dst);
        if (out == null) {
            datapath.packetOut(p.inPort(), List.of(new Action.Output(PortNumbers.FLOOD)), p.data());
            return;
        }
        if (out == p.inPort()) {
            return;
        }
        Match pair = Match.of(MatchEntry.exact(MatchField.IN_PORT, p.inPort() & 0xffff_ffffL),
                MatchEntry.exact(MatchField.ETH_SRC, src), MatchEntry.exact(MatchField.ETH_DST, dst));
        DatapathError e = datapath.flowMod(FlowMod.add(FlowSpec.apply(0, LEARNED_PRIORITY, pair,
                new Action.Output(out)).withCookie(COOKIE).withTimeouts(IDLE_TIMEOUT_S, 0)));
        if (e.isError()) {
            LOG.debug("learned flow refused: {}", e);
        }
        datapath.packetOut(p.inPort(), List.of(new Action.Output(out)), p.data());
    }

    private static long mac(byte[] frame, int at) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (frame[at + i] & 0xff);
        }
        return v;
    }

    private static boolean isMulticast(long mac) {
        return (mac & 0x0100_0000_0000L) != 0;
    }
}
