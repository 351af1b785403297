package io.flowlb.loadbalancer.model;

import io.flowlb.loadbalancer.packet.FlowKey;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address as two {@code long}s, in exactly the layout of
 * {@link FlowKey}: IPv6 addresses as their 128 bits, IPv4 addresses IPv4-mapped
 * ({@code ::ffff:a.b.c.d}, RFC 4291 section 2.5.5.2). The mapped form and the plain IPv4 form
 * are therefore the same address, and both print as {@code a.b.c.d}.
 *
 * <p>Parsing is done here, never by {@link java.net.InetAddress}, so that a typo can never turn
 * into a DNS lookup. IPv6 text follows RFC 4291 section 2.2 on input and RFC 5952 on output.
 *
 * <p>Thread safety: immutable.
 */
public record IpAddress(long hi, long lo) implements Comparable<IpAddress> {

    public static IpAddress ofV4(int address) {
        return new IpAddress(FlowKey.V4_MAPPED_HI, FlowKey.V4_MAPPED_LO_PREFIX | (address & 0xffff_ffffL));
    }

    public static IpAddress ofV6(long hi, long lo) {
        return new IpAddress(hi, lo);
    }

    /** An address of 4 (IPv4) or 16 (IPv6) bytes in network order. */
    public static IpAddress ofBytes(byte[] b) {
        if (b.length == 4) {
            return ofV4(((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff));
        }
        if (b.length != 16) {
            throw new ValidationException("address", "must have 4 or 16 bytes, got " + b.length);
        }
        long h = 0;
        long l = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (b[i] & 0xff);
            l = (l << 8) | (b[i + 8] & 0xff);
        }
        return new IpAddress(h, l);
    }

    public static IpAddress parse(String text) {
        return parse("address", text);
    }

    /** Parses dotted-quad IPv4 or textual IPv6, naming {@code field} in the error. */
    public static IpAddress parse(String field, String text) {
        Fields.required(field, text);
        if (text.indexOf(':') < 0) {
            long v4 = parseV4(text);
            if (v4 < 0) {
                throw new ValidationException(field, "is not an IPv4 or IPv6 address: \"" + Fields.printable(text) + "\"");
            }
            return ofV4((int) v4);
        }
        if (text.indexOf('%') >= 0) {
            throw new ValidationException(field, "must not carry a zone index (%...): \"" + Fields.printable(text) + "\"");
        }
        int[] groups = parseV6(text);
        if (groups == null) {
            throw new ValidationException(field, "is not an IPv4 or IPv6 address: \"" + Fields.printable(text) + "\"");
        }
        long h = 0;
        long l = 0;
        for (int i = 0; i < 4; i++) {
            h = (h << 16) | groups[i];
            l = (l << 16) | groups[i + 4];
        }
        return new IpAddress(h, l);
    }

    public boolean isV4() {
        return hi == 0 && (lo >>> 32) == 0xffffL;
    }

    /** The IPv4 address as an int; only for {@link #isV4()} addresses. */
    public int v4() {
        if (!isV4()) {
            throw new IllegalStateException(this + " is not an IPv4 address");
        }
        return (int) lo;
    }

    /** The high 64 bits as {@link FlowKey#srcHi}/{@link FlowKey#dstHi} hold them. */
    public long toFlowKeyHi() {
        return hi;
    }

    /** The low 64 bits as {@link FlowKey#srcLo}/{@link FlowKey#dstLo} hold them. */
    public long toFlowKeyLo() {
        return lo;
    }

    /** 4 bytes for IPv4, 16 for IPv6, network order. */
    public byte[] toBytes() {
        if (isV4()) {
            int a = v4();
            return new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[i + 8] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }

    /** {@code 0.0.0.0} or {@code ::}. */
    public boolean isUnspecified() {
        return isV4() ? v4() == 0 : (hi | lo) == 0;
    }

    /** {@code 224.0.0.0/4} or {@code ff00::/8}. */
    public boolean isMulticast() {
        return isV4() ? (v4() >>> 28) == 0xe : (hi >>> 56) == 0xff;
    }

    /** {@code 127.0.0.0/8} or {@code ::1}. */
    public boolean isLoopback() {
        return isV4() ? (v4() >>> 24) == 127 : hi == 0 && lo == 1;
    }

    /** The IPv4 limited broadcast {@code 255.255.255.255}. */
    public boolean isBroadcast() {
        return isV4() && v4() == -1;
    }

    /** Usable as the address of a service or a host reached through the switch. */
    public boolean isUnicastHost() {
        return !isUnspecified() && !isMulticast() && !isLoopback() && !isBroadcast();
    }

    /** True when both are IPv4 or both are IPv6. */
    public boolean sameFamily(IpAddress o) {
        return isV4() == o.isV4();
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    @Override
    public String toString() {
        if (isV4()) {
            int a = v4();
            return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        return formatV6(g);
    }

    /** Checks that a configured address can name a service or host, naming {@code field} otherwise. */
    static IpAddress requireHost(String field, IpAddress address) {
        Fields.required(field, address);
        if (!address.isUnicastHost()) {
            throw new ValidationException(field, "must be a unicast host address (not unspecified, multicast,"
                    + " loopback or broadcast), got " + address);
        }
        return address;
    }

    /** Strict dotted quad: four decimal octets, no leading zeros. Returns the 32 bits, or -1 on error. */
    private static long parseV4(String s) {
        long value = 0;
        int octets = 0;
        int i = 0;
        int n = s.length();
        while (octets < 4) {
            int start = i;
            int octet = 0;
            while (i < n && i - start < 4 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                octet = octet * 10 + (s.charAt(i++) - '0');
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || octet > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            value = (value << 8) | octet;
            octets++;
            if (octets < 4) {
                if (i >= n || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == n ? value : -1;
    }

    /** Eight 16-bit groups, or null when the text is not an IPv6 address. */
    private static int[] parseV6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = gap < 0 ? groups(s, true) : gap == 0 ? new int[0] : groups(s.substring(0, gap), false);
        int[] tail = gap < 0 ? new int[0] : gap + 2 == s.length() ? new int[0] : groups(s.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int count = head.length + tail.length;
        if ((gap < 0 && count != 8) || (gap >= 0 && count > 7)) {
            return null;
        }
        int[] g = new int[8];
        System.arraycopy(head, 0, g, 0, head.length);
        System.arraycopy(tail, 0, g, 8 - tail.length, tail.length);
        return g;
    }

    /** Colon-separated hex groups; the last may be a dotted quad when {@code last} (two groups). */
    private static int[] groups(String s, boolean last) {
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length + 1];
        int k = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (last && i == parts.length - 1 && p.indexOf('.') >= 0) {
                long v4 = parseV4(p);
                if (v4 < 0) {
                    return null;
                }
                out[k++] = (int) (v4 >>> 16);
                out[k++] = (int) (v4 & 0xffff);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                int d = Character.digit(p.charAt(j), 16);
                if (d < 0) {
                    return null;
                }
                v = (v << 4) | d;
            }
            out[k++] = v;
        }
        return Arrays.copyOf(out, k);
    }

    /** RFC 5952: lower case, no leading zeros, the first longest run of two or more zero groups as {@code ::}. */
    private static String formatV6(int[] g) {
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!b.isEmpty() && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }
}
