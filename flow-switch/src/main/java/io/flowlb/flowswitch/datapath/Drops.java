package io.flowlb.flowswitch.datapath;

import io.flowlb.loadbalancer.packet.ParseResult;

/**
 * Indexes of the per-thread datapath counters ({@link ThreadCounters#drops}): malformed frames
 * by parse reason first, then the other reasons a frame is dropped or degraded. Drops are
 * counted, never logged per packet.
 *
 * <p>Thread safety: constants only.
 */
final class Drops {
    /** {@code MALFORMED + ParseResult code}: frames the parser rejected, by reason. */
    static final int MALFORMED = 0;
    static final int NO_MATCH = ParseResult.COUNT;
    static final int TX_TOO_BIG = NO_MATCH + 1;
    static final int TX_RING_FULL = NO_MATCH + 2;
    static final int PACKET_IN_RING_FULL = NO_MATCH + 3;
    static final int PACKET_IN_RATE_LIMITED = NO_MATCH + 4;
    static final int PACKET_IN_TRUNCATED = NO_MATCH + 5;
    static final int TTL_EXPIRED = NO_MATCH + 6;
    static final int PORT_NO_RECV = NO_MATCH + 7;
    static final int PORT_NO_FWD = NO_MATCH + 8;
    static final int UNKNOWN_PORT = NO_MATCH + 9;
    static final int LOCAL_PORT = NO_MATCH + 10;
    static final int GROUP_NO_BUCKET = NO_MATCH + 11;
    static final int GROUP_TOO_DEEP = NO_MATCH + 12;
    static final int SELECT_REJECTED = NO_MATCH + 13;
    static final int VLAN_NO_ROOM = NO_MATCH + 14;
    static final int SEGMENTED_FRAMES = NO_MATCH + 15;
    static final int CHECKSUM_COMPLETED = NO_MATCH + 16;
    static final int CACHE_HITS = NO_MATCH + 17;
    static final int CACHE_MISSES = NO_MATCH + 18;
    static final int APP_NO_BUFFER = NO_MATCH + 19;
    static final int APP_ERRORS = NO_MATCH + 20;
    static final int RX_TRUNCATED = NO_MATCH + 21;
    static final int COUNT = NO_MATCH + 22;

    private static final String[] NAMES = {
        "no_match", "tx_too_big", "tx_ring_full", "packet_in_ring_full", "packet_in_rate_limited",
        "packet_in_truncated", "ttl_expired", "port_no_recv", "port_no_fwd", "unknown_port", "local_port",
        "group_no_live_bucket", "group_too_deep", "select_rejected", "vlan_no_headroom", "tx_segmented",
        "checksum_completed", "microflow_hits", "microflow_misses", "app_no_buffer", "app_errors",
        "rx_truncated"
    };

    private Drops() {
    }

    /** The counter's metric name (control side only). */
    static String name(int index) {
        return index < NO_MATCH ? "malformed_" + ParseResult.name(index) : NAMES[index - NO_MATCH];
    }
}
