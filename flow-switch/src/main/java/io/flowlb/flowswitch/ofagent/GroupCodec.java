package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.datapath.spec.Bucket;
import io.flowlb.flowswitch.datapath.spec.GroupModCommand;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.GroupStats;
import io.flowlb.flowswitch.datapath.spec.GroupType;
import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFBucketCounter;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupMod;
import org.projectfloodlight.openflow.protocol.OFGroupStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.U64;

/**
 * Translates OpenFlow 1.3 GROUP_MOD and the group statistics to the datapath's spec and back.
 *
 * <p>Thread safety: stateless.
 */
final class GroupCodec {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private GroupCodec() {
    }

    /** A decoded GROUP_MOD. */
    record GroupMod(GroupModCommand command, GroupSpec spec) {
    }

    static GroupMod decode(OFGroupMod m) {
        GroupModCommand command = switch (m.getCommand()) {
            case ADD -> GroupModCommand.ADD;
            case MODIFY -> GroupModCommand.MODIFY;
            case DELETE -> GroupModCommand.DELETE;
            default -> throw OfError.GROUP_MOD_FAILED_BAD_COMMAND.refusal("group command " + m.getCommand());
        };
        GroupType type = decode(m.getGroupType());
        List<Bucket> buckets = new ArrayList<>(m.getBuckets().size());
        for (OFBucket b : m.getBuckets()) {
            buckets.add(ActionCodec.decodeBucket(b));
        }
        return new GroupMod(command, new GroupSpec(m.getGroup().getGroupNumber(), type, buckets));
    }

    static GroupType decode(OFGroupType t) {
        return switch (t) {
            case ALL -> GroupType.ALL;
            case SELECT -> GroupType.SELECT;
            case INDIRECT -> GroupType.INDIRECT;
            case FF -> GroupType.FAST_FAILOVER;
            default -> throw OfError.GROUP_MOD_FAILED_BAD_TYPE.refusal("group type " + t);
        };
    }

    static OFGroupType encode(GroupType t) {
        return switch (t) {
            case ALL -> OFGroupType.ALL;
            case SELECT -> OFGroupType.SELECT;
            case INDIRECT -> OFGroupType.INDIRECT;
            case FAST_FAILOVER -> OFGroupType.FF;
        };
    }

    static OFGroupDescStatsEntry encodeDesc(GroupSpec g, OFFactory f) {
        List<OFBucket> buckets = new ArrayList<>(g.buckets().size());
        for (Bucket b : g.buckets()) {
            buckets.add(ActionCodec.encodeBucket(b, f));
        }
        return f.buildGroupDescStatsEntry()
                .setGroupType(encode(g.type()))
                .setGroup(OFGroup.of(g.groupId()))
                .setBuckets(buckets)
                .build();
    }

    static OFGroupStatsEntry encodeStats(GroupStats s, OFFactory f) {
        List<OFBucketCounter> counters = new ArrayList<>(s.buckets().size());
        for (GroupStats.BucketStats b : s.buckets()) {
            counters.add(f.buildBucketCounter().setPacketCount(U64.of(b.packets())).setByteCount(U64.of(b.bytes()))
                    .build());
        }
        return f.buildGroupStatsEntry()
                .setGroup(OFGroup.of(s.groupId()))
                .setRefCount(s.refCount() & 0xffff_ffffL)
                .setPacketCount(U64.of(s.packets()))
                .setByteCount(U64.of(s.bytes()))
                .setDurationSec(s.durationNanos() / NANOS_PER_SECOND)
                .setDurationNsec(s.durationNanos() % NANOS_PER_SECOND)
                .setBucketStats(counters)
                .build();
    }
}
