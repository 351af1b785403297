package io.flowlb.loadbalancer.model;

import io.flowlb.loadbalancer.packet.FlowKey;

/**
 * A 48-bit Ethernet address held in the low bits of a {@code long}, the form the packet views
 * read and write, formatted as {@code aa:bb:cc:dd:ee:ff}.
 *
 * <p>Thread safety: immutable.
 */
public record MacAddress(long value) implements Comparable<MacAddress> {
    private static final long MASK = 0xffff_ffff_ffffL;
    /** First octet {@code 02}: locally administered, unicast (IEEE 802 U/L and I/G bits). */
    private static final long LOCAL_UNICAST_PREFIX = 0x02_00_0000_0000L;

    public static final MacAddress BROADCAST = new MacAddress(MASK);

    public MacAddress {
        if (value < 0 || value > MASK) {
            throw new ValidationException("mac", "must fit in 48 bits, got 0x" + Long.toHexString(value));
        }
    }

    public static MacAddress parse(String text) {
        return parse("mac", text);
    }

    /**
     * Parses six two-digit hexadecimal octets separated by {@code :} or {@code -}
     * ({@code 00:1b:21:3a:4f:5c}, {@code 00-1B-21-3A-4F-5C}).
     */
    public static MacAddress parse(String field, String text) {
        Fields.required(field, text);
        if (text.length() != 17) {
            throw malformed(field, text);
        }
        char sep = text.charAt(2);
        if (sep != ':' && sep != '-') {
            throw malformed(field, text);
        }
        long v = 0;
        for (int octet = 0; octet < 6; octet++) {
            int at = octet * 3;
            int hi = Character.digit(text.charAt(at), 16);
            int lo = Character.digit(text.charAt(at + 1), 16);
            if (hi < 0 || lo < 0 || (octet < 5 && text.charAt(at + 2) != sep)) {
                throw malformed(field, text);
            }
            v = (v << 8) | (hi << 4) | lo;
        }
        return new MacAddress(v);
    }

    public static MacAddress ofBytes(byte[] b) {
        if (b.length != 6) {
            throw new ValidationException("mac", "must have 6 bytes, got " + b.length);
        }
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xff);
        }
        return new MacAddress(v);
    }

    /**
     * A locally administered unicast address derived from {@code seed} by a fixed hash: the same
     * seed gives the same address on every run and every host, so ARP caches stay valid across a
     * controller restart.
     */
    public static MacAddress derivedFrom(long seed) {
        return new MacAddress(LOCAL_UNICAST_PREFIX | (FlowKey.mix(seed) & 0xff_ffff_ffffL));
    }

    public byte[] toBytes() {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (value >>> (40 - 8 * i));
        }
        return b;
    }

    /** Group bit set: multicast or broadcast, never a valid source or a host's address. */
    public boolean isMulticast() {
        return (value & 0x01_00_0000_0000L) != 0;
    }

    public boolean isBroadcast() {
        return value == MASK;
    }

    public boolean isZero() {
        return value == 0;
    }

    /** Usable as the address of one host: unicast and not all zeros. */
    public boolean isUnicastHost() {
        return !isMulticast() && !isZero();
    }

    @Override
    public int compareTo(MacAddress o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            int octet = (int) (value >>> (40 - 8 * i)) & 0xff;
            if (i > 0) {
                b.append(':');
            }
            b.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
        }
        return b.toString();
    }

    /** Checks that a configured MAC can name one host, naming {@code field} otherwise. */
    static MacAddress requireHost(String field, MacAddress mac) {
        if (mac != null && !mac.isUnicastHost()) {
            throw new ValidationException(field, "must be a unicast, non-zero address, got " + mac);
        }
        return mac;
    }

    private static ValidationException malformed(String field, String text) {
        return new ValidationException(field, "must be six hexadecimal octets like aa:bb:cc:dd:ee:ff, got \""
                + Fields.printable(text) + "\"");
    }
}
