package io.flowlb.loadbalancer.table;

/**
 * The states of one connection-table entry and the TCP progression between them.
 *
 * <p>Design: the load balancer sees only what passes through it, often one direction only
 * (direct server return), so the state machine is deliberately coarse, like the "assured"
 * notion of conntrack rather than the full RFC 793 machine. Its only job is to choose the idle
 * timeout: a half-open entry (a possible SYN flood) expires quickly, an established one slowly,
 * a closing one quickly again. States are small ints so that they fit in one byte of a slot and
 * index the timeout array without a switch.
 *
 * <pre>
 *   (new, SYN)            -> SYN_SEEN
 *   (new, no SYN)         -> ESTABLISHED     a mid-connection packet adopted by the selector
 *   SYN_SEEN  + ACK       -> ESTABLISHED     the client's third handshake segment
 *   any TCP   + FIN|RST   -> CLOSING
 *   CLOSING   + SYN (no ACK) -> SYN_SEEN     the tuple is reused by a new connection
 *   ESTABLISHED + SYN (no ACK) -> SYN_SEEN   the same, when the close was not seen
 *   UDP, OTHER            -> unchanged
 * </pre>
 *
 * <p>Thread safety: stateless; all methods are pure functions.
 */
public final class ConnState {
    /** TCP handshake started (SYN seen), not yet acknowledged. Short timeout. */
    public static final int SYN_SEEN = 0;
    /** TCP connection past its handshake, or adopted mid-connection. Long timeout. */
    public static final int ESTABLISHED = 1;
    /** TCP FIN or RST seen from either side. Short timeout. */
    public static final int CLOSING = 2;
    /** A UDP flow (no state beyond being idle or not). */
    public static final int UDP = 3;
    /** Any other IP protocol (ICMP, ESP, GRE...). */
    public static final int OTHER = 4;
    /** Number of states: the length of a per-state array. */
    public static final int COUNT = 5;

    /** TCP header flag bits, as in byte 13 of the TCP header. */
    public static final int TCP_FIN = 0x01;
    public static final int TCP_SYN = 0x02;
    public static final int TCP_RST = 0x04;
    public static final int TCP_ACK = 0x10;

    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;

    private static final String[] NAMES = {"SYN_SEEN", "ESTABLISHED", "CLOSING", "UDP", "OTHER"};

    private ConnState() {
    }

    /** The state of a new entry created by a packet of {@code protocol} carrying {@code tcpFlags}. */
    public static int initial(int protocol, int tcpFlags) {
        if (protocol == PROTO_TCP) {
            return next(ESTABLISHED, tcpFlags);
        }
        return protocol == PROTO_UDP ? UDP : OTHER;
    }

    /** The state after a packet with {@code tcpFlags} is seen in {@code state}. */
    public static int next(int state, int tcpFlags) {
        if (state > CLOSING) {
            return state;
        }
        if ((tcpFlags & (TCP_FIN | TCP_RST)) != 0) {
            return CLOSING;
        }
        if ((tcpFlags & (TCP_SYN | TCP_ACK)) == TCP_SYN) {
            return SYN_SEEN;
        }
        if (state == SYN_SEEN && (tcpFlags & (TCP_SYN | TCP_ACK)) == TCP_ACK) {
            return ESTABLISHED;
        }
        return state;
    }

    /** True when a TCP packet with these flags cannot open a connection (no SYN): mid-connection. */
    public static boolean isMidConnection(int protocol, int tcpFlags) {
        return protocol == PROTO_TCP && (tcpFlags & TCP_SYN) == 0;
    }

    /** A TCP segment with SYN and without ACK: a client opening a connection (or retransmitting its opening). */
    public static boolean isPureSyn(int protocol, int tcpFlags) {
        return protocol == PROTO_TCP && (tcpFlags & (TCP_SYN | TCP_ACK)) == TCP_SYN;
    }

    public static String name(int state) {
        return state >= 0 && state < COUNT ? NAMES[state] : "UNKNOWN(" + state + ")";
    }
}
