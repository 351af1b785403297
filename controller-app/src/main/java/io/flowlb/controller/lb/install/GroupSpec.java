package io.flowlb.controller.lb.install;

import io.flowlb.controller.openflow.PortNo;
import io.flowlb.loadbalancer.model.MemberId;
import java.util.List;

/**
 * One SELECT group the load balancer wants on a switch: one per VIP, a bucket per member.
 *
 * @param groupId the group id ({@link GroupIds})
 * @param buckets in member id order
 *
 * <p>Thread safety: immutable.
 */
public record GroupSpec(int groupId, List<Bucket> buckets) {

    public GroupSpec {
        buckets = List.copyOf(buckets);
    }

    /**
     * One bucket: the member it leads to (for statistics; not sent to the switch), its weight
     * for new connections, the port whose liveness the bucket follows ({@link PortNo#ANY} when
     * none), and the rewrite and output actions.
     */
    public record Bucket(MemberId member, int weight, PortNo watchPort, List<LbAction> actions) {
        public Bucket {
            actions = List.copyOf(actions);
            if (weight < 0 || weight > 0xffff) {
                throw new IllegalArgumentException("bucket weight " + weight + " is outside 0..65535");
            }
        }
    }
}
