package io.flowlb.flowswitch.ofagent;

import io.flowlb.openflow.MalformedMessage;
import io.flowlb.openflow.OfErrors;
import io.flowlb.openflow.OfKeepaliveHandler;
import io.flowlb.openflow.OfVersions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenFlow connection of the switch, to a controller (active) or from a tool (passive):
 * the HELLO exchange, the per-connection OpenFlow state (role, miss_send_len, config flags), and
 * the guard that keeps bad input from going further than an ERROR reply.
 *
 * <p>Malformed messages are answered with the error {@link OfErrors#forMalformed} chooses; a
 * fatal one (the stream cannot be framed any more) also closes this session. A message of
 * another version than the agreed one gets BAD_REQUEST/BAD_VERSION. An exception while handling
 * a message is answered with BAD_REQUEST/EPERM and reported once per kind. None of this affects
 * other sessions or the datapath.
 *
 * <p>Thread safety: one instance per channel; every method runs on the agent thread (the
 * channel's event loop).
 */
public final class OfSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(OfSession.class);

    /** Who opened the connection, which decides the defaults (as in Open vSwitch). */
    public enum Kind {
        /** An active connection to a configured controller: gets packet-ins, counts for fail mode. */
        CONTROLLER,
        /** A connection accepted on the passive listener (ovs-ofctl and similar tools). */
        SERVICE
    }

    /** OpenFlow 1.3 default miss_send_len ({@code OFP_DEFAULT_MISS_SEND_LEN}). */
    public static final int DEFAULT_MISS_SEND_LEN = 128;

    private final Kind kind;
    private final String peerName;
    private final Set<OFVersion> versions;
    private final SessionHandler handler;
    private final OfKeepaliveHandler keepalive;
    private final ProblemLog problems;

    private Channel channel;
    private OFVersion version;
    private OFFactory factory;
    private boolean up;
    private OFControllerRole role = OFControllerRole.ROLE_EQUAL;
    private int missSendLen;
    private int configFlags;
    private final AsyncConfig async = new AsyncConfig();

    public OfSession(Kind kind, String peerName, Set<OFVersion> versions, SessionHandler handler,
            OfKeepaliveHandler keepalive, ProblemLog problems) {
        this.kind = kind;
        this.peerName = peerName;
        this.versions = Set.copyOf(versions);
        this.handler = handler;
        this.keepalive = keepalive;
        this.problems = problems;
        // A tool on the listener gets no table-miss packet-ins unless it asks (Open vSwitch's rule).
        this.missSendLen = kind == Kind.CONTROLLER ? DEFAULT_MISS_SEND_LEN : 0;
    }

    public Kind kind() {
        return kind;
    }

    /** The peer as the logs name it (tcp:HOST:PORT). */
    public String peerName() {
        return peerName;
    }

    /** "1.3" for OF_13: how logs name a version. */
    public static String versionName(OFVersion v) {
        String s = v.name().substring(3);
        return s.charAt(0) + "." + s.substring(1);
    }

    /** The agreed version; null before the HELLO exchange finished. */
    public OFVersion version() {
        return version;
    }

    /** The message factory of the agreed version. */
    public OFFactory factory() {
        return factory;
    }

    public boolean isUp() {
        return up && channel != null && channel.isActive();
    }

    public OFControllerRole role() {
        return role;
    }

    void role(OFControllerRole newRole) {
        this.role = newRole;
    }

    /** Which asynchronous messages this session wants, by role (SET_ASYNC). */
    public AsyncConfig async() {
        return async;
    }

    public int missSendLen() {
        return missSendLen;
    }

    public int configFlags() {
        return configFlags;
    }

    void config(int flags, int newMissSendLen) {
        this.configFlags = flags;
        this.missSendLen = newMissSendLen;
    }

    /** Sends one message now. */
    public void send(OFMessage msg) {
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(msg, channel.voidPromise());
        }
    }

    /** Queues one message; {@link #flush()} sends what was queued. */
    public void write(OFMessage msg) {
        if (channel != null && channel.isActive()) {
            channel.write(msg, channel.voidPromise());
        }
    }

    public void flush() {
        if (channel != null) {
            channel.flush();
        }
    }

    /**
     * Sends an asynchronous message (packet-in...) unless the peer is not reading fast enough;
     * returns false when it was dropped.
     */
    public boolean offer(OFMessage msg) {
        if (channel == null || !channel.isActive() || !channel.isWritable()) {
            return false;
        }
        channel.writeAndFlush(msg, channel.voidPromise());
        return true;
    }

    /** Closes the connection (the agent reconnects active sessions). */
    public void close() {
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.writeAndFlush(OfVersions.hello(versions, 0), ctx.voidPromise());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (up) {
            up = false;
            handler.sessionDown(this);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MalformedMessage bad) {
            onMalformed(bad);
        } else if (msg instanceof OFMessage of) {
            if (version == null) {
                onHandshake(of);
            } else {
                onMessage(of);
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (up) {
            try {
                handler.readComplete(this);
            } catch (RuntimeException e) {
                problems.report("openflow-handler-failure:read-complete:" + e.getClass().getSimpleName(),
                        peerName + ": " + e);
            }
        }
        ctx.fireChannelReadComplete();
    }

    private void onHandshake(OFMessage msg) {
        if (!(msg instanceof OFHello hello)) {
            problems.report("openflow-no-hello", peerName + " sent " + msg.getType() + " before HELLO: closing");
            send(OfErrors.helloIncompatible(OfVersions.highest(versions), msg.getXid(), "expected HELLO first"));
            close();
            return;
        }
        OFVersion agreed = OfVersions.negotiate(hello, versions);
        if (agreed == null) {
            problems.report("openflow-version-mismatch", peerName + ": no common OpenFlow version (peer offers "
                    + hello.getVersion() + ", flow-switch speaks " + versions + "): closing");
            send(OfErrors.helloIncompatible(OfVersions.highest(versions), hello.getXid(),
                    "flow-switch speaks " + versions));
            close();
            return;
        }
        version = agreed;
        factory = OFFactories.getFactory(agreed);
        keepalive.version(agreed);
        up = true;
        handler.sessionUp(this);
    }

    private void onMessage(OFMessage msg) {
        if (msg.getVersion() != version) {
            if (msg.getType() == OFType.HELLO) {
                return; // a repeated HELLO of another version changes nothing
            }
            problems.report("openflow-bad-version", peerName + " sent " + msg.getVersion() + " " + msg.getType()
                    + " on a " + version + " session");
            send(OfErrors.badRequest(version, OFBadRequestCode.BAD_VERSION, msg.getXid(), OfErrors.head(msg)));
            return;
        }
        if (msg instanceof OFErrorMsg err) {
            problems.report("openflow-peer-error", peerName + " reported " + err);
            return;
        }
        try {
            handler.handle(this, msg);
        } catch (RuntimeException e) {
            problems.report("openflow-handler-failure:" + msg.getType() + ":" + e.getClass().getSimpleName(),
                    peerName + ": " + msg.getType() + " xid " + msg.getXid() + " failed: " + e);
            send(OfErrors.badRequest(version, OFBadRequestCode.EPERM, msg.getXid(), safeHead(msg)));
        }
    }

    private void onMalformed(MalformedMessage bad) {
        if (bad.fatal()) {
            problems.report("openflow-unframeable", peerName + ": " + bad + ": closing the session");
        } else {
            problems.report("openflow-malformed", peerName + ": " + bad);
        }
        send(OfErrors.forMalformed(bad));
        if (bad.fatal()) {
            close();
        }
    }

    private static byte[] safeHead(OFMessage msg) {
        try {
            return OfErrors.head(msg);
        } catch (RuntimeException e) {
            return new byte[0];
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("{}: connection error: {}", peerName, cause.toString());
        } else {
            problems.report("openflow-channel-failure:" + cause.getClass().getSimpleName(), peerName + ": " + cause);
        }
        ctx.close();
    }
}
