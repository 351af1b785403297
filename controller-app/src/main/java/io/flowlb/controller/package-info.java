/**
 * The flowlb controller: OpenFlow sessions, topology, L2 forwarding, the load-balancer
 * application, the resource manager, the pseudo-interface and the REST API.
 */
package io.flowlb.controller;
