package io.flowlb.controller.openflow;

import java.util.Arrays;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * The asynchronous messages (PACKET_IN, FLOW_REMOVED, PORT_STATUS, ...) one switch sent in one
 * read burst, in arrival order, handed to the event thread as one task.
 *
 * <p>Design: one task per burst instead of one per message, so the hand-off from a Netty event
 * loop to the event thread (a queue insertion and possibly a thread wake-up) is paid once for
 * the up to hundreds of messages one read brings, and the answers to all of them leave with one
 * flush per switch (see {@link SessionInbox}).
 *
 * <p>Thread safety: filled by the session's event loop, then handed over once (the queue of the
 * event scheduler publishes it) and read only by the event thread; never touched again by the
 * loop after the hand-off.
 */
final class AsyncBatch implements Runnable {
    private static final int INITIAL_CAPACITY = 16;

    private final SwitchManager manager;
    private final OfSwitchSession session;
    private OFMessage[] messages = new OFMessage[INITIAL_CAPACITY];
    private int size;
    private int packetIns;

    AsyncBatch(SwitchManager manager, OfSwitchSession session) {
        this.manager = manager;
        this.session = session;
    }

    /** Appends a message; {@code packetIn} says whether it counts against the PACKET_IN queue limit. */
    void add(OFMessage m, boolean packetIn) {
        if (size == messages.length) {
            messages = Arrays.copyOf(messages, size * 2);
        }
        messages[size++] = m;
        if (packetIn) {
            packetIns++;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    OFMessage get(int i) {
        return messages[i];
    }

    /** PACKET_INs in this batch (they hold places in the bounded PACKET_IN queue until dispatched). */
    int packetIns() {
        return packetIns;
    }

    OfSwitchSession session() {
        return session;
    }

    @Override
    public void run() {
        manager.runBatch(this);
    }
}
