package io.flowlb.controller.openflow;

import java.util.Locale;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * An OpenFlow datapath id: the 64-bit identity a switch reports in FEATURES_REPLY.
 *
 * <p>Printed and parsed as eight colon-separated hex bytes ({@code 00:00:00:00:00:00:00:01}), the
 * form Open vSwitch, ONOS and Floodlight show; {@link #parse} also takes plain hex
 * ({@code 0000000000000001}, {@code 0x1}) as {@code ovs-vsctl} sets it.
 *
 * <p>Thread safety: immutable.
 */
public record Dpid(long value) implements Comparable<Dpid> {

    public static Dpid of(long value) {
        return new Dpid(value);
    }

    public static Dpid of(DatapathId id) {
        return new Dpid(id.getLong());
    }

    /** Parses {@code 00:00:00:00:00:00:00:01}, {@code 0000000000000001} or {@code 0x1}. */
    public static Dpid parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("0x")) {
            s = s.substring(2);
        }
        s = s.replace(":", "");
        if (s.isEmpty() || s.length() > 16) {
            throw new IllegalArgumentException("not a datapath id: '" + text + "'");
        }
        try {
            return new Dpid(Long.parseUnsignedLong(s, 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a datapath id: '" + text + "'", e);
        }
    }

    public DatapathId toDatapathId() {
        return DatapathId.of(value);
    }

    @Override
    public int compareTo(Dpid o) {
        return Long.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(23);
        for (int shift = 56; shift >= 0; shift -= 8) {
            int octet = (int) (value >>> shift) & 0xff;
            b.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
            if (shift > 0) {
                b.append(':');
            }
        }
        return b.toString();
    }
}
