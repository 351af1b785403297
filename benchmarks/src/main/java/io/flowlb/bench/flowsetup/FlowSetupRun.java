package io.flowlb.bench.flowsetup;

import io.flowlb.openflow.OfMessageEncoder;
import io.flowlb.openflow.OfVersions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * Runs one flowsetup measurement: connects the switches, waits for their handshakes, lets the
 * controller learn the hosts, then runs the warm-up and measured loops and samples the answered
 * counters at each loop boundary.
 *
 * <p>Thread safety: one run per instance, driven by the calling thread.
 */
public final class FlowSetupRun {
    /** Pause after the last handshake so the controller's post-handshake setup settles. */
    static final long SETTLE_MILLIS = 200;

    /** Thrown when the run cannot go on (connection refused, closed, handshake failed). */
    public static final class RunFailedException extends Exception {
        public RunFailedException(String message) {
            super(message);
        }
    }

    private final FlowSetupOptions o;
    private final PrintStream log;
    private final List<EmulatedSwitch> switches = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    public FlowSetupRun(FlowSetupOptions options, PrintStream log) {
        this.o = options;
        this.log = log;
    }

    public FlowSetupResult run() throws RunFailedException, InterruptedException {
        loadCodecs();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(o.threads(), NioIoHandler.newFactory());
        try {
            warmUpNetty(group);
            connect(group);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(o.connectTimeoutMillis());
            await(SwitchCounters::ready, deadline, "complete the OpenFlow handshake");
            Thread.sleep(SETTLE_MILLIS);
            String version = switches.get(0).counters().version();
            log.printf(Locale.ROOT, "flowsetup: %d switches connected to %s (%s), learning %d hosts each%n",
                    switches.size(), o.label(), version, o.hosts());
            for (EmulatedSwitch s : switches) {
                s.startLearning(Math.max(o.window(), 64));
            }
            String note = null;
            try {
                long learnDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(o.learnTimeoutMillis());
                await(SwitchCounters::learned, learnDeadline, "finish learning");
            } catch (RunFailedException e) {
                if (firstFailure() != null) {
                    throw e;
                }
                note = "learning did not finish within " + o.learnTimeoutMillis() + " ms; measured anyway";
                log.println("flowsetup: " + note);
            }
            return measure(version, note);
        } finally {
            for (Channel c : channels) {
                c.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }

    private FlowSetupResult measure(String version, String learnNote) throws RunFailedException, InterruptedException {
        for (EmulatedSwitch s : switches) {
            s.startRunning(o.window());
        }
        int total = o.warmupLoops() + o.loops();
        double[] warm = new double[o.warmupLoops()];
        double[] rates = new double[o.loops()];
        long loopNanos = TimeUnit.MILLISECONDS.toNanos(o.loopMillis());
        long t0 = System.nanoTime();
        long prevT = t0;
        long prevAnswered = sum(SwitchCounters::answered);
        CpuClock cpu = new CpuClock(o.controllerPid());
        long rttSumAtStart = 0;
        long rttCountAtStart = 0;
        long answeredAtStart = prevAnswered;
        long toolCpuAtStart = cpu.toolNanos();
        long ctrlCpuAtStart = cpu.controllerNanos();
        for (int i = 0; i < total; i++) {
            long wake = t0 + (i + 1) * loopNanos;
            long now;
            while ((now = System.nanoTime()) < wake) {
                TimeUnit.NANOSECONDS.sleep(Math.min(wake - now, 50_000_000L));
                checkFailures();
            }
            long answered = sum(SwitchCounters::answered);
            double rate = (answered - prevAnswered) * 1e9 / (now - prevT);
            boolean warmup = i < o.warmupLoops();
            if (warmup) {
                warm[i] = rate;
            } else {
                rates[i - o.warmupLoops()] = rate;
            }
            if (i + 1 == o.warmupLoops()) {
                rttSumAtStart = sum(SwitchCounters::rttSumNanos);
                rttCountAtStart = sum(SwitchCounters::rttCount);
                answeredAtStart = answered;
                toolCpuAtStart = cpu.toolNanos();
                ctrlCpuAtStart = cpu.controllerNanos();
            }
            log.printf(Locale.ROOT, "%-10s %d switches: %,.0f responses/s%s%n", (warmup ? "warm-up " : "loop ")
                    + (warmup ? i + 1 : i + 1 - o.warmupLoops()), switches.size(), rate, perSwitch());
            prevAnswered = answered;
            prevT = now;
        }
        FlowSetupResult.CpuPerResponse cpuPer = new FlowSetupResult.CpuPerResponse(
                perResponse(toolCpuAtStart, cpu.toolNanos(), prevAnswered - answeredAtStart),
                perResponse(ctrlCpuAtStart, cpu.controllerNanos(), prevAnswered - answeredAtStart));
        for (EmulatedSwitch s : switches) {
            s.stop();
        }
        Thread.sleep(Math.min(200, o.timeoutMillis()));
        long rttCount = sum(SwitchCounters::rttCount) - rttCountAtStart;
        double latencyMicros = rttCount == 0 ? 0 : (sum(SwitchCounters::rttSumNanos) - rttSumAtStart) / 1e3 / rttCount;
        FlowSetupResult.Totals totals = totals();
        String note = learnNote;
        if (totals.answered() == 0) {
            note = (note == null ? "" : note + "; ") + "the controller answered no packet-in"
                    + (totals.firstError() == null ? "" : " (first error: " + totals.firstError() + ")");
        }
        return new FlowSetupResult(o, version, warm, rates, LoopStats.of(rates), latencyMicros, cpuPer, totals, note);
    }

    private static double perResponse(long cpuStart, long cpuEnd, long responses) {
        if (cpuStart < 0 || cpuEnd < 0 || responses <= 0) {
            return -1;
        }
        return (cpuEnd - cpuStart) / 1e3 / responses;
    }

    /**
     * Loads and initialises OpenFlowJ's classes for the offered versions before connecting. On a
     * busy machine, doing it on first use in the event loop delayed the HELLO by seconds, and
     * ovs-testcontroller gives up on a connection whose HELLO does not come within its timeout.
     */
    private void loadCodecs() {
        HostPlan plan = new HostPlan(0, o.hosts(), o.ports());
        for (OFVersion v : o.versions()) {
            PacketInTemplate.of(v);
            SwitchReplies replies = new SwitchReplies(v, plan);
            OFFactory f = OFFactories.getFactory(v);
            replies.answer(f.buildFeaturesRequest().setXid(1).build(), 128);
            replies.answer(f.buildEchoRequest().setXid(1).setData(new byte[0]).build(), 128);
            ByteBuf buf = Unpooled.buffer();
            try {
                OfVersions.hello(o.versions(), 1).writeTo(buf);
                OFFactories.getGenericReader().readFrom(buf);
            } catch (OFParseError e) {
                throw new IllegalStateException("OpenFlowJ cannot read its own HELLO", e);
            } finally {
                buf.release();
            }
        }
    }

    /**
     * Sends a HELLO and a batch of packet-ins over a throw-away loopback connection first, so that
     * the event loops, the allocator and the write path are initialised before the first switch
     * connects: ovs-testcontroller drops a connection whose HELLO takes more than about a second.
     */
    private void warmUpNetty(EventLoopGroup group) throws InterruptedException {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        try {
            Channel client = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new OfMessageEncoder());
                        }
                    })
                    .connect(server.localAddress()).sync().channel();
            client.writeAndFlush(OfVersions.hello(o.versions(), 1)).sync();
            HostPlan plan = new HostPlan(0, o.hosts(), o.ports());
            for (OFVersion v : o.versions()) {
                PacketInTemplate t = PacketInTemplate.of(v);
                ByteBuf batch = client.alloc().directBuffer(64 * t.length());
                for (int i = 0; i < 64; i++) {
                    t.write(batch, i, i, plan.port(i), plan.mac(plan.peer(i)), plan.mac(i), i);
                }
                client.writeAndFlush(batch).sync();
            }
            client.close().sync();
        } finally {
            server.close().sync();
        }
    }

    private void connect(EventLoopGroup group) throws RunFailedException, InterruptedException {
        for (int i = 0; i < o.switches(); i++) {
            EmulatedSwitch sw = new EmulatedSwitch(new HostPlan(i, o.hosts(), o.ports()), o.versions(),
                    o.bufferPolicy(), Math.max(o.window(), 64), TimeUnit.MILLISECONDS.toNanos(o.timeoutMillis()),
                    System::nanoTime);
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(o.connectTimeoutMillis(), 60_000))
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("of-encoder", new OfMessageEncoder());
                            ch.pipeline().addLast("switch", sw);
                        }
                    });
            ChannelFuture f = b.connect(o.host(), o.port()).await();
            if (!f.isSuccess()) {
                Throwable c = f.cause();
                throw new RunFailedException("cannot connect switch " + (i + 1) + " to the controller at " + o.host()
                        + ":" + o.port() + ": " + (c == null ? "unknown error" : c.getMessage()));
            }
            switches.add(sw);
            channels.add(f.channel());
        }
    }

    private void await(Predicate<SwitchCounters> done, long deadlineNanos, String what)
            throws RunFailedException, InterruptedException {
        while (true) {
            checkFailures();
            int missing = 0;
            for (EmulatedSwitch s : switches) {
                if (!done.test(s.counters())) {
                    missing++;
                }
            }
            if (missing == 0) {
                return;
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new RunFailedException(missing + " of " + switches.size() + " switches did not " + what
                        + " in time");
            }
            Thread.sleep(10);
        }
    }

    private void checkFailures() throws RunFailedException {
        String f = firstFailure();
        if (f != null) {
            throw new RunFailedException(f);
        }
    }

    private String firstFailure() {
        for (EmulatedSwitch s : switches) {
            String f = s.counters().failure();
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private String perSwitch() {
        if (switches.size() < 2) {
            return "";
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        for (EmulatedSwitch s : switches) {
            long a = s.counters().answered();
            min = Math.min(min, a);
            max = Math.max(max, a);
        }
        return String.format(Locale.ROOT, "  (answered so far per switch: min %,d max %,d)", min, max);
    }

    private long sum(java.util.function.ToLongFunction<SwitchCounters> f) {
        long s = 0;
        for (EmulatedSwitch sw : switches) {
            s += f.applyAsLong(sw.counters());
        }
        return s;
    }

    private FlowSetupResult.Totals totals() {
        String firstError = null;
        boolean buffered = true;
        for (EmulatedSwitch s : switches) {
            if (firstError == null) {
                firstError = s.counters().firstError();
            }
            buffered &= s.counters().buffered();
        }
        return new FlowSetupResult.Totals(sum(SwitchCounters::sent), sum(SwitchCounters::answered),
                sum(SwitchCounters::flowMods), sum(SwitchCounters::packetOuts),
                sum(SwitchCounters::unbufferedFlowMods), sum(SwitchCounters::unmatched),
                sum(SwitchCounters::otherPacketOuts), sum(SwitchCounters::expired), sum(SwitchCounters::errors),
                firstError, buffered);
    }
}
