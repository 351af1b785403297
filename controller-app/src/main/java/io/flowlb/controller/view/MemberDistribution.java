package io.flowlb.controller.view;

import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MemberId;

/**
 * One member's part in its VIP's distribution at one moment.
 *
 * @param weight the effective weight for new connections (0 when it takes none)
 * @param alive whether its existing connections stay on it
 * @param share the fraction of new connections it gets, 0 to 1 (the weights' proportion, or a
 *              measured rate when the producer measures one)
 * @param activeConnections connections the switches hold for it now
 * @param totalConnections connections sent to it since start
 * @param packetsIn packets from clients to it
 * @param bytesIn bytes from clients to it
 * @param packetsOut packets from it back to clients (0 when they bypass the switch, as in DSR)
 * @param bytesOut bytes from it back to clients
 *
 * <p>Thread safety: immutable.
 */
public record MemberDistribution(MemberId memberId, IpAddress address, int port, AdminState adminState, Health health,
                                 int weight, boolean alive, double share, long activeConnections,
                                 long totalConnections, long packetsIn, long bytesIn, long packetsOut, long bytesOut) {
}
