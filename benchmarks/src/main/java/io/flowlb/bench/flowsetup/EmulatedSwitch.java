package io.flowlb.bench.flowsetup;

import io.flowlb.openflow.OfErrors;
import io.flowlb.openflow.OfVersions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.protocol.OFSetConfig;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * One emulated switch: the channel handler of its connection to the controller.
 *
 * <p>It sends HELLO, negotiates the version, answers the handshake ({@link SwitchReplies}) and is
 * then {@link SwitchCounters#ready() ready}. On command it announces its hosts (one broadcast
 * packet-in per host, so a learning controller learns where each MAC lives), then sends
 * packet-ins from host h to host h+1, keeping {@code window} of them outstanding: every answer
 * gives a credit back and the credits of one read batch are spent in one write.
 *
 * <p>Frames are cut from the byte stream here; FLOW_MOD and PACKET_OUT are recognised from their
 * raw bytes; everything else is decoded by OpenFlowJ.
 *
 * <p>Thread safety: confined to the channel's event loop; {@link #startLearning},
 * {@link #startRunning} and {@link #stop} may be called from any thread (they post a command).
 */
public final class EmulatedSwitch extends ByteToMessageDecoder {
    /** OFPCML_NO_BUFFER (OpenFlow 1.2+): the controller wants whole, unbuffered packet-ins. */
    static final int MISS_SEND_LEN_NO_BUFFER = 0xffff;
    static final long TICK_MILLIS = 50;
    private static final long NOT_OURS = -2;

    private enum Phase { HANDSHAKE, READY, LEARNING, RUNNING, STOPPED }

    private final HostPlan plan;
    private final Set<OFVersion> offered;
    private final BufferPolicy bufferPolicy;
    private final LongSupplier nanoClock;
    private final long timeoutNanos;
    private final SwitchCounters counters = new SwitchCounters();
    private final OFMessageReader<OFMessage> reader = OFFactories.getGenericReader();
    private final OutstandingWindow window;

    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> tick;
    private Phase phase = Phase.HANDSHAKE;
    private OFVersion version;
    private boolean of13;
    private PacketInTemplate template;
    private SwitchReplies replies;
    private int missSendLen = 128;
    private boolean buffered;
    private int windowSize;
    private int xid = 1;
    private int learnNext;
    private int cursor;
    private long sent;
    private long answered;
    private long flowMods;
    private long packetOuts;
    private long unbufferedFlowMods;
    private long unmatched;
    private long otherPacketOuts;
    private long errors;

    /**
     * @param maxWindow the largest window {@link #startRunning} will be given
     * @param timeoutNanos how long a packet-in may wait for its answer before it is given up
     */
    public EmulatedSwitch(HostPlan plan, Set<OFVersion> offered, BufferPolicy bufferPolicy, int maxWindow,
            long timeoutNanos, LongSupplier nanoClock) {
        this.plan = plan;
        this.offered = Set.copyOf(offered);
        this.bufferPolicy = bufferPolicy;
        this.window = new OutstandingWindow(maxWindow);
        this.timeoutNanos = timeoutNanos;
        this.nanoClock = nanoClock;
        this.buffered = bufferPolicy != BufferPolicy.NEVER;
        counters.buffered = buffered;
    }

    public SwitchCounters counters() {
        return counters;
    }

    public HostPlan plan() {
        return plan;
    }

    /** Announces every host once (broadcast packet-ins), {@code window} at a time. */
    public void startLearning(int window) {
        command(() -> {
            phase = Phase.LEARNING;
            windowSize = window;
            learnNext = 0;
            refill();
        });
    }

    /** Sends packet-ins host to host with {@code window} outstanding until {@link #stop}. */
    public void startRunning(int window) {
        command(() -> {
            phase = Phase.RUNNING;
            windowSize = window;
            this.window.resetRoundTrips();
            refill();
        });
    }

    /** Sends no more packet-ins (answers are still counted). */
    public void stop() {
        command(() -> phase = Phase.STOPPED);
    }

    private void command(Runnable r) {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            throw new IllegalStateException("switch " + plan.dpid() + " is not connected");
        }
        c.executor().execute(() -> {
            r.run();
            publish();
        });
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.writeAndFlush(OfVersions.hello(offered, xid++));
        tick = ctx.executor().scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (tick != null) {
            tick.cancel(false);
        }
        if (phase != Phase.STOPPED) {
            fail("the controller closed the connection");
        }
        phase = Phase.STOPPED;
        publish();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause.toString());
        ctx.close();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= OfWire.HEADER_BYTES) {
            int start = in.readerIndex();
            int length = OfWire.length(in, start);
            if (length < OfWire.HEADER_BYTES) {
                fail("the controller sent a message of length " + length + " (below the 8-byte header)");
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (in.readableBytes() < length) {
                return;
            }
            int type = OfWire.type(in, start);
            if (version != null && (type == OfWire.TYPE_FLOW_MOD || type == OfWire.TYPE_PACKET_OUT)
                    && OfWire.version(in, start) == version.getWireVersion()) {
                onAnswer(in, start, length, type);
            } else {
                onControl(in, start, length);
            }
            in.readerIndex(start + length);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        super.channelReadComplete(ctx);
        refill();
        publish();
    }

    private void onAnswer(ByteBuf in, int start, int length, int type) {
        boolean flowMod = type == OfWire.TYPE_FLOW_MOD;
        if (flowMod) {
            flowMods++;
        } else {
            packetOuts++;
        }
        long bufferId = OfWire.bufferId(in, start, length, type, of13);
        long tag;
        if (bufferId >= 0 && bufferId != OfWire.NO_BUFFER) {
            tag = bufferId;
        } else if (!flowMod) {
            tag = tagOfPacketOut(in, start, length);
            if (tag == NOT_OURS) {
                otherPacketOuts++;
                return;
            }
        } else {
            unbufferedFlowMods++;
            return;
        }
        if (window.answer(tag, nanoClock.getAsLong())) {
            answered++;
        } else {
            unmatched++;
        }
    }

    /**
     * The tag of the frame a PACKET_OUT carries, or {@link #NOT_OURS} when the frame is not one of
     * flowsetup's (the controller's own packets, such as LLDP for link discovery).
     */
    private long tagOfPacketOut(ByteBuf in, int start, int length) {
        int data = OfWire.packetOutDataOffset(in, start, length, of13);
        if (data < 0 || length - data < PacketInTemplate.TAG_IN_FRAME + 4
                || !PacketInTemplate.isOurFrame(in, start + data)) {
            return NOT_OURS;
        }
        return in.getUnsignedInt(start + data + PacketInTemplate.TAG_IN_FRAME);
    }

    private void onControl(ByteBuf in, int start, int length) {
        OFMessage m;
        try {
            m = reader.readFrom(in.slice(start, length));
        } catch (Exception e) {
            m = null;
        }
        if (m == null) {
            errors++;
            noteError("undecodable message type " + OfWire.type(in, start) + " of " + length + " bytes");
            return;
        }
        if (version == null) {
            onFirstMessage(m);
            return;
        }
        switch (m) {
            case OFErrorMsg e -> {
                errors++;
                noteError(e.toString());
            }
            case OFSetConfig sc -> onSetConfig(sc);
            default -> {
                OFMessage reply = replies.answer(m, missSendLen);
                if (reply != null) {
                    ctx.write(reply);
                    if (m.getType() == org.projectfloodlight.openflow.protocol.OFType.FEATURES_REQUEST) {
                        phase = phase == Phase.HANDSHAKE ? Phase.READY : phase;
                        counters.ready = true;
                    }
                }
            }
        }
    }

    private void onFirstMessage(OFMessage m) {
        if (!(m instanceof OFHello hello)) {
            fail("the controller's first message was " + m.getType() + ", not HELLO");
            ctx.close();
            return;
        }
        OFVersion v = OfVersions.negotiate(hello, offered);
        if (v == null) {
            String why = "no common OpenFlow version (flowsetup offers " + offered + ", the controller sent "
                    + hello.getVersion() + ")";
            fail(why);
            ctx.writeAndFlush(OfErrors.helloIncompatible(hello.getVersion(), hello.getXid(), why)).addListener(
                    f -> ctx.close());
            return;
        }
        version = v;
        of13 = v == OFVersion.OF_13;
        template = PacketInTemplate.of(v);
        replies = new SwitchReplies(v, plan);
        counters.version = v.name();
    }

    private void onSetConfig(OFSetConfig sc) {
        missSendLen = sc.getMissSendLen();
        if (bufferPolicy == BufferPolicy.AUTO && of13) {
            buffered = missSendLen != MISS_SEND_LEN_NO_BUFFER;
        }
    }

    /** Gives up on packet-ins waiting past the timeout and spends the credits; runs every {@value #TICK_MILLIS} ms. */
    void tick() {
        if (window.expireOlderThan(nanoClock.getAsLong() - timeoutNanos) > 0) {
            refill();
        }
        publish();
    }

    /** Spends the free credits of the window on new packet-ins, written and flushed as one batch. */
    private void refill() {
        if (phase != Phase.LEARNING && phase != Phase.RUNNING) {
            ctx.flush();
            return;
        }
        int room = windowSize - window.outstanding();
        if (phase == Phase.LEARNING) {
            room = Math.min(room, plan.hosts() - learnNext);
        }
        // Against a controller that writes one answer per segment, refilling after every read
        // would cost one write per answer; waiting for an eighth of the window keeps the pipe
        // nearly full at a fraction of the system calls.
        if (room <= 0 || (room < refillBatch(windowSize) && window.outstanding() > 0)) {
            ctx.flush();
            return;
        }
        ByteBuf batch = ctx.alloc().directBuffer(room * template.length());
        long now = nanoClock.getAsLong();
        for (int i = 0; i < room; i++) {
            int tag = window.issue(now);
            long bufferId = buffered ? tag : OfWire.NO_BUFFER;
            if (phase == Phase.LEARNING) {
                int h = learnNext++;
                template.write(batch, xid++, bufferId, plan.port(h), HostPlan.BROADCAST, plan.mac(h), tag);
            } else {
                int h = cursor;
                cursor = plan.peer(h);
                template.write(batch, xid++, bufferId, plan.port(h), plan.mac(cursor), plan.mac(h), tag);
            }
        }
        sent += room;
        ctx.writeAndFlush(batch, ctx.voidPromise());
    }

    /** The smallest number of free credits worth a write: an eighth of the window, at least one. */
    static int refillBatch(int windowSize) {
        return Math.max(1, windowSize / 8);
    }

    private void publish() {
        SwitchCounters c = counters;
        c.sent = sent;
        c.answered = answered;
        c.flowMods = flowMods;
        c.packetOuts = packetOuts;
        c.unbufferedFlowMods = unbufferedFlowMods;
        c.unmatched = unmatched;
        c.otherPacketOuts = otherPacketOuts;
        c.expired = window.expired();
        c.errors = errors;
        c.rttSumNanos = window.rttSumNanos();
        c.rttCount = window.rttCount();
        c.rttMinNanos = window.rttMinNanos();
        c.rttMaxNanos = window.rttMaxNanos();
        c.buffered = buffered;
        if (phase == Phase.LEARNING && learnNext == plan.hosts() && window.outstanding() == 0) {
            c.learned = true;
        }
    }

    private void noteError(String what) {
        if (counters.firstError == null) {
            counters.firstError = what;
        }
    }

    private void fail(String why) {
        if (counters.failure == null) {
            counters.failure = "switch " + plan.dpid() + ": " + why;
        }
    }
}
