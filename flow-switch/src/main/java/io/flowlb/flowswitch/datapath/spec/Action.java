package io.flowlb.flowswitch.datapath.spec;

/**
 * One OpenFlow action. Apply-actions run in list order and every {@link Output} emits the frame
 * as it is at that point; write-actions go into the action set, which runs in the order of
 * OpenFlow 1.3 section 5.10 when the pipeline ends.
 *
 * <p>Thread safety: immutable.
 */
public sealed interface Action {

    /**
     * Send the frame to {@code port}: a port number or a reserved port of {@link PortNumbers}
     * (IN_PORT, FLOOD, ALL, CONTROLLER, TABLE (packet-out only), LOCAL). {@code maxLen} is the
     * number of bytes sent to the controller ({@link PortNumbers#CONTROLLER_MAX_LEN_NO_BUFFER}
     * for the whole frame).
     */
    record Output(int port, int maxLen) implements Action {
        public Output(int port) {
            this(port, PortNumbers.CONTROLLER_MAX_LEN_NO_BUFFER);
        }
    }

    /**
     * Rewrite one header field in place (checksums updated incrementally). Supported fields:
     * eth_src/dst, vlan_vid/pcp, ip_dscp, ipv4_src/dst, ipv6_src/dst, tcp/udp src/dst. 128-bit
     * values use {@code hi}; narrow ones only {@code value}.
     */
    record SetField(MatchField field, long hi, long value) implements Action {
        public SetField(MatchField field, long value) {
            this(field, 0, value);
        }
    }

    /** Push an 802.1Q (0x8100) or 802.1ad (0x88a8) tag; the new tag copies VID and PCP of an
     *  existing tag, else 0. */
    record PushVlan(int ethertype) implements Action {
    }

    /** Remove the outermost VLAN tag. */
    record PopVlan() implements Action {
    }

    /** Process the frame through a group. */
    record Group(int groupId) implements Action {
    }

    /** Decrement the IPv4 TTL or IPv6 hop limit; a frame whose TTL would reach 0 is dropped
     *  (and counted, as flow-switch sends no invalid-TTL packet-in). */
    record DecNwTtl() implements Action {
    }

    /** Accepted for compatibility and ignored: ports have one queue. */
    record SetQueue(int queueId) implements Action {
    }
}
