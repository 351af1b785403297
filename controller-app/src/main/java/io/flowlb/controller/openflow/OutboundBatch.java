package io.flowlb.controller.openflow;

import java.util.Arrays;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * Messages for one switch that leave together: encoded back to back into one buffer on the
 * switch's event loop and written with one flush (one system call for the lot).
 *
 * <p>Design: the event thread collects the answers of a whole batch of PACKET_INs per switch and
 * hands each switch's batch to its event loop as one task (see {@link SessionInbox});
 * other threads send single messages or lists the same way, one task each. Encoding in the
 * loop, rather than in the sender, keeps the event thread's work to deciding.
 *
 * <p>Thread safety: filled by one thread (the sender), then handed over once through the event
 * loop's task queue and read only by that loop.
 */
final class OutboundBatch implements Runnable {
    private final SessionOutbox outbox;
    private OFMessage[] messages;
    private int size;

    OutboundBatch(SessionOutbox outbox, int capacity) {
        this.outbox = outbox;
        this.messages = new OFMessage[Math.max(1, capacity)];
    }

    void add(OFMessage m) {
        if (size == messages.length) {
            messages = Arrays.copyOf(messages, size * 2);
        }
        messages[size++] = m;
    }

    int size() {
        return size;
    }

    OFMessage get(int i) {
        return messages[i];
    }

    @Override
    public void run() {
        outbox.writeBatch(this);
    }
}
