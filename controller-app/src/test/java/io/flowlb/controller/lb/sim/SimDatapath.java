package io.flowlb.controller.lb.sim;

import io.flowlb.controller.openflow.FlowModSemantics;
import io.flowlb.loadbalancer.packet.ArpReplies;
import io.flowlb.loadbalancer.packet.IcmpEchoReplies;
import io.flowlb.loadbalancer.packet.NeighborAdvertisements;
import io.flowlb.loadbalancer.packet.PacketView;
import io.flowlb.loadbalancer.packet.TcpResets;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDelete;
import org.projectfloodlight.openflow.protocol.OFFlowDeleteStrict;
import org.projectfloodlight.openflow.protocol.OFGroupAdd;
import org.projectfloodlight.openflow.protocol.OFGroupDelete;
import org.projectfloodlight.openflow.protocol.OFGroupModify;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionGroup;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionGotoTable;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * One simulated OpenFlow 1.3 switch: flow tables fed by FLOW_MODs (add replaces the same table,
 * priority and match; strict and non-strict delete with cookie masks), SELECT groups fed by
 * GROUP_MODs, and a pipeline that runs apply-actions, set-field, group and goto-table on a frame.
 *
 * <p>SELECT groups behave like Open vSwitch's by default: a hash of the connection picks among
 * the live buckets by weight, so a weight change may move a connection. With
 * {@code keepsConnections} they behave like flow-switch's: a connection stays on the bucket it
 * first got (identified by its actions) while that bucket exists and is live, whatever its weight.
 * With {@code apps}, the logical ports of {@code app-arp}, {@code app-icmp} and {@code app-rst}
 * answer as flow-switch's in-switch applications do.
 */
public final class SimDatapath {
    static final int APP_ARP = 0xfe01;
    static final int APP_ICMP = 0xfe02;
    static final int APP_RST = 0xfe03;

    /** Where the pipeline sends frames. */
    interface Sink {
        void output(int port, byte[] frame);

        /** Out of every port but {@code inPort}. */
        void flood(int inPort, byte[] frame);

        void packetIn(int inPort, byte[] frame, int table, U64 cookie, OFPacketInReason reason);
    }

    public record Flow(int table, int priority, Match match, List<OFInstruction> instructions, U64 cookie, int idleTimeout) {
    }

    public record Group(int id, List<OFBucket> buckets) {
    }

    private final boolean keepsConnections;
    private final boolean apps;
    private final Map<Integer, List<Flow>> tables = new TreeMap<>();
    private final Map<Integer, Group> groups = new TreeMap<>();
    private final Map<String, List<OFAction>> connections = new HashMap<>();
    private final Set<Integer> downPorts = new HashSet<>();
    private final Map<Integer, long[]> bucketPackets = new HashMap<>();
    private final Map<Integer, long[]> bucketBytes = new HashMap<>();
    private final Map<Integer, Map<List<OFAction>, Long>> placed = new HashMap<>();
    private int depth;

    SimDatapath(boolean keepsConnections, boolean apps) {
        this.keepsConnections = keepsConnections;
        this.apps = apps;
    }

    public List<Flow> flows() {
        List<Flow> all = new ArrayList<>();
        tables.values().forEach(all::addAll);
        return all;
    }

    /** Removes the flows whose cookie is {@code cookie} (as their idle timeout would). */
    public void expire(long cookie) {
        for (List<Flow> t : tables.values()) {
            t.removeIf(f -> f.cookie().getValue() == cookie);
        }
    }

    public Map<Integer, Group> groups() {
        return groups;
    }

    /** Packets and bytes through each bucket of a group, as group statistics report them. */
    long[][] bucketCounters(int groupId) {
        Group g = groups.get(groupId);
        int n = g == null ? 0 : g.buckets().size();
        long[] p = bucketPackets.getOrDefault(groupId, new long[0]);
        long[] b = bucketBytes.getOrDefault(groupId, new long[0]);
        long[][] out = new long[n][2];
        for (int i = 0; i < n; i++) {
            out[i][0] = i < p.length ? p[i] : 0;
            out[i][1] = i < b.length ? b[i] : 0;
        }
        return out;
    }

    /**
     * Connections of each bucket of a group, as flow-switch reports them: held now (its
     * connection table never expires here), and placed on the bucket since it appeared (a bucket
     * is known by its actions, so a GROUP_MODIFY that keeps them keeps the count).
     */
    long[][] bucketConnections(int groupId) {
        Group g = groups.get(groupId);
        int n = g == null ? 0 : g.buckets().size();
        long[][] out = new long[n][2];
        String prefix = groupId + " ";
        for (int i = 0; i < n; i++) {
            List<OFAction> key = g.buckets().get(i).getActions();
            for (Map.Entry<String, List<OFAction>> c : connections.entrySet()) {
                out[i][0] += c.getKey().startsWith(prefix) && c.getValue().equals(key) ? 1 : 0;
            }
            out[i][1] = placed.getOrDefault(groupId, Map.of()).getOrDefault(key, 0L);
        }
        return out;
    }

    void portDown(int port, boolean down) {
        if (down) {
            downPorts.add(port);
        } else {
            downPorts.remove(port);
        }
    }

    void apply(OFMessage m) {
        switch (m) {
            case OFFlowAdd a -> {
                List<Flow> t = tables.computeIfAbsent((int) a.getTableId().getValue(), k -> new ArrayList<>());
                t.removeIf(f -> f.priority() == a.getPriority() && f.match().equals(a.getMatch()));
                t.add(new Flow(a.getTableId().getValue(), a.getPriority(), a.getMatch(), a.getInstructions(),
                        a.getCookie(), a.getIdleTimeout()));
                t.sort(Comparator.comparingInt(Flow::priority).reversed());
            }
            case OFFlowDeleteStrict d -> table(d.getTableId()).forEach(t -> t.removeIf(f -> f.priority() == d.getPriority()
                    && f.match().equals(d.getMatch()) && cookie(f, d.getCookie(), d.getCookieMask())));
            case OFFlowDelete d -> table(d.getTableId()).forEach(t -> t.removeIf(f -> covers(d.getMatch(), f.match())
                    && cookie(f, d.getCookie(), d.getCookieMask())));
            case OFGroupAdd g -> {
                if (groups.containsKey(g.getGroup().getGroupNumber())) {
                    throw new AssertionError("GROUP_ADD of existing group " + g.getGroup());
                }
                groups.put(g.getGroup().getGroupNumber(), new Group(g.getGroup().getGroupNumber(), g.getBuckets()));
            }
            case OFGroupModify g -> {
                if (!groups.containsKey(g.getGroup().getGroupNumber())) {
                    throw new AssertionError("GROUP_MODIFY of unknown group " + g.getGroup());
                }
                groups.put(g.getGroup().getGroupNumber(), new Group(g.getGroup().getGroupNumber(), g.getBuckets()));
                List<List<OFAction>> kept = g.getBuckets().stream().map(OFBucket::getActions).toList();
                placed.getOrDefault(g.getGroup().getGroupNumber(), new HashMap<>()).keySet().retainAll(kept);
            }
            case OFGroupDelete g -> deleteGroup(g.getGroup().getGroupNumber());
            default -> {
            }
        }
    }

    private void deleteGroup(int id) {
        Set<Integer> ids = id == 0xfffffffc ? new HashSet<>(groups.keySet()) : Set.of(id);
        for (int g : ids) {
            groups.remove(g);
            placed.remove(g);
            for (List<Flow> t : tables.values()) {
                t.removeIf(f -> usesGroup(f, g));
            }
        }
    }

    private static boolean usesGroup(Flow f, int g) {
        for (OFInstruction i : f.instructions()) {
            if (i instanceof OFInstructionApplyActions a) {
                for (OFAction x : a.getActions()) {
                    if (x instanceof OFActionGroup ag && ag.getGroup().getGroupNumber() == g) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private List<List<Flow>> table(TableId id) {
        if (id.equals(TableId.ALL)) {
            return new ArrayList<>(tables.values());
        }
        return List.of(tables.computeIfAbsent((int) id.getValue(), k -> new ArrayList<>()));
    }

    private static boolean cookie(Flow f, U64 cookie, U64 mask) {
        return FlowModSemantics.cookieMatches(f.cookie(), cookie, mask);
    }

    private static boolean covers(Match general, Match specific) {
        return FlowModSemantics.covers(general, specific);
    }

    /** The flow a frame hits in one table, or null. */
    Flow lookup(int table, int inPort, byte[] frame) {
        for (Flow f : tables.getOrDefault(table, List.of())) {
            if (SimFields.matches(f.match(), inPort, frame)) {
                return f;
            }
        }
        return null;
    }

    /** Runs a frame that arrived on {@code inPort} through the pipeline from table 0. */
    void receive(int inPort, byte[] frame, Sink sink) {
        if (++depth > 50) {
            throw new AssertionError("pipeline loop");
        }
        try {
            pipeline(0, inPort, frame.clone(), sink);
        } finally {
            depth--;
        }
    }

    private void pipeline(int table, int inPort, byte[] frame, Sink sink) {
        Flow f = lookup(table, inPort, frame);
        if (f == null) {
            return; // OpenFlow 1.3 table miss without a miss flow: dropped
        }
        int next = -1;
        for (OFInstruction i : f.instructions()) {
            if (i instanceof OFInstructionApplyActions a) {
                actions(a.getActions(), inPort, frame, sink, f.table(), f.cookie());
            } else if (i instanceof OFInstructionGotoTable g) {
                next = g.getTableId().getValue();
            }
        }
        if (next > table) {
            pipeline(next, inPort, frame, sink);
        }
    }

    /** Runs an action list on the frame (packet-outs and buckets use it too). */
    void actions(List<OFAction> actions, int inPort, byte[] frame, Sink sink, int table, U64 cookie) {
        for (OFAction a : actions) {
            switch (a) {
                case OFActionSetField s -> SimFields.set(s.getField(), frame);
                case OFActionOutput o -> output(o.getPort(), inPort, frame.clone(), sink, table, cookie);
                case OFActionGroup g -> group(g.getGroup().getGroupNumber(), inPort, frame.clone(), sink);
                default -> throw new AssertionError("the simulated switch does not run " + a);
            }
        }
    }

    private void output(OFPort port, int inPort, byte[] frame, Sink sink, int table, U64 cookie) {
        int p = port.getPortNumber();
        if (port.equals(OFPort.CONTROLLER)) {
            sink.packetIn(inPort, frame, table, cookie, table == 1 && cookie.getValue() == 0x5345L << 48
                    ? OFPacketInReason.NO_MATCH : OFPacketInReason.ACTION);
        } else if (port.equals(OFPort.TABLE)) {
            receive(inPort, frame, sink);
        } else if (port.equals(OFPort.IN_PORT)) {
            sink.output(inPort, frame);
        } else if (port.equals(OFPort.FLOOD) || port.equals(OFPort.ALL)) {
            sink.flood(inPort, frame);
        } else if (apps && p >= 0xfe00 && p <= 0xfeff) {
            app(p, inPort, frame, sink);
        } else if (p != inPort && !downPorts.contains(p)) {
            sink.output(p, frame);
        }
    }

    private void group(int id, int inPort, byte[] frame, Sink sink) {
        Group g = groups.get(id);
        if (g == null) {
            return;
        }
        String conn = id + " " + SimFields.connection(frame);
        OFBucket chosen = null;
        List<OFAction> kept = keepsConnections ? connections.get(conn) : null;
        if (kept != null) {
            for (OFBucket b : g.buckets()) {
                if (b.getActions().equals(kept) && live(b)) {
                    chosen = b;
                }
            }
        }
        if (chosen == null) {
            chosen = pick(g, conn);
        }
        if (chosen == null) {
            return;
        }
        if (keepsConnections && !chosen.getActions().equals(kept)) {
            connections.put(conn, chosen.getActions());
            placed.computeIfAbsent(id, k -> new HashMap<>()).merge(chosen.getActions(), 1L, Long::sum);
        }
        int index = g.buckets().indexOf(chosen);
        long[] p = bucketPackets.computeIfAbsent(id, k -> new long[64]);
        long[] b = bucketBytes.computeIfAbsent(id, k -> new long[64]);
        p[index]++;
        b[index] += frame.length;
        actions(chosen.getActions(), inPort, frame, sink, 0, U64.ZERO);
    }

    private boolean live(OFBucket b) {
        return b.getWatchPort().equals(OFPort.ANY) || !downPorts.contains(b.getWatchPort().getPortNumber());
    }

    /** Weighted choice by a hash of the connection among live buckets with a weight. */
    private OFBucket pick(Group g, String conn) {
        long total = 0;
        for (OFBucket b : g.buckets()) {
            total += live(b) ? b.getWeight() : 0;
        }
        if (total == 0) {
            return null;
        }
        long h = Math.floorMod(mix(conn.hashCode()), total);
        for (OFBucket b : g.buckets()) {
            if (live(b)) {
                h -= b.getWeight();
                if (h < 0) {
                    return b;
                }
            }
        }
        return null;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** flow-switch's applications: answer out of the port the frame came in on. */
    private void app(int port, int inPort, byte[] frame, Sink sink) {
        PacketView v = SimFields.view(frame);
        byte[] out = new byte[frame.length + 128];
        MemorySegment seg = MemorySegment.ofArray(out);
        int n = switch (port) {
            case APP_ARP -> v.isArp() ? ArpReplies.write(v, v.ethSrc(), seg, 0)
                    : NeighborAdvertisements.write(v, v.ethSrc(), seg, 0);
            case APP_ICMP -> IcmpEchoReplies.write(v, seg, 0);
            case APP_RST -> v.isTcp() ? TcpResets.write(v, seg, 0) : -1;
            default -> -1;
        };
        if (n > 0 && port == APP_ARP && !v.isArp() && v.l4Length() >= 32) {
            // As flow-switch's responder does: the Ethernet source was rewritten to the answer, so
            // the advertisement goes to the solicitation's source link-layer address option.
            System.arraycopy(frame, v.l4Offset() + 26, out, 0, 6);
        }
        if (n > 0) {
            sink.output(inPort, Arrays.copyOf(out, n));
        }
    }
}
