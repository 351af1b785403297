package io.flowlb.openflow;

/**
 * A message that writes its own wire form into a {@link WireWriter}, without a Netty buffer: the
 * compact messages of the flow-setup path, which a connection encodes back to back into one
 * array per batch.
 *
 * <p>Thread safety: implementations are immutable; the writer is the caller's.
 */
public interface WireEncodable {

    /** The bytes {@link #writeTo(WireWriter)} writes. */
    int wireLength();

    /** Appends the message (its xid as it is: patch it with {@link WireWriter#setU32} if needed). */
    void writeTo(WireWriter w);
}
