package io.flowlb.controller.openflow;

import io.flowlb.openflow.MalformedMessage;
import io.flowlb.openflow.OfErrors;
import io.flowlb.openflow.OfKeepaliveHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFErrorType;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFRequest;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenFlow connection from a switch: the last handler of its channel pipeline.
 *
 * <p>Design: the session drives the handshake ({@link SessionHandshake}), then sorts what the
 * switch sends into replies to pending requests ({@link RequestTracker}), inventory updates
 * (PORT_STATUS) and asynchronous messages for the applications (handed to the {@link SwitchManager},
 * which queues them for the event thread). Each session has its own channel and state, so a
 * misbehaving switch can only end its own session: malformed messages get an OpenFlow ERROR
 * (too many, or an unframeable one, close the session), and an exception while handling any
 * message closes the session with one log line naming the switch. Nothing here reaches another
 * session.
 *
 * <p>Batching: asynchronous messages of one read burst reach the event thread as one
 * {@link AsyncBatch}; what is sent goes through the session's {@link SessionOutbox}.
 *
 * <p>Thread safety: channel callbacks run on the channel's event loop, which owns the session's
 * mutable state. The sending methods ({@link #send}, {@link #request}, ...) may be called from any
 * thread: they only read volatile fields and hand their messages to the event loop; the deferred
 * batch belongs to the event thread, which alone fills and flushes it.
 */
final class OfSwitchSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(OfSwitchSession.class);
    /** Session xids stay below the keepalive handler's range (0xE0000000 and up). */
    private static final int XID_LIMIT = 0x6000_0000;

    enum State { HELLO_WAIT, HANDSHAKE, CONNECTED, CLOSED }

    private final SwitchManager manager;
    private final SessionConfig config;
    private final OfKeepaliveHandler keepalive;
    private final MessageCounter counter;
    private final long id;
    private final RequestTracker tracker;
    private final AtomicInteger xids = new AtomicInteger();
    private final Set<OFType> loggedTypes = EnumSet.noneOf(OFType.class);
    private final Set<OFErrorType> loggedErrors = EnumSet.noneOf(OFErrorType.class);

    private volatile Channel channel;
    private volatile State state = State.HELLO_WAIT;
    private volatile OFVersion version;
    private volatile OfSwitch sw;
    private String name = "at (unconnected)";
    private int malformed;
    private boolean reported;
    private SessionHandshake handshake;
    /** Messages read in the current burst, not yet handed to the event thread (event loop only). */
    private AsyncBatch inbound;
    private final SessionOutbox outbox;

    OfSwitchSession(SwitchManager manager, SessionConfig config, OfKeepaliveHandler keepalive, MessageCounter counter,
            long id) {
        this.manager = manager;
        this.config = config;
        this.keepalive = keepalive;
        this.counter = counter;
        this.id = id;
        this.tracker = new RequestTracker(name);
        this.outbox = new SessionOutbox(this, manager);
    }

    // ---------------------------------------------------------------- channel events

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        rename("at " + ctx.channel().remoteAddress());
        manager.stats().sessionsOpened.increment();
        handshake = new SessionHandshake(this, config);
        handshake.start();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.CLOSED) {
            return;
        }
        try {
            if (msg instanceof MalformedMessage bad) {
                onMalformed(bad);
            } else if (msg instanceof OFMessage m) {
                onMessage(m);
            }
        } catch (RuntimeException e) {
            manager.stats().sessionsClosedOnError.increment();
            String type = msg instanceof OFMessage m ? m.getType().toString() : msg.getClass().getSimpleName();
            LOG.warn("switch {}: failed to handle {} ({}); closing its session", name, type, e.toString());
            LOG.debug("switch {}: stack of the failure", name, e);
            closeNow();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        handOver();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (state != State.CLOSED) {
            manager.stats().sessionsClosedOnError.increment();
            LOG.warn("switch {}: connection error ({}); closing its session", name, cause.toString());
            closeNow();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        if (handshake != null) {
            handshake.cancel();
        }
        tracker.failAll(new SwitchNotConnectedException(sw == null ? null : sw.dpid(), "disconnected"));
        handOver();
        if (reported) {
            manager.sessionClosed(this);
        }
        ctx.fireChannelInactive();
    }

    // ---------------------------------------------------------------- incoming messages

    private void onMessage(OFMessage m) {
        if (state == State.HELLO_WAIT) {
            handshake.onFirstMessage(m);
            return;
        }
        if (m.getVersion() != version && m.getType() != OFType.HELLO) {
            countMalformed("a message in " + m.getVersion() + " after agreeing on " + version);
            write(OfErrors.badRequest(version, OFBadRequestCode.BAD_VERSION, m.getXid(), OfErrors.head(m)));
            return;
        }
        if (m.getType() != OFType.PACKET_IN && tracker.onMessage(m)) {
            return;
        }
        switch (m.getType()) {
            case HELLO, ECHO_REPLY, FEATURES_REPLY, STATS_REPLY, BARRIER_REPLY, GET_CONFIG_REPLY, ROLE_REPLY,
                 QUEUE_GET_CONFIG_REPLY, GET_ASYNC_REPLY -> LOG.debug("switch {}: ignoring unexpected {}", name, m);
            case PACKET_IN, FLOW_REMOVED, EXPERIMENTER, TABLE_STATUS, ROLE_STATUS, REQUESTFORWARD, CONTROLLER_STATUS ->
                 deliver(m);
            case ERROR -> onUnsolicitedError((OFErrorMsg) m);
            case PORT_STATUS -> onPortStatus((OFPortStatus) m);
            case ROLE_REQUEST -> write(SwitchSetup.roleReply(factory(), (OFRoleRequest) m));
            default -> onUnsupported(m);
        }
    }

    /**
     * Queues an asynchronous message for the event thread. Messages of one read burst travel
     * together ({@link AsyncBatch}) and are handed over when the burst ends, or earlier when an
     * event that must come after them (a port change, the end of the session) is reported. A
     * switch may send before the controller's part of the handshake is done (PACKET_INs right
     * after FEATURES_REPLY): those wait and are handed over just after the switch is reported
     * connected.
     */
    private void deliver(OFMessage m) {
        if (state != State.CONNECTED && state != State.HANDSHAKE) {
            return;
        }
        boolean packetIn = m.getType() == OFType.PACKET_IN;
        if (packetIn && !manager.admitPacketIn(this)) {
            return;
        }
        if (inbound == null) {
            inbound = new AsyncBatch(manager, this);
        }
        inbound.add(m, packetIn);
    }

    /**
     * Hands the messages read so far to the event thread (on the event loop), once the switch
     * has been reported connected; a session that ends before that drops them (counted).
     */
    private void handOver() {
        AsyncBatch b = inbound;
        if (b == null) {
            return;
        }
        if (reported) {
            inbound = null;
            manager.dispatchLater(b);
        } else if (state == State.CLOSED) {
            inbound = null;
            manager.discard(b);
        }
    }

    private void onUnsupported(OFMessage m) {
        manager.stats().unsupportedMessages.increment();
        if (loggedTypes.add(m.getType())) {
            LOG.warn("switch {} sent {}, which a switch does not send to a controller; answered BAD_TYPE", name,
                    m.getType());
        }
        write(OfErrors.unsupported(m));
    }

    private void onUnsolicitedError(OFErrorMsg e) {
        manager.stats().unsolicitedErrors.increment();
        if (loggedErrors.add(e.getErrType())) {
            LOG.warn("switch {} reported an error no request was waiting for (further {} errors only counted): {}",
                    name, e.getErrType(), e);
        }
        deliver(e);
    }

    private void onPortStatus(OFPortStatus ps) {
        OfSwitch before = sw;
        if (before == null) {
            return;
        }
        PortDesc port = PortDesc.of(ps.getDesc());
        PortDesc previous = before.port(port.number());
        PortChange change = switch (ps.getReason()) {
            case ADD -> PortChange.ADDED;
            case DELETE -> PortChange.DELETED;
            default -> previous == null ? PortChange.ADDED : PortChange.MODIFIED;
        };
        OfSwitch after = change == PortChange.DELETED ? before.withoutPort(port.number()) : before.withPort(port);
        sw = after;
        if (state == State.CONNECTED) {
            handOver();
            manager.portChanged(this, after, port, change == PortChange.ADDED ? null : previous, change);
            deliver(ps);
        }
    }

    private void onMalformed(MalformedMessage bad) {
        manager.stats().malformedMessages.increment();
        if (malformed == 0) {
            LOG.warn("switch {} sent a malformed message ({}); answered with an OpenFlow ERROR, further ones counted",
                    name, bad);
        }
        write(OfErrors.forMalformed(bad));
        if (bad.fatal()) {
            closeAfterError("its byte stream cannot be framed any more (" + bad.reason() + ")");
            return;
        }
        countMalformed(bad.reason());
    }

    private void countMalformed(String what) {
        if (++malformed > config.maxMalformed()) {
            closeAfterError(malformed + " malformed messages, the last: " + what);
        }
    }

    private void closeAfterError(String why) {
        manager.stats().sessionsClosedOnError.increment();
        LOG.warn("switch {}: closing its session: {}", name, why);
        state = State.CLOSED;
        channel.flush();
        channel.close();
    }

    // ---------------------------------------------------------------- handshake callbacks

    void negotiated(OFVersion v) {
        version = v;
        keepalive.version(v);
        state = State.HANDSHAKE;
    }

    void identified(OfSwitch s) {
        sw = s;
        rename(s.dpid() + " (" + s.remoteAddress() + ")");
    }

    void connected() {
        if (state != State.HANDSHAKE) {
            return;
        }
        state = State.CONNECTED;
        reported = true;
        manager.sessionReady(this);
        handOver();
    }

    void handshakeFailed(String why) {
        if (state == State.CLOSED) {
            return;
        }
        manager.stats().handshakeFailures.increment();
        LOG.warn("OpenFlow handshake with switch {} failed: {}; closing", name, why);
        state = State.CLOSED;
        channel.flush();
        channel.close();
    }

    /** Writes {@code last}, then closes (HELLO_FAILED). */
    void writeAndClose(OFMessage last, String why) {
        manager.stats().handshakeFailures.increment();
        LOG.warn("OpenFlow handshake with switch {} failed: {}; closing", name, why);
        state = State.CLOSED;
        channel.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
    }

    // ---------------------------------------------------------------- sending (any thread)

    OfSwitch snapshot() {
        return sw;
    }

    long id() {
        return id;
    }

    MessageCounter counter() {
        return counter;
    }

    State state() {
        return state;
    }

    String name() {
        return name;
    }

    OFFactory factory() {
        return sw != null ? sw.factory() : OFFactories.getFactory(version);
    }

    /**
     * Sends one message. On the event thread while it dispatches a batch, the message waits in
     * this session's deferred batch until the dispatch ends; elsewhere it leaves at once.
     */
    boolean send(OFMessage m) {
        if (!usable()) {
            return false;
        }
        checkVersion(m);
        outbox.send(m);
        return true;
    }

    boolean send(List<? extends OFMessage> msgs) {
        if (!usable()) {
            return false;
        }
        for (int i = 0; i < msgs.size(); i++) {
            checkVersion(msgs.get(i));
        }
        outbox.send(msgs);
        return true;
    }

    private boolean usable() {
        Channel ch = channel;
        return ch != null && ch.isActive() && state != State.CLOSED;
    }

    /** Hands what the event thread deferred to the event loop (event thread, at the end of a dispatch). */
    void flushDeferred() {
        outbox.flushDeferred();
    }

    <R extends OFMessage> CompletableFuture<R> request(OFRequest<R> req) {
        OFMessage m = withXid(req);
        CompletableFuture<R> f = tracker.expectReply(m);
        dispatchTracked(m, List.of(), f);
        return f;
    }

    @SuppressWarnings("unchecked")
    <R extends OFStatsReply> CompletableFuture<List<R>> requestMultipart(OFStatsRequest<R> req) {
        OFStatsRequest<R> m = (OFStatsRequest<R>) withXid(req);
        CompletableFuture<List<R>> f = tracker.expectMultipart(m);
        dispatchTracked(m, List.of(), f);
        return f;
    }

    CompletableFuture<Void> sendConfirmed(List<? extends OFMessage> msgs) {
        List<OFMessage> stamped = new ArrayList<>(msgs.size());
        for (OFMessage m : msgs) {
            stamped.add(withXid(m));
        }
        RequestTracker.ConfirmedBatch batch = new RequestTracker.ConfirmedBatch();
        tracker.watch(stamped, batch);
        OFMessage barrier = factory().buildBarrierRequest().setXid(nextXid()).build();
        CompletableFuture<OFBarrierReply> reply = tracker.expectReply(barrier);
        CompletableFuture<Void> done = new CompletableFuture<>();
        reply.whenComplete((r, e) -> {
            tracker.unwatch(batch);
            if (e != null) {
                done.completeExceptionally(e);
            } else if (batch.firstError != null) {
                done.completeExceptionally(batch.firstError);
            } else {
                done.complete(null);
            }
        });
        dispatchTracked(barrier, stamped, reply);
        return done;
    }

    /** Writes {@code before} and then the tracked {@code request}, and arms its timeout until {@code reply}. */
    private void dispatchTracked(OFMessage request, List<OFMessage> before, CompletableFuture<?> reply) {
        Channel ch = channel;
        long xid = request.getXid();
        if (ch == null || !ch.isActive() || state == State.CLOSED) {
            tracker.fail(xid, new SwitchNotConnectedException(sw == null ? null : sw.dpid(), "is not connected"));
            return;
        }
        if (manager.defersSends()) {
            outbox.flushDeferred(); // what this thread sent before must stay ahead of the request
        }
        for (OFMessage m : before) {
            ch.write(m);
        }
        ch.writeAndFlush(request);
        try {
            var timer = ch.eventLoop().schedule(() -> tracker.timeout(xid, config.requestTimeoutMillis()),
                    config.requestTimeoutMillis(), TimeUnit.MILLISECONDS);
            reply.whenComplete((r, e) -> timer.cancel(false));
        } catch (RejectedExecutionException e) {
            tracker.timeout(xid, 0);
        }
    }

    /** Writes on the event loop during the handshake (no xid rewriting, no state check). */
    void write(OFMessage m) {
        channel.writeAndFlush(m);
    }

    long nextXid() {
        return 1 + Integer.remainderUnsigned(xids.getAndIncrement(), XID_LIMIT);
    }

    private OFMessage withXid(OFMessage m) {
        checkVersion(m);
        return m.getXid() != 0 ? m : m.createBuilder().setXid(nextXid()).build();
    }

    private void checkVersion(OFMessage m) {
        if (version != null && m.getVersion() != version) {
            throw new IllegalArgumentException("message in " + m.getVersion() + " for switch " + name + ", which speaks "
                    + version + ": build it with the switch's factory");
        }
    }

    /** Closes the connection (replaced by a newer session, or shutdown). */
    void close(String why) {
        Channel ch = channel;
        if (ch != null && state != State.CLOSED) {
            LOG.debug("closing session of switch {}: {}", name, why);
            ch.close();
        }
    }

    private void closeNow() {
        state = State.CLOSED;
        channel.close();
    }

    private void rename(String n) {
        name = n;
        tracker.switchName(n);
    }

    Channel channel() {
        return channel;
    }
}
