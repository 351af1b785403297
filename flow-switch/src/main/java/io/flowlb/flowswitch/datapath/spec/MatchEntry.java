package io.flowlb.flowswitch.datapath.spec;

/**
 * One field of a {@link Match}: a value and a mask (1 bits are compared). Fields of up to 64
 * bits use {@code lo}/{@code maskLo} only; IPv6 addresses use both words, {@code hi} holding
 * the first 8 bytes in network order.
 *
 * <p>Thread safety: immutable.
 */
public record MatchEntry(MatchField field, long hi, long lo, long maskHi, long maskLo) {

    /** An exact match on a field of up to 64 bits. */
    public static MatchEntry exact(MatchField field, long value) {
        return new MatchEntry(field, 0, value, field.fullMaskHi(), field.fullMaskLo());
    }

    /** A masked match on a field of up to 64 bits. */
    public static MatchEntry masked(MatchField field, long value, long mask) {
        return new MatchEntry(field, 0, value, 0, mask);
    }

    /** An exact match on a 128-bit field. */
    public static MatchEntry exact128(MatchField field, long hi, long lo) {
        return new MatchEntry(field, hi, lo, -1L, -1L);
    }

    /** A masked match on a 128-bit field. */
    public static MatchEntry masked128(MatchField field, long hi, long lo, long maskHi, long maskLo) {
        return new MatchEntry(field, hi, lo, maskHi, maskLo);
    }

    /** True when every bit of the field is compared. */
    public boolean isExact() {
        return maskLo == field.fullMaskLo() && maskHi == field.fullMaskHi();
    }

    /** True when no bit is compared (the entry says nothing). */
    public boolean isWildcard() {
        return maskLo == 0 && maskHi == 0;
    }

    /** True when the value or the mask has bits beyond the field's width. */
    public boolean exceedsWidth() {
        long hiBits = field.fullMaskHi();
        long loBits = field.fullMaskLo();
        return ((hi | maskHi) & ~hiBits) != 0 || ((lo | maskLo) & ~loBits) != 0;
    }

    /** The same entry with the value cut to its mask, so equal matches compare equal. */
    public MatchEntry normalized() {
        return new MatchEntry(field, hi & maskHi, lo & maskLo, maskHi, maskLo);
    }

    /** True when this entry accepts the value {@code (vHi, vLo)}. */
    public boolean accepts(long vHi, long vLo) {
        return ((vHi ^ hi) & maskHi) == 0 && ((vLo ^ lo) & maskLo) == 0;
    }

    @Override
    public String toString() {
        String v = field.wide() ? Long.toHexString(hi) + ":" + Long.toHexString(lo) : "0x" + Long.toHexString(lo);
        return field.name().toLowerCase() + "=" + v + (isExact() ? "" : "/0x"
                + (field.wide() ? Long.toHexString(maskHi) + ":" : "") + Long.toHexString(maskLo));
    }
}
