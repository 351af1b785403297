package io.flowlb.bench.flowsetup;

import io.flowlb.controller.Controller;
import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.SwitchManager;
import io.flowlb.openflow.OfVersions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.protocol.OFSetConfig;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The flowlb controller's own work per flow setup, without sockets or threads: the bytes of
 * {@value #BURST} PACKET_INs (what flowsetup sends: host to known host) go into the controller's
 * real channel pipeline (an {@link EmbeddedChannel}), through framing, decoding, the packet
 * processors (link discovery, host learning, L2 forwarding) and back out as encoded FLOW_MODs and
 * PACKET_OUTs. The score is per PACKET_IN; with {@code -prof gc} it shows the allocation per flow
 * setup. What the flowsetup benchmark measures beyond this is the kernel's socket work and the
 * hand-offs between the controller's threads.
 *
 * <p>Thread safety: JMH state, one per benchmark thread; the controller's event thread is the
 * benchmark thread (an inline {@link EventScheduler}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ControllerPacketInBenchmark.BURST)
public class ControllerPacketInBenchmark {
    /** PACKET_INs per read burst (flowsetup's default window). */
    public static final int BURST = 64;
    private static final OFMessageReader<OFMessage> READER = OFFactories.getGenericReader();

    /** OpenFlow version of the emulated switch. */
    @Param({"1.3"})
    public String version;

    private final HostPlan plan = new HostPlan(0, 1000, 4);
    private EmbeddedChannel channel;
    private PacketInTemplate template;
    private SwitchReplies replies;
    private int missSendLen = 128;
    private int xid = 1;
    private int host;

    @Setup
    public void setUp() {
        OFVersion v = version.equals("1.0") ? OFVersion.OF_10 : OFVersion.OF_13;
        InlineEvents events = new InlineEvents();
        ControllerConfig config = ControllerConfig.defaults();
        SwitchManager manager = new SwitchManager(events, config.openflow().sessionConfig(),
                config.openflow().packetInQueue());
        new Controller(config, manager, events);
        channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                manager.initChannel(ch);
            }
        });
        template = PacketInTemplate.of(v);
        replies = new SwitchReplies(v, plan);
        ByteBuf hello = channel.alloc().buffer();
        OfVersions.hello(Set.of(v), 1).writeTo(hello);
        channel.writeInbound(hello);
        answerControl();
        if (manager.getSwitch(Dpid.of(plan.dpid())) == null) {
            throw new IllegalStateException("the emulated switch did not connect");
        }
        for (int h = 0; h < plan.hosts(); h += BURST) {
            ByteBuf in = channel.alloc().buffer(BURST * template.length());
            for (int i = h; i < Math.min(plan.hosts(), h + BURST); i++) {
                template.write(in, xid++, OfWire.NO_BUFFER, plan.port(i), HostPlan.BROADCAST, plan.mac(i), i);
            }
            channel.writeInbound(in);
            drainOutbound();
        }
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    /** One burst of PACKET_INs in, their FLOW_MODs and PACKET_OUTs out; the score is per PACKET_IN. */
    @Benchmark
    public int flowSetup() {
        ByteBuf in = channel.alloc().buffer(BURST * template.length());
        for (int i = 0; i < BURST; i++) {
            int h = host;
            host = plan.peer(h);
            template.write(in, xid++, OfWire.NO_BUFFER, plan.port(h), plan.mac(host), plan.mac(h), xid);
        }
        channel.writeInbound(in);
        return drainOutbound();
    }

    private int drainOutbound() {
        int bytes = 0;
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }

    /** Answers the controller's handshake requests until it has nothing more to say. */
    private void answerControl() {
        for (boolean more = true; more; ) {
            more = false;
            ByteBuf out;
            while ((out = channel.readOutbound()) != null) {
                try {
                    while (out.isReadable()) {
                        OFMessage m = READER.readFrom(out);
                        OFMessage reply = m instanceof OFHello ? null : answer(m);
                        if (reply != null) {
                            ByteBuf b = channel.alloc().buffer();
                            reply.writeTo(b);
                            channel.writeInbound(b);
                            more = true;
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("undecodable message from the controller", e);
                } finally {
                    out.release();
                }
            }
        }
    }

    private OFMessage answer(OFMessage m) {
        if (m instanceof OFSetConfig sc) {
            missSendLen = sc.getMissSendLen();
            return null;
        }
        return replies.answer(m, missSendLen);
    }

    /** The event thread is the caller: tasks run at once; timers never fire during a benchmark. */
    private static final class InlineEvents implements EventScheduler {
        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public Cancellable schedulePeriodic(String name, long initialDelayMillis, long periodMillis, Runnable task) {
            return () -> { };
        }

        @Override
        public Cancellable scheduleOnce(String name, long delayMillis, Runnable task) {
            return () -> { };
        }

        @Override
        public long nowMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public boolean inEventThread() {
            return true;
        }
    }
}
