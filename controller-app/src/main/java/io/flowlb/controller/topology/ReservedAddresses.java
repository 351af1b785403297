package io.flowlb.controller.topology;

import org.projectfloodlight.openflow.types.IPAddress;

/**
 * Addresses that belong to the controller's applications rather than to hosts: a VIP and its
 * virtual MAC, a router pool's gateway address. Host learning never takes a frame from a reserved
 * MAC as a host (reverse NAT rewrites replies to come from a VIP's virtual MAC) and never binds a
 * reserved IP to a host (in DSR mode every server answers from the VIP address).
 *
 * <p>Thread safety: implementations are called on the event thread and must read published
 * snapshots.
 */
public interface ReservedAddresses {
    ReservedAddresses NONE = new ReservedAddresses() {
        @Override
        public boolean isReservedMac(long mac) {
            return false;
        }

        @Override
        public boolean isReservedIp(IPAddress<?> ip) {
            return false;
        }
    };

    boolean isReservedMac(long mac);

    boolean isReservedIp(IPAddress<?> ip);
}
