package io.flowlb.controller.openflow;

import io.flowlb.openflow.WireEncodable;
import io.flowlb.openflow.WireWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * The way out of one switch session: batches of messages handed to the session's event loop,
 * encoded there back to back into one buffer and written with one flush.
 *
 * <p>Design: on the event thread while it dispatches what the switches sent
 * ({@link SwitchManager#defersSends()}), messages wait in one deferred {@link OutboundBatch}
 * until the dispatch ends; every other send leaves at once as a batch of its own (one task on
 * the event loop, as a Netty write would be). When the session lives on the event thread's own
 * loop the batch is written at once, without a task. Compact messages ({@link WireEncodable}) are
 * written into a byte array reused for every batch and reach the Netty buffer in one copy;
 * others are written by OpenFlowJ. A message without an xid gets a fresh one, patched into its
 * encoded header rather than rebuilding the message.
 *
 * <p>Thread safety: {@link #send} may be called from any thread; the deferred batch belongs to
 * the event thread (which alone fills and flushes it); the writer belongs to the event loop.
 */
final class SessionOutbox {
    /** Where the xid sits in the OpenFlow header. */
    private static final int XID_OFFSET = 4;
    /** Bytes reserved per message of a batch (a FLOW_MOD or a PACKET_OUT of a small frame). */
    private static final int ENCODED_SIZE_GUESS = 128;
    /** A writer that grew beyond this for one huge batch is replaced afterwards. */
    private static final int MAX_RETAINED_WRITER = 1 << 20;

    private final OfSwitchSession session;
    private final SwitchManager manager;
    /** Messages the event thread sent during its current dispatch (event thread only). */
    private OutboundBatch deferred;
    /** Where compact messages are encoded, one batch at a time (event loop only). */
    private WireWriter writer = new WireWriter(ENCODED_SIZE_GUESS * 64);

    SessionOutbox(OfSwitchSession session, SwitchManager manager) {
        this.session = session;
        this.manager = manager;
    }

    void send(OFMessage m) {
        if (manager.defersSends()) {
            deferred().add(m);
            return;
        }
        OutboundBatch b = new OutboundBatch(this, 1);
        b.add(m);
        writeOnLoop(b);
    }

    void send(List<? extends OFMessage> msgs) {
        boolean defer = manager.defersSends();
        OutboundBatch b = defer ? deferred() : new OutboundBatch(this, msgs.size());
        for (int i = 0; i < msgs.size(); i++) {
            b.add(msgs.get(i));
        }
        if (!defer) {
            writeOnLoop(b);
        }
    }

    /** The deferred batch (event thread, during a dispatch); registers the session for the flush. */
    private OutboundBatch deferred() {
        OutboundBatch b = deferred;
        if (b == null) {
            b = new OutboundBatch(this, 16);
            deferred = b;
            manager.deferredFor(session);
        }
        return b;
    }

    /** Hands the deferred batch to the event loop (event thread, at the end of a dispatch). */
    void flushDeferred() {
        OutboundBatch b = deferred;
        if (b != null) {
            deferred = null;
            writeOnLoop(b);
        }
    }

    private void writeOnLoop(OutboundBatch b) {
        Channel ch = session.channel();
        if (ch == null) {
            return;
        }
        if (ch.eventLoop().inEventLoop()) {
            b.run();
        } else {
            ch.eventLoop().execute(b);
        }
    }

    /**
     * Encodes a batch back to back into one buffer and writes it with one flush (on the event
     * loop). A message without an xid gets a fresh one, patched into the encoded header. A
     * message that cannot be encoded is left out and counted; the others still go.
     */
    void writeBatch(OutboundBatch b) {
        Channel ch = session.channel();
        if (ch == null || !ch.isActive()) {
            return;
        }
        WireWriter w = writer;
        ByteBuf buf = ch.alloc().ioBuffer(b.size() * ENCODED_SIZE_GUESS);
        for (int i = 0; i < b.size(); i++) {
            OFMessage m = b.get(i);
            boolean encoded;
            if (m instanceof WireEncodable e) {
                encoded = encode(w, m, e);
            } else {
                w.drainTo(buf);
                encoded = encode(buf, m);
            }
            MessageCounter counter = session.counter();
            if (encoded && counter != null) {
                counter.sentEncoded(m.getType());
            }
        }
        w.drainTo(buf);
        if (w.capacity() > MAX_RETAINED_WRITER) {
            writer = new WireWriter(ENCODED_SIZE_GUESS * 64);
        }
        if (buf.isReadable()) {
            ch.writeAndFlush(buf);
        } else {
            buf.release();
        }
    }

    /** A compact message: written into the connection's array, its xid patched in if it has none. */
    private boolean encode(WireWriter w, OFMessage m, WireEncodable e) {
        int start = w.position();
        try {
            e.writeTo(w);
        } catch (RuntimeException ex) {
            w.rewind(start);
            manager.unencodable(m, ex);
            return false;
        }
        if (m.getXid() == 0) {
            w.setU32(start + XID_OFFSET, (int) session.nextXid());
        }
        return true;
    }

    /** Any other message: written by OpenFlowJ into the buffer, its xid patched in if it has none. */
    private boolean encode(ByteBuf buf, OFMessage m) {
        int start = buf.writerIndex();
        try {
            m.writeTo(buf);
        } catch (RuntimeException e) {
            buf.writerIndex(start);
            manager.unencodable(m, e);
            return false;
        }
        if (m.getXid() == 0) {
            buf.setInt(start + XID_OFFSET, (int) session.nextXid());
        }
        return true;
    }
}
