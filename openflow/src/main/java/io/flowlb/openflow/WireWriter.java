package io.flowlb.openflow;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte array that OpenFlow messages are written into, big-endian, with a cursor; its
 * content then goes to a Netty buffer in one copy ({@link #drainTo}).
 *
 * <p>Design: writing a message field by field into a pooled Netty buffer pays Netty's bounds,
 * reference-count and wrapper checks on every field; writing into a plain array pays one array
 * bounds check per field, which the JIT mostly removes, and Netty's checks once per batch. One
 * writer is reused for every batch of a connection, so it allocates only when it grows.
 *
 * <p>Thread safety: not thread-safe; one owner (a connection's event loop).
 */
public final class WireWriter {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    private int pos;

    public WireWriter(int initialCapacity) {
        this.buf = new byte[Math.max(64, initialCapacity)];
    }

    /** Writes one message into a Netty buffer through a writer of its own (for the odd message). */
    public static void write(WireEncodable m, ByteBuf out) {
        WireWriter w = new WireWriter(m.wireLength());
        m.writeTo(w);
        w.drainTo(out);
    }

    /** Bytes written since the last drain. */
    public int position() {
        return pos;
    }

    /** Makes room for {@code n} more bytes. */
    public void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    public WireWriter u8(int v) {
        buf[pos++] = (byte) v;
        return this;
    }

    public WireWriter u16(int v) {
        SHORT.set(buf, pos, (short) v);
        pos += 2;
        return this;
    }

    public WireWriter u32(int v) {
        INT.set(buf, pos, v);
        pos += 4;
        return this;
    }

    public WireWriter u64(long v) {
        LONG.set(buf, pos, v);
        pos += 8;
        return this;
    }

    /** A 48-bit MAC held in the low bits of a long. */
    public WireWriter mac(long mac) {
        return u16((int) (mac >>> 32)).u32((int) mac);
    }

    public WireWriter zero(int n) {
        Arrays.fill(buf, pos, pos + n, (byte) 0);
        pos += n;
        return this;
    }

    public WireWriter bytes(byte[] b) {
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /** Overwrites 4 bytes already written, at {@code at} (an xid patched in after the fact). */
    public void setU32(int at, int v) {
        INT.set(buf, at, v);
    }

    /** Appends everything written to {@code out} and starts over. */
    public void drainTo(ByteBuf out) {
        out.writeBytes(buf, 0, pos);
        pos = 0;
    }

    /** Forgets what was written (after a failed message: back to {@code position}). */
    public void rewind(int position) {
        pos = position;
    }

    /** The capacity, to let a writer that grew for one huge batch go. */
    public int capacity() {
        return buf.length;
    }
}
