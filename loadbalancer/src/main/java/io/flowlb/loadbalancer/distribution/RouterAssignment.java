package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.Router;

/**
 * A server and the router it was given. A list of these after a failover tells the controller
 * which servers to send an unsolicited ARP reply so they switch at once.
 */
public record RouterAssignment(IpAddress server, Router router) {
}
