package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.datapath.DatapathControl;
import io.flowlb.flowswitch.datapath.spec.AggregateStats;
import io.flowlb.flowswitch.datapath.spec.FlowStats;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.GroupStats;
import io.flowlb.flowswitch.datapath.spec.PortDesc;
import io.flowlb.flowswitch.datapath.spec.PortStats;
import io.flowlb.flowswitch.datapath.spec.TableStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.projectfloodlight.openflow.protocol.OFAggregateStatsRequest;
import org.projectfloodlight.openflow.protocol.OFBsnGenericStatsRequest;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFGroupCapabilities;
import org.projectfloodlight.openflow.protocol.OFGroupStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFObject;
import org.projectfloodlight.openflow.protocol.OFPortStatsRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFTableFeaturesStatsRequest;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * Answers OpenFlow 1.3 MULTIPART requests from the datapath's statistics. Long replies are cut
 * into several messages flagged REPLY_MORE, each below the 64 KiB OpenFlow limit.
 *
 * <p>Thread safety: runs on the agent thread only.
 */
final class MultipartHandler {
    /** Room for entries in one reply: the 64 KiB limit less the multipart header and a margin. */
    static final int MAX_BODY_BYTES = 65_535 - 64;
    /** ofp_group_type bits of the group types flow-switch supports (all four). */
    private static final long GROUP_TYPES = 0b1111;
    /** ofp_action_type bits usable in buckets: output, push/pop vlan, group, dec_nw_ttl, set_queue, set_field. */
    private static final long BUCKET_ACTIONS = (1L << 0) | (1L << 17) | (1L << 18) | (1L << 22) | (1L << 23)
            | (1L << 24) | (1L << 25);
    private static final long MAX_GROUPS = 65_536;

    private final DatapathControl datapath;
    private final SwitchIdentity identity;
    private final GenericStatsHandler generic;

    MultipartHandler(DatapathControl datapath, SwitchIdentity identity, GenericStatsHandler generic) {
        this.datapath = datapath;
        this.identity = identity;
        this.generic = generic;
    }

    void handle(OfSession s, OFStatsRequest<?> req) {
        OFFactory f = s.factory();
        long xid = req.getXid();
        switch (req.getStatsType()) {
            case DESC -> s.send(f.buildDescStatsReply().setXid(xid)
                    .setMfrDesc(SwitchIdentity.MANUFACTURER)
                    .setHwDesc(SwitchIdentity.HARDWARE)
                    .setSwDesc(identity.softwareVersion())
                    .setSerialNum("None")
                    .setDpDesc(identity.name())
                    .build());
            case FLOW -> {
                OFFlowStatsRequest r = (OFFlowStatsRequest) req;
                List<FlowStats> flows = datapath.flowStats(FlowCodec.statsRequest(r.getTableId(), r.getOutPort(),
                        r.getOutGroup(), r.getCookie(), r.getCookieMask(), r.getMatch()));
                sendChunked(s, flows, st -> FlowCodec.encode(st, f),
                        (entries, more) -> f.buildFlowStatsReply().setXid(xid).setFlags(flags(more))
                                .setEntries(entries).build());
            }
            case AGGREGATE -> {
                OFAggregateStatsRequest r = (OFAggregateStatsRequest) req;
                AggregateStats a = datapath.aggregateStats(FlowCodec.statsRequest(r.getTableId(), r.getOutPort(),
                        r.getOutGroup(), r.getCookie(), r.getCookieMask(), r.getMatch()));
                s.send(f.buildAggregateStatsReply().setXid(xid)
                        .setPacketCount(U64.of(a.packets()))
                        .setByteCount(U64.of(a.bytes()))
                        .setFlowCount(a.flowCount() & 0xffff_ffffL)
                        .build());
            }
            case TABLE -> {
                List<TableStats> tables = datapath.tableStats();
                sendChunked(s, tables, t -> f.buildTableStatsEntry()
                        .setTableId(TableId.of(t.tableId()))
                        .setActiveCount(t.activeCount() & 0xffff_ffffL)
                        .setLookupCount(U64.of(t.lookupCount()))
                        .setMatchedCount(U64.of(t.matchedCount()))
                        .build(),
                        (entries, more) -> f.buildTableStatsReply().setXid(xid).setFlags(flags(more))
                                .setEntries(entries).build());
            }
            case PORT -> {
                List<PortStats> ports = datapath.portStats(((OFPortStatsRequest) req).getPortNo().getPortNumber());
                sendChunked(s, ports, p -> PortCodec.encode(p, f),
                        (entries, more) -> f.buildPortStatsReply().setXid(xid).setFlags(flags(more))
                                .setEntries(entries).build());
            }
            case PORT_DESC -> {
                List<PortDesc> ports = datapath.portDesc();
                sendChunked(s, ports, p -> PortCodec.encode(p, f),
                        (entries, more) -> f.buildPortDescStatsReply().setXid(xid).setFlags(flags(more))
                                .setEntries(entries).build());
            }
            case GROUP -> {
                List<GroupStats> groups = datapath.groupStats(((OFGroupStatsRequest) req).getGroup().getGroupNumber());
                sendChunked(s, groups, g -> GroupCodec.encodeStats(g, f),
                        (entries, more) -> f.buildGroupStatsReply().setXid(xid).setFlags(flags(more))
                                .setEntries(entries).build());
            }
            case GROUP_DESC -> {
                List<GroupSpec> groups = datapath.groupDesc();
                sendChunked(s, groups, g -> GroupCodec.encodeDesc(g, f),
                        (entries, more) -> f.buildGroupDescStatsReply().setXid(xid).setFlags(flags(more))
                                .setEntries(entries).build());
            }
            case GROUP_FEATURES -> s.send(f.buildGroupFeaturesStatsReply().setXid(xid)
                    .setTypes(GROUP_TYPES)
                    .setCapabilities(EnumSet.of(OFGroupCapabilities.SELECT_WEIGHT, OFGroupCapabilities.SELECT_LIVENESS,
                            OFGroupCapabilities.CHAINING))
                    .setMaxGroupsAll(MAX_GROUPS)
                    .setMaxGroupsSelect(MAX_GROUPS)
                    .setMaxGroupsIndirect(MAX_GROUPS)
                    .setMaxGroupsFf(MAX_GROUPS)
                    .setActionsAll(BUCKET_ACTIONS)
                    .setActionsSelect(BUCKET_ACTIONS)
                    .setActionsIndirect(BUCKET_ACTIONS)
                    .setActionsFf(BUCKET_ACTIONS)
                    .build());
            case TABLE_FEATURES -> {
                if (!((OFTableFeaturesStatsRequest) req).getEntries().isEmpty()) {
                    throw new OfError(13, 5).refusal("changing table features"); // TABLE_FEATURES_FAILED/EPERM
                }
                sendChunked(s, TableFeatures.describe(f, datapath.tableCount(), datapath.maxFlows()), e -> e,
                        (entries, more) -> f.buildTableFeaturesStatsReply().setXid(xid).setFlags(flags(more))
                                .setEntries(entries).build());
            }
            case METER_FEATURES -> s.send(f.buildMeterFeaturesStatsReply().setXid(xid)
                    .setFeatures(f.buildMeterFeatures().setMaxMeter(0).setBandTypes(0).setCapabilities(0)
                            .setMaxBands((short) 0).setMaxColor((short) 0).build())
                    .build());
            case EXPERIMENTER -> {
                if (!(req instanceof OFBsnGenericStatsRequest g)) {
                    throw OfError.BAD_REQUEST_BAD_EXPERIMENTER.refusal("experimenter statistics " + req);
                }
                generic.handle(s, g);
            }
            default -> throw OfError.BAD_REQUEST_BAD_MULTIPART.refusal("multipart type " + req.getStatsType()
                    + " is not supported");
        }
    }

    private static Set<OFStatsReplyFlags> flags(boolean more) {
        return more ? EnumSet.of(OFStatsReplyFlags.REPLY_MORE) : EnumSet.noneOf(OFStatsReplyFlags.class);
    }

    /**
     * Encodes {@code items} and sends them in as many replies as the size limit needs (always at
     * least one, so an empty result still gets its reply).
     */
    static <T, E extends OFObject> void sendChunked(OfSession s, List<T> items, Function<T, E> encode,
            BiFunction<List<E>, Boolean, OFMessage> reply) {
        List<E> chunk = new ArrayList<>();
        int bytes = 0;
        ByteBuf scratch = Unpooled.buffer(256);
        try {
            for (T item : items) {
                E e = encode.apply(item);
                scratch.clear();
                e.writeTo(scratch);
                int size = scratch.readableBytes();
                if (!chunk.isEmpty() && bytes + size > MAX_BODY_BYTES) {
                    s.write(reply.apply(chunk, true));
                    chunk = new ArrayList<>();
                    bytes = 0;
                }
                chunk.add(e);
                bytes += size;
            }
        } finally {
            scratch.release();
        }
        s.write(reply.apply(chunk, false));
        s.flush();
    }
}
