package io.flowlb.controller.resource;

/**
 * ICMP and ICMPv6 echo messages as a health probe sends and reads them: pure byte work, no I/O.
 *
 * <p>Requests are 8 header bytes (type, code, checksum, identifier, sequence) and a fixed
 * {@value #PAYLOAD_LENGTH}-byte payload. The ICMPv4 checksum is computed here (a raw socket sends
 * what it is given; a ping socket recomputes it anyway); the ICMPv6 checksum covers a
 * pseudo-header only the kernel knows and is always filled in by it.
 *
 * <p>Replies are read as a socket returns them: a raw IPv4 socket includes the IP header, the
 * others start at the ICMP header. Besides echo replies, a destination-unreachable error that
 * quotes one of our requests is recognised, so a probe of a host the network reports unreachable
 * fails at once instead of waiting for its timeout.
 *
 * <p>Thread safety: stateless.
 */
final class IcmpEcho {
    static final int ECHO_REQUEST_V4 = 8;
    static final int ECHO_REPLY_V4 = 0;
    static final int UNREACHABLE_V4 = 3;
    static final int ECHO_REQUEST_V6 = 128;
    static final int ECHO_REPLY_V6 = 129;
    static final int UNREACHABLE_V6 = 1;
    static final int HEADER_LENGTH = 8;
    static final int PAYLOAD_LENGTH = 16;
    private static final byte[] PAYLOAD = "flowlb-health-ck".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int IPV6_HEADER_LENGTH = 40;

    /** What a received message says about one of our requests. */
    enum Kind {
        REPLY,
        UNREACHABLE
    }

    /** A received message that concerns an echo request with this identifier and sequence. */
    record Answer(Kind kind, int identifier, int sequence, int code) {
    }

    private IcmpEcho() {
    }

    /** An echo request with the given identifier and sequence number (both 16 bits). */
    static byte[] request(boolean v6, int identifier, int sequence) {
        byte[] p = new byte[HEADER_LENGTH + PAYLOAD_LENGTH];
        p[0] = (byte) (v6 ? ECHO_REQUEST_V6 : ECHO_REQUEST_V4);
        putShort(p, 4, identifier);
        putShort(p, 6, sequence);
        System.arraycopy(PAYLOAD, 0, p, HEADER_LENGTH, PAYLOAD_LENGTH);
        if (!v6) {
            putShort(p, 2, checksum(p, 0, p.length));
        }
        return p;
    }

    /**
     * Reads one received message, or returns null when it is not an echo reply nor an error
     * about an echo request (someone else's traffic, a request to us, a truncated packet).
     *
     * @param withIpHeader true for a raw IPv4 socket, which returns the IP header first
     */
    static Answer parse(boolean v6, boolean withIpHeader, byte[] b, int len) {
        int at = 0;
        if (withIpHeader) {
            if (len < 20 || (b[0] & 0xf0) != 0x40) {
                return null;
            }
            at = (b[0] & 0x0f) * 4;
        }
        if (len - at < HEADER_LENGTH) {
            return null;
        }
        int type = b[at] & 0xff;
        int code = b[at + 1] & 0xff;
        if (type == (v6 ? ECHO_REPLY_V6 : ECHO_REPLY_V4)) {
            return new Answer(Kind.REPLY, getShort(b, at + 4), getShort(b, at + 6), code);
        }
        if (type != (v6 ? UNREACHABLE_V6 : UNREACHABLE_V4)) {
            return null;
        }
        int quoted = at + HEADER_LENGTH;
        if (v6) {
            quoted += IPV6_HEADER_LENGTH;
        } else {
            if (len - quoted < 20 || (b[quoted] & 0xf0) != 0x40) {
                return null;
            }
            quoted += (b[quoted] & 0x0f) * 4;
        }
        if (len - quoted < HEADER_LENGTH || (b[quoted] & 0xff) != (v6 ? ECHO_REQUEST_V6 : ECHO_REQUEST_V4)) {
            return null;
        }
        return new Answer(Kind.UNREACHABLE, getShort(b, quoted + 4), getShort(b, quoted + 6), code);
    }

    /** The Internet checksum (RFC 1071) of {@code b[from..from+len)}. */
    static int checksum(byte[] b, int from, int len) {
        long sum = 0;
        int i = from;
        for (; i + 1 < from + len; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < from + len) {
            sum += (b[i] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static int getShort(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
