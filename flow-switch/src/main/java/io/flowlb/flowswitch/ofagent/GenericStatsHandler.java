package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.datapath.DatapathControl;
import io.flowlb.flowswitch.datapath.SelectConnectionsQuery;
import io.flowlb.flowswitch.datapath.spec.SelectConnections;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.projectfloodlight.openflow.protocol.OFBsnGenericStatsEntry;
import org.projectfloodlight.openflow.protocol.OFBsnGenericStatsRequest;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.bsntlv.OFBsnTlv;
import org.projectfloodlight.openflow.protocol.bsntlv.OFBsnTlvUint64List;
import org.projectfloodlight.openflow.types.U64;

/**
 * Answers BSN generic statistics requests (multipart EXPERIMENTER). The one name flow-switch
 * knows is {@value #SELECT_CONNECTIONS}: per SELECT group, per bucket, the connections active in
 * the switch's connection tables and the connections placed on the bucket. Its TLVs are empty
 * (every SELECT group) or one {@code uint64_list} of group ids. Each group is one entry whose one
 * TLV is the {@code uint64_list} {@code [group_id, n_buckets, active_0, total_0, active_1,
 * total_1, ...]}; the entries go out in replies of at most {@link #MAX_MESSAGE_BYTES}, all but the
 * last flagged REPLY_MORE. Any other name is refused with BAD_REQUEST/BAD_EXPERIMENTER_TYPE.
 *
 * <p>The groups are captured on the agent thread (cheap); the walk of the connection tables and
 * the replies run on the scan executor, so neither the agent nor the pollers wait for it. The
 * replies therefore may follow replies to requests sent after this one (matched by xid).
 *
 * <p>Thread safety: {@link #handle} on the agent thread; the scan executor is set before the
 * sessions start.
 */
final class GenericStatsHandler {
    static final String SELECT_CONNECTIONS = "flowlb.select_connections";
    /** The largest reply message, header included. */
    static final int MAX_MESSAGE_BYTES = 60_000;
    /** ofp_multipart_reply header (16) plus experimenter id and subtype (8). */
    static final int REPLY_HEADER_BYTES = 24;

    private final DatapathControl datapath;
    private final ProblemLog problems;
    private volatile Executor scans = Runnable::run;

    GenericStatsHandler(DatapathControl datapath, ProblemLog problems) {
        this.datapath = datapath;
        this.problems = problems;
    }

    /** Where the table walks and replies run (default: on the caller's thread). */
    void setExecutor(Executor scans) {
        this.scans = scans;
    }

    void handle(OfSession s, OFBsnGenericStatsRequest req) {
        if (!SELECT_CONNECTIONS.equals(req.getName())) {
            problems.report("openflow-unknown-generic-stats", s.peerName() + " asked for BSN generic stats '"
                    + req.getName() + "'; flow-switch knows only '" + SELECT_CONNECTIONS + "'");
            throw OfError.BAD_REQUEST_BAD_EXPERIMENTER_TYPE.refusal("generic stats " + req.getName());
        }
        SelectConnectionsQuery query = datapath.selectConnections(groupIds(s, req.getTlvs()));
        OFFactory f = s.factory();
        long xid = req.getXid();
        try {
            scans.execute(() -> answer(s, f, xid, query));
        } catch (RejectedExecutionException e) {
            problems.report("select-connections-busy", s.peerName() + ": too many connection counts in progress");
            throw OfError.BAD_REQUEST_EPERM.refusal("too many " + SELECT_CONNECTIONS + " requests in progress");
        }
    }

    private void answer(OfSession s, OFFactory f, long xid, SelectConnectionsQuery query) {
        List<OFMessage> replies;
        try {
            replies = replies(f, xid, query.run());
        } catch (RuntimeException e) {
            problems.report("select-connections-failure:" + e.getClass().getSimpleName(), s.peerName() + ": " + e);
            s.send(OfError.BAD_REQUEST_EPERM.toMessage(f.getVersion(), xid, new byte[0]));
            return;
        }
        for (OFMessage m : replies) {
            s.write(m);
        }
        s.flush();
    }

    /** Null (every group) for no TLV, the ids of one uint64_list, else a refusal. */
    private long[] groupIds(OfSession s, List<OFBsnTlv> tlvs) {
        if (tlvs.isEmpty()) {
            return null;
        }
        if (tlvs.size() == 1 && tlvs.get(0) instanceof OFBsnTlvUint64List list) {
            long[] ids = new long[list.getValue().size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = list.getValue().get(i).getValue();
            }
            return ids;
        }
        problems.report("openflow-bad-select-connections-tlvs", s.peerName() + " sent " + SELECT_CONNECTIONS
                + " with TLVs " + tlvs + " (expected none or one uint64_list of group ids)");
        throw OfError.BAD_REQUEST_EPERM.refusal(SELECT_CONNECTIONS + " takes no TLV or one uint64_list");
    }

    /** The replies carrying {@code groups}: at least one, each at most {@link #MAX_MESSAGE_BYTES}. */
    static List<OFMessage> replies(OFFactory f, long xid, List<SelectConnections> groups) {
        List<OFMessage> out = new ArrayList<>();
        List<OFBsnGenericStatsEntry> chunk = new ArrayList<>();
        int bytes = REPLY_HEADER_BYTES;
        for (SelectConnections g : groups) {
            int size = entryBytes(g.buckets());
            if (!chunk.isEmpty() && bytes + size > MAX_MESSAGE_BYTES) {
                out.add(reply(f, xid, chunk, true));
                chunk = new ArrayList<>();
                bytes = REPLY_HEADER_BYTES;
            }
            chunk.add(entry(f, g));
            bytes += size;
        }
        out.add(reply(f, xid, chunk, false));
        return out;
    }

    /** Entry length (2) and padding-free TLV: type and length (4), then the list's values. */
    static int entryBytes(int buckets) {
        return 2 + 4 + 8 * (2 + 2 * buckets);
    }

    private static OFBsnGenericStatsEntry entry(OFFactory f, SelectConnections g) {
        List<U64> values = new ArrayList<>(2 + 2 * g.buckets());
        values.add(U64.of(g.groupId() & 0xffff_ffffL));
        values.add(U64.of(g.buckets()));
        for (int b = 0; b < g.buckets(); b++) {
            values.add(U64.of(g.active()[b]));
            values.add(U64.of(g.total()[b]));
        }
        return f.buildBsnGenericStatsEntry().setTlvs(List.of(f.bsnTlvs().uint64List(values))).build();
    }

    private static OFMessage reply(OFFactory f, long xid, List<OFBsnGenericStatsEntry> entries, boolean more) {
        return f.buildBsnGenericStatsReply().setXid(xid)
                .setFlags(more ? EnumSet.of(OFStatsReplyFlags.REPLY_MORE) : EnumSet.noneOf(OFStatsReplyFlags.class))
                .setEntries(entries).build();
    }
}
