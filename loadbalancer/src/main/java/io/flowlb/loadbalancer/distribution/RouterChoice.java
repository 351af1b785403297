package io.flowlb.loadbalancer.distribution;

import io.flowlb.loadbalancer.model.Router;

/**
 * The answer to one server's ARP request for the gateway: the router whose MAC goes into the
 * reply ({@code null} when no router of the pool is healthy: then do not answer), and the
 * selector state to keep.
 */
public record RouterChoice(Router router, RouterSelector next) {
}
