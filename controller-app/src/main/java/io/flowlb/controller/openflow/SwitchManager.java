package io.flowlb.controller.openflow;

import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.core.FaultLog;
import io.flowlb.controller.core.Listeners;
import io.flowlb.openflow.OfChannels;
import io.flowlb.openflow.OfKeepaliveHandler;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SwitchService}: the registry of connected switches by DPID, and the bridge from
 * the sessions' Netty event loops to the controller's event thread.
 *
 * <p>Design: sessions report handshake completion, disconnection, port changes and asynchronous
 * messages here; the manager updates the registry at once and queues the listener calls on the
 * {@link EventScheduler}, so every listener runs on the event thread, in order, and never on an
 * event loop. PACKET_IN messages waiting for the event thread are bounded by
 * {@code packetInQueueLimit}: beyond it they are dropped and counted, so a flood from one switch
 * never blocks an event loop or exhausts memory. PACKET_INs of a switch that does not read the
 * controller's messages (its channel stays above the write-buffer high-water mark) are dropped
 * and counted too, so a slow switch can neither stall the event thread nor fill the heap with
 * answers it would not take.
 *
 * <p>Batching: each session hands the asynchronous messages of one read burst over as one
 * {@link AsyncBatch}, through the {@link SessionInbox} that also carries its connect, disconnect
 * and port events in order; while the event thread drains the inbox, the listeners' sends are
 * deferred per switch and leave with one flush per switch when the drain is done (sends from
 * any other thread, or outside a drain, leave at once).
 *
 * <p>A switch that reconnects with the same DPID replaces its old session: the old connection is
 * closed and listeners see {@code switchDisconnected} (old) then {@code switchConnected} (new).
 *
 * <p>Thread safety: the registry is a concurrent map written by the event loops; listener lists
 * are copy-on-write; every public method may be called from any thread.
 */
public final class SwitchManager implements SwitchService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchManager.class);

    private final SessionConfig config;
    private final int packetInQueueLimit;
    private final OpenFlowStats stats = new OpenFlowStats();
    private final ConcurrentHashMap<Dpid, OfSwitchSession> sessions = new ConcurrentHashMap<>();
    private final Listeners<SwitchListener> listeners = new Listeners<>(LOG, "switch listener");
    private final Listeners<OfMessageListener> messageListeners = new Listeners<>(LOG, "message listener");
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicInteger queuedPacketIns = new AtomicInteger();
    private final SessionInbox inbox;
    private final FaultLog encodeFaults = new FaultLog(LOG, "unencodable message");

    public SwitchManager(EventScheduler events, SessionConfig config, int packetInQueueLimit) {
        this.config = config;
        this.packetInQueueLimit = packetInQueueLimit;
        this.inbox = new SessionInbox(events);
    }

    /** Installs the OpenFlow handlers and a new session on a freshly accepted channel. */
    public void initChannel(Channel ch) {
        OfKeepaliveHandler keepalive = OfChannels.install(ch.pipeline(), config.echoIntervalMillis(),
                config.echoMaxMissed());
        MessageCounter counter = new MessageCounter(stats);
        ch.pipeline().addBefore(OfChannels.KEEPALIVE, MessageCounter.NAME, counter);
        ch.pipeline().addLast("of-session", new OfSwitchSession(this, config, keepalive, counter,
                sessionIds.incrementAndGet()));
    }

    public OpenFlowStats stats() {
        return stats;
    }

    public SessionConfig config() {
        return config;
    }

    /** What this switch's current connection has sent: PACKET_INs and ERRORs; null when not connected. */
    public SwitchCounters counters(Dpid dpid) {
        OfSwitchSession s = sessions.get(dpid);
        return s == null ? null : new SwitchCounters(s.counter().packetIns(), s.counter().errors());
    }

    /** Counts of one switch connection (they restart at 0 when the switch reconnects). */
    public record SwitchCounters(long packetIns, long errors) {
    }

    // ---------------------------------------------------------------- SwitchService

    @Override
    public Collection<OfSwitch> switches() {
        List<OfSwitch> out = new ArrayList<>(sessions.size());
        for (OfSwitchSession s : sessions.values()) {
            out.add(s.snapshot());
        }
        return out;
    }

    @Override
    public OfSwitch getSwitch(Dpid dpid) {
        OfSwitchSession s = sessions.get(dpid);
        return s == null ? null : s.snapshot();
    }

    @Override
    public boolean send(Dpid dpid, OFMessage msg) {
        OfSwitchSession s = sessions.get(dpid);
        return s != null && s.send(msg);
    }

    @Override
    public boolean send(Dpid dpid, List<? extends OFMessage> msgs) {
        OfSwitchSession s = sessions.get(dpid);
        return s != null && s.send(msgs);
    }

    @Override
    public <R extends OFMessage> CompletableFuture<R> request(Dpid dpid, OFRequest<R> request) {
        OfSwitchSession s = sessions.get(dpid);
        return s == null ? notConnected(dpid) : s.request(request);
    }

    @Override
    public <R extends OFStatsReply> CompletableFuture<List<R>> requestMultipart(Dpid dpid, OFStatsRequest<R> request) {
        OfSwitchSession s = sessions.get(dpid);
        return s == null ? notConnected(dpid) : s.requestMultipart(request);
    }

    @Override
    public CompletableFuture<Void> barrier(Dpid dpid) {
        return sendConfirmed(dpid, List.of());
    }

    @Override
    public CompletableFuture<Void> sendConfirmed(Dpid dpid, List<? extends OFMessage> msgs) {
        OfSwitchSession s = sessions.get(dpid);
        return s == null ? notConnected(dpid) : s.sendConfirmed(msgs);
    }

    @Override
    public void addListener(SwitchListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(SwitchListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void addMessageListener(OfMessageListener listener) {
        messageListeners.add(listener);
    }

    @Override
    public void removeMessageListener(OfMessageListener listener) {
        messageListeners.remove(listener);
    }

    private static <T> CompletableFuture<T> notConnected(Dpid dpid) {
        return CompletableFuture.failedFuture(new SwitchNotConnectedException(dpid, "is not connected"));
    }

    // ---------------------------------------------------------------- from sessions (event loops)

    void sessionReady(OfSwitchSession s) {
        OfSwitch sw = s.snapshot();
        OfSwitchSession old = sessions.put(sw.dpid(), s);
        stats.switchesConnected.increment();
        if (old != null && old != s) {
            LOG.info("switch {} reconnected ({}, {} ports, from {}); its previous session is closed", sw.dpid(),
                    sw.version(), sw.ports().size(), sw.remoteAddress());
            old.close("replaced by a new connection");
        } else {
            LOG.info("switch {} connected ({}, {} ports, from {})", sw.dpid(), sw.version(), sw.ports().size(),
                    sw.remoteAddress());
        }
        OfSwitch previous = old == null || old == s ? null : old.snapshot();
        inbox.post(() -> {
            if (previous != null) {
                notify(l -> l.switchDisconnected(previous));
            }
            OfSwitch now = s.snapshot();
            notify(l -> l.switchConnected(now));
        });
    }

    void sessionClosed(OfSwitchSession s) {
        OfSwitch sw = s.snapshot();
        if (sessions.remove(sw.dpid(), s)) {
            LOG.info("switch {} disconnected", sw.dpid());
            inbox.post(() -> notify(l -> l.switchDisconnected(sw)));
        }
    }

    void portChanged(OfSwitchSession s, OfSwitch after, PortDesc port, PortDesc previous, PortChange change) {
        if (previous == null || previous.isUp() != port.isUp() || change == PortChange.DELETED) {
            LOG.info("switch {} port {} ({}) {}", after.dpid(), port.number(), port.name(),
                    change == PortChange.DELETED ? "deleted" : port.isUp() ? "up" : "down");
        }
        inbox.post(() -> notify(l -> l.portChanged(after, port, previous, change)));
    }

    /**
     * Takes a place in the bounded PACKET_IN queue for one more PACKET_IN of {@code s} (on its
     * event loop). False when it must be dropped: the queue is full, or the switch does not read
     * what the controller writes fast enough (its channel is not writable), so answering it would
     * only pile up unsent bytes. Both are counted.
     */
    boolean admitPacketIn(OfSwitchSession s) {
        stats.packetInsReceived.increment();
        if (!s.channel().isWritable()) {
            stats.packetInsDropped.increment();
            stats.packetInsDroppedUnread.increment();
            return false;
        }
        if (queuedPacketIns.incrementAndGet() > packetInQueueLimit) {
            queuedPacketIns.decrementAndGet();
            stats.packetInsDropped.increment();
            return false;
        }
        return true;
    }

    /** Queues a session's burst of asynchronous messages for the event thread (from its event loop). */
    void dispatchLater(AsyncBatch b) {
        inbox.post(b);
    }

    /** Drops the messages of a session that ended before it was connected (from its event loop). */
    void discard(AsyncBatch b) {
        queuedPacketIns.addAndGet(-b.packetIns());
        stats.packetInsDropped.add(b.packetIns());
    }

    /**
     * Dispatches a burst of one switch's messages to the message listeners, in order, on the event
     * thread. What the listeners send meanwhile is deferred by the {@link SessionInbox} and leaves,
     * one batch and one flush per switch, when its drain is done.
     */
    void runBatch(AsyncBatch b) {
        queuedPacketIns.addAndGet(-b.packetIns());
        OfSwitch sw = b.session().snapshot();
        for (int i = 0; i < b.size(); i++) {
            messageListeners.fire(OfMessageListener::messageReceived, sw, b.get(i));
        }
    }

    /** True on the event thread while it dispatches what the sessions sent: sends wait for the end. */
    boolean defersSends() {
        return inbox.defersSends();
    }

    /** Registers a session that holds deferred messages (event thread). */
    void deferredFor(OfSwitchSession s) {
        inbox.deferredFor(s);
    }

    /** A message an application built could not be encoded (on an event loop): counted, logged once per type. */
    void unencodable(OFMessage m, RuntimeException e) {
        encodeFaults.record(m.getType().toString(), e);
    }

    private void notify(Consumer<SwitchListener> call) {
        listeners.fire(call);
    }

    /** Listener calls that threw (switch and message listeners). */
    public long listenerFaults() {
        return listeners.failures() + messageListeners.failures() + inbox.faults();
    }

    /** Closes every session (shutdown). */
    @Override
    public void close() {
        for (OfSwitchSession s : sessions.values()) {
            s.close("controller shutting down");
        }
    }
}
