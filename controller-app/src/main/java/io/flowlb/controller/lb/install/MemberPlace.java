package io.flowlb.controller.lb.install;

import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.loadbalancer.model.MacAddress;

/**
 * Where a member is: its MAC (configured or learned) and the edge port it is attached to.
 *
 * <p>Thread safety: immutable.
 */
public record MemberPlace(MacAddress mac, ConnectPoint at) {
}
