package io.flowlb.controller.lb.install;

import io.flowlb.controller.openflow.PortNo;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MacAddress;

/**
 * One action of a load-balancer flow or bucket, as plain data. An action list runs in order
 * (OpenFlow 1.3 apply-actions); {@link GotoTable} is an instruction and may only end a flow's
 * list. An empty list drops the packet.
 *
 * <p>Thread safety: immutable records.
 */
public sealed interface LbAction {

    record SetEthSrc(MacAddress mac) implements LbAction {
    }

    record SetEthDst(MacAddress mac) implements LbAction {
    }

    /** IPv4 or IPv6 source, by the address's family. */
    record SetIpSrc(IpAddress address) implements LbAction {
    }

    /** IPv4 or IPv6 destination, by the address's family. */
    record SetIpDst(IpAddress address) implements LbAction {
    }

    /** TCP, UDP or SCTP source port, by {@code ipProto}. */
    record SetTpSrc(int ipProto, int port) implements LbAction {
    }

    /** TCP, UDP or SCTP destination port, by {@code ipProto}. */
    record SetTpDst(int ipProto, int port) implements LbAction {
    }

    /** Out of one port (physical, logical application port, or reserved). */
    record Output(PortNo port) implements LbAction {
    }

    /** To the controller, whole packet. */
    record ToController() implements LbAction {
    }

    /** Through a group. */
    record Group(int groupId) implements LbAction {
    }

    /** Continue in another table (an instruction: last in the list, flows only). */
    record GotoTable(int table) implements LbAction {
    }

    static LbAction output(PortNo port) {
        return new Output(port);
    }
}
