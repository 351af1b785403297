package io.flowlb.controller.lb.app;

import io.flowlb.controller.lb.install.GroupSpec;
import io.flowlb.controller.lb.install.SwitchPlan;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfErrorException;
import io.flowlb.loadbalancer.model.VipId;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.projectfloodlight.openflow.protocol.OFBsnGenericStatsEntry;
import org.projectfloodlight.openflow.protocol.OFBsnGenericStatsReply;
import org.projectfloodlight.openflow.protocol.OFBsnGenericStatsRequest;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.bsntlv.OFBsnTlv;
import org.projectfloodlight.openflow.protocol.bsntlv.OFBsnTlvUint64List;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections per VIP and member as flow-switch's SELECT groups hold them: the switch answers
 * the BSN generic statistics request {@value #NAME} with one entry per group,
 * {@code [group_id, n_buckets, active_0, total_0, active_1, total_1, ...]} (buckets in the
 * group's order), and each bucket is mapped to its member through the plan installed on that
 * switch, as {@link GroupCounters} maps bucket counters. The counts of each switch's last answer
 * are summed over the switches (a VIP's group is on every switch; each holds the connections of
 * the clients that come in by it).
 *
 * <p>Only switches recognised as flow-switch are asked; one that answers an OpenFlow error is no
 * longer asked until it reconnects (logged once). An entry whose group is not in the plan or
 * whose bucket count differs from it (the group changed while the answer was on its way) is
 * ignored; a malformed reply or entry is counted and logged once per kind. Nothing the switch
 * sends makes this class throw.
 *
 * <p>The summed counts are kept up to date as each answer arrives (its previous answer taken
 * out, the new one added), and the immutable {@link #snapshot} is only copied again after a
 * change, so the distribution view built on every poll stays cheap.
 *
 * <p>Thread safety: confined to the LB control thread, except {@link #counters}, which may be
 * called from any thread.
 */
final class SelectConnections {
    private static final Logger LOG = LoggerFactory.getLogger(SelectConnections.class);
    /** The name of the BSN generic statistics flow-switch answers with connections per bucket. */
    static final String NAME = "flowlb.select_connections";

    /** Kinds of answers that were ignored, as counter names. */
    static final String MISMATCHED = "entries_mismatched";
    static final String WRONG_REPLY = "replies_malformed";
    static final String WRONG_TLV = "entries_wrong_tlv";
    static final String WRONG_LENGTH = "entries_wrong_length";
    static final String REFUSED = "switches_refused";

    private final Map<Dpid, Map<GroupCounters.Key, long[]>> last = new HashMap<>();
    private final Map<GroupCounters.Key, long[]> sums = new HashMap<>();
    private final Set<Dpid> refused = new HashSet<>();
    private final Set<String> logged = new HashSet<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private volatile Map<String, Long> published = Map.of();
    private Map<GroupCounters.Key, LbDistributionView.Connections> snapshot = Map.of();
    private boolean changed;

    SelectConnections() {
        for (String kind : List.of(MISMATCHED, WRONG_REPLY, WRONG_TLV, WRONG_LENGTH, REFUSED)) {
            counts.put(kind, 0L);
        }
        published = Map.copyOf(counts);
    }

    /** The request for every SELECT group of the switch. */
    static OFBsnGenericStatsRequest request(OFFactory f) {
        return f.buildBsnGenericStatsRequest().setName(NAME).setTlvs(List.of()).build();
    }

    /** Whether the switch is still asked (it has not answered an error since it connected). */
    boolean asks(Dpid dpid) {
        return !refused.contains(dpid);
    }

    /** The switch answered the request with {@code failure}: an OpenFlow error stops the asking. */
    void failed(Dpid dpid, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (!(cause instanceof OfErrorException e) || !refused.add(dpid)) {
            return; // a timeout or a disconnection: the next poll asks again
        }
        count(REFUSED);
        LOG.info("switch {} does not report connections per SELECT bucket ({}); it is no longer asked until it"
                + " reconnects", dpid, e.getMessage());
        forget(dpid);
    }

    /** Takes one switch's answer, all its parts; {@code vipOf} maps a group id to its VIP. */
    void record(Dpid dpid, SwitchPlan installed, List<?> parts, Map<Integer, VipId> vipOf) {
        Map<GroupCounters.Key, long[]> now = new HashMap<>();
        for (Object part : parts) {
            if (!(part instanceof OFBsnGenericStatsReply reply)) {
                malformed(WRONG_REPLY, dpid, "a part that is not a BSN generic statistics reply: " + part);
                continue;
            }
            for (OFBsnGenericStatsEntry e : reply.getEntries()) {
                entry(dpid, e, installed, vipOf, now);
            }
        }
        forget(dpid);
        last.put(dpid, now);
        add(now, 1);
    }

    /** The switch disconnected: its counts leave the sums, and a new session is asked again. */
    void switchGone(Dpid dpid) {
        refused.remove(dpid);
        forget(dpid);
    }

    /** Connections per VIP and member, summed over each switch's last answer; immutable. */
    Map<GroupCounters.Key, LbDistributionView.Connections> snapshot() {
        if (changed) {
            Map<GroupCounters.Key, LbDistributionView.Connections> out = new HashMap<>(sums.size() * 4 / 3 + 1);
            for (Map.Entry<GroupCounters.Key, long[]> e : sums.entrySet()) {
                out.put(e.getKey(), new LbDistributionView.Connections(e.getValue()[0], e.getValue()[1]));
            }
            snapshot = Collections.unmodifiableMap(out);
            changed = false;
        }
        return snapshot;
    }

    /** What was ignored, by kind ({@link #MISMATCHED}, ...); safe from any thread. */
    Map<String, Long> counters() {
        return published;
    }

    private void entry(Dpid dpid, OFBsnGenericStatsEntry e, SwitchPlan installed, Map<Integer, VipId> vipOf,
                       Map<GroupCounters.Key, long[]> now) {
        List<OFBsnTlv> tlvs = e.getTlvs();
        if (tlvs.size() != 1 || !(tlvs.get(0) instanceof OFBsnTlvUint64List list)) {
            malformed(WRONG_TLV, dpid, "an entry whose TLVs are not exactly one uint64 list: " + tlvs);
            return;
        }
        List<U64> v = list.getValue();
        long buckets = v.size() < 2 ? -1 : v.get(1).getValue();
        if (buckets < 0 || buckets > (v.size() - 2) / 2 || v.size() != 2 + 2 * buckets) {
            malformed(WRONG_LENGTH, dpid, "an entry of " + v.size() + " values, not [group, n, 2 per bucket]: " + v);
            return;
        }
        long id = v.get(0).getValue();
        GroupSpec g = id < 0 || id > 0xffff_ffffL ? null : installed.group((int) id);
        VipId vip = g == null ? null : vipOf.get(g.groupId());
        if (vip == null || g.buckets().size() != buckets) {
            count(MISMATCHED);
            once(MISMATCHED, "switch {} reported connections of group {} with {} buckets, which the plan does not"
                    + " have (the group changed meanwhile, or is not the load balancer's); such entries are ignored"
                    + " and only counted", dpid, Long.toUnsignedString(id), buckets);
            return;
        }
        for (int i = 0; i < g.buckets().size(); i++) {
            long[] c = now.computeIfAbsent(new GroupCounters.Key(vip, g.buckets().get(i).member()), k -> new long[2]);
            c[0] += v.get(2 + 2 * i).getValue();
            c[1] += v.get(3 + 2 * i).getValue();
        }
    }

    /** Takes a switch's last answer out of the sums. */
    private void forget(Dpid dpid) {
        Map<GroupCounters.Key, long[]> before = last.remove(dpid);
        if (before != null) {
            add(before, -1);
        }
    }

    private void add(Map<GroupCounters.Key, long[]> answer, int sign) {
        for (Map.Entry<GroupCounters.Key, long[]> e : answer.entrySet()) {
            long[] s = sums.computeIfAbsent(e.getKey(), k -> new long[2]);
            s[0] += sign * e.getValue()[0];
            s[1] += sign * e.getValue()[1];
            if (s[0] == 0 && s[1] == 0) {
                sums.remove(e.getKey());
            }
        }
        changed |= !answer.isEmpty();
    }

    private void malformed(String kind, Dpid dpid, String what) {
        count(kind);
        once(kind, "switch {} sent {} in its connections per SELECT bucket; it is ignored, and further ones of this"
                + " kind are only counted", dpid, what);
    }

    private void once(String kind, String format, Object... args) {
        if (logged.add(kind)) {
            LOG.warn(format, args);
        }
    }

    private void count(String kind) {
        counts.merge(kind, 1L, Long::sum);
        published = Map.copyOf(counts);
    }
}
