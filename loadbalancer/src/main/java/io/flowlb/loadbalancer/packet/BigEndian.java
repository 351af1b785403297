package io.flowlb.loadbalancer.packet;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Network-order (big-endian) reads and writes of header fields in a {@link MemorySegment}.
 *
 * <p>Design: every access goes through a {@code static final} {@link VarHandle} over an
 * unaligned big-endian value layout, which the JIT compiles to a single (byte-swapped) load or
 * store plus the segment's bounds check. Unsigned fields come back widened ({@code u16} as an
 * {@code int} in 0..65535, {@code u32} as a {@code long}); 32-bit addresses that are compared
 * rather than counted come back as a plain {@code int}. Offsets are absolute offsets into the
 * segment.
 *
 * <p>Thread safety: stateless; the caller owns the memory it touches.
 */
public final class BigEndian {
    private static final VarHandle U8 = ValueLayout.JAVA_BYTE.varHandle();
    private static final VarHandle U16 =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN).varHandle();
    private static final VarHandle U32 =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN).varHandle();
    private static final VarHandle U64 =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN).varHandle();

    private BigEndian() {
    }

    public static int u8(MemorySegment s, long offset) {
        return (byte) U8.get(s, offset) & 0xff;
    }

    public static int u16(MemorySegment s, long offset) {
        return (short) U16.get(s, offset) & 0xffff;
    }

    public static int i32(MemorySegment s, long offset) {
        return (int) U32.get(s, offset);
    }

    public static long u32(MemorySegment s, long offset) {
        return (int) U32.get(s, offset) & 0xffff_ffffL;
    }

    public static long i64(MemorySegment s, long offset) {
        return (long) U64.get(s, offset);
    }

    /** A 48-bit field (a MAC address) as the low 48 bits of a {@code long}. */
    public static long u48(MemorySegment s, long offset) {
        return ((long) u16(s, offset) << 32) | u32(s, offset + 2);
    }

    public static void putU8(MemorySegment s, long offset, int value) {
        U8.set(s, offset, (byte) value);
    }

    public static void putU16(MemorySegment s, long offset, int value) {
        U16.set(s, offset, (short) value);
    }

    public static void putI32(MemorySegment s, long offset, int value) {
        U32.set(s, offset, value);
    }

    public static void putI64(MemorySegment s, long offset, long value) {
        U64.set(s, offset, value);
    }

    /** Writes the low 48 bits of {@code value} (a MAC address). */
    public static void putU48(MemorySegment s, long offset, long value) {
        putU16(s, offset, (int) (value >>> 32));
        putI32(s, offset + 2, (int) value);
    }
}
