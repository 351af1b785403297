package io.flowlb.openflow;

import com.google.common.hash.PrimitiveSink;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFBufferId;

/**
 * What the compact messages share: they stand for an OpenFlowJ message (built on first use by
 * {@link #full()}) and answer equality, hashing and text through it, so a compact message equals
 * the OpenFlowJ message with the same content (and another compact one standing for it).
 *
 * <p>Thread safety: subclasses are immutable; {@link #full()} may be built by racing threads,
 * each building an equal instance.
 *
 * @param <M> the OpenFlowJ type it stands for
 */
abstract class CompactMessage<M extends OFMessage> {
    final OFVersion version;
    final long xid;
    final int bufferId;
    private volatile M full;

    CompactMessage(OFVersion version, long xid, int bufferId) {
        if (!WireFormat.supports(version)) {
            throw new IllegalArgumentException("compact messages speak OpenFlow 1.0 and 1.3, not " + version);
        }
        this.version = version;
        this.xid = xid;
        this.bufferId = bufferId;
    }

    /** The OpenFlowJ message this one stands for (built on first use). */
    public final M full() {
        M f = full;
        if (f == null) {
            f = build();
            full = f;
        }
        return f;
    }

    /** Builds the OpenFlowJ message with the same content. */
    abstract M build();

    public OFVersion getVersion() {
        return version;
    }

    public long getXid() {
        return xid;
    }

    public OFBufferId getBufferId() {
        return OFBufferId.of(bufferId);
    }

    private static Object unwrap(Object o) {
        return o instanceof CompactMessage<?> c ? c.full() : o;
    }

    public boolean equalsIgnoreXid(Object o) {
        return full().equalsIgnoreXid(unwrap(o));
    }

    public int hashCodeIgnoreXid() {
        return full().hashCodeIgnoreXid();
    }

    public void putTo(PrimitiveSink sink) {
        full().putTo(sink);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || full().equals(unwrap(o));
    }

    @Override
    public int hashCode() {
        return full().hashCode();
    }

    @Override
    public String toString() {
        return full().toString();
    }
}
