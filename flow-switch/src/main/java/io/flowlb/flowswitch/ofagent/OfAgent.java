package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.SwitchConfig.ControllerTarget;
import io.flowlb.flowswitch.SwitchConfig.ListenTarget;
import io.flowlb.flowswitch.datapath.DatapathControl;
import io.flowlb.openflow.OfChannels;
import io.flowlb.openflow.OfKeepaliveHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the OpenFlow agent: one Netty event loop thread ({@code of-agent}) that carries the
 * active connections to controllers (with reconnect), the passive listener for tools, and the
 * datapath's control-side housekeeping ({@link DatapathControl#doWork}: packet-in rings, flow
 * expiry, port changes), every {@link #HOUSEKEEPING_MS} ms and at once when a poller queues a
 * packet-in. Because one thread does all of it, {@link SwitchAgent} is the single writer of the
 * datapath's control state with no queue in between (see the package comment). A second daemon
 * thread ({@code of-stats-scan}) walks the connection tables for BSN generic statistics and sends
 * those replies, so that a walk of millions of entries never holds up the agent thread.
 *
 * <p>Thread safety: {@link #start} and {@link #close} from the owning (main) thread; everything
 * else happens on the event loop.
 */
public final class OfAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OfAgent.class);
    static final long HOUSEKEEPING_MS = 10;
    private static final int CONNECT_TIMEOUT_MS = 3_000;
    /** Connection counts waiting for the scan thread beyond which a request is refused. */
    private static final int SCAN_QUEUE = 8;

    private final SwitchAgent agent;
    private final DatapathControl datapath;
    private final Set<OFVersion> versions;
    private final long echoIntervalMillis;
    private final int maxMissedEchoes;
    private final ProblemLog problems;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final ChannelGroup channels;
    /** Walks the connection tables for BSN generic statistics, off the agent thread. */
    private final ExecutorService scans;
    private final List<ControllerConnector> connectors = new ArrayList<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final Runnable housekeeping = this::housekeeping;
    private Channel listener;

    public OfAgent(SwitchAgent agent, DatapathControl datapath, Set<OFVersion> versions, long echoIntervalMillis,
            int maxMissedEchoes, ProblemLog problems) {
        this.agent = agent;
        this.datapath = datapath;
        this.versions = Set.copyOf(versions);
        this.echoIntervalMillis = echoIntervalMillis;
        this.maxMissedEchoes = maxMissedEchoes;
        this.problems = problems;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("of-agent", true),
                NioIoHandler.newFactory());
        this.loop = group.next();
        this.channels = new DefaultChannelGroup("openflow", loop);
        this.scans = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(SCAN_QUEUE),
                new DefaultThreadFactory("of-stats-scan", true));
    }

    /** The agent thread, for anything that must run where the datapath's control state lives. */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Binds the listener (failing fast when the port is taken), starts the housekeeping and the
     * connections to the controllers.
     */
    public void start(List<ControllerTarget> controllers, ListenTarget listen) throws InterruptedException {
        datapath.setListener(agent);
        datapath.setWakeup(this::wakeup);
        agent.setScheduler((task, delayNanos) -> loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS));
        agent.setStatsExecutor(scans);
        loop.execute(agent::start);
        loop.scheduleWithFixedDelay(housekeeping, HOUSEKEEPING_MS, HOUSEKEEPING_MS, TimeUnit.MILLISECONDS);
        if (listen != null) {
            ServerBootstrap sb = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(initializer(OfSession.Kind.SERVICE, null));
            try {
                listener = sb.bind(new InetSocketAddress(listen.bindAddress(), listen.port())).sync().channel();
            } catch (Exception e) {
                throw new IllegalStateException("cannot listen on " + listen + ": " + e.getMessage(), e);
            }
            LOG.info("listening for OpenFlow tools on {}", listen);
        }
        for (ControllerTarget t : controllers) {
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                    .handler(initializer(OfSession.Kind.CONTROLLER, t.toString()));
            ControllerConnector c = new ControllerConnector(t, b, loop);
            connectors.add(c);
            c.start();
        }
    }

    private ChannelInitializer<SocketChannel> initializer(OfSession.Kind kind, String name) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                channels.add(ch);
                OfKeepaliveHandler keepalive = OfChannels.install(ch.pipeline(), echoIntervalMillis, maxMissedEchoes);
                String peer = name != null ? name : "tcp:" + ch.remoteAddress().getHostString() + ":"
                        + ch.remoteAddress().getPort();
                ch.pipeline().addLast("of-session", new OfSession(kind, peer, versions, agent, keepalive, problems));
            }
        };
    }

    /** The address the listener is bound to (its port when 0 was asked), or null without one. */
    public InetSocketAddress listenAddress() {
        return listener == null ? null : (InetSocketAddress) listener.localAddress();
    }

    /**
     * Runs the datapath's housekeeping on the agent thread as soon as possible: called by a poller
     * that queued a packet-in, or by the link monitor after a link change. Any thread; never blocks.
     */
    public void wakeup() {
        if (wakePending.compareAndSet(false, true)) {
            loop.execute(housekeeping);
        }
    }

    private void housekeeping() {
        wakePending.set(false);
        try {
            datapath.doWork(System.nanoTime());
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: report and keep going.
            problems.report("datapath-housekeeping-failure:" + e.getClass().getSimpleName(), e.toString());
        }
    }

    /** Closes every connection and the listener and stops the agent thread. */
    @Override
    public void close() {
        for (ControllerConnector c : connectors) {
            c.stop();
        }
        if (listener != null) {
            listener.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        channels.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        scans.shutdownNow();
        try {
            // A walk of the connection tables must end before the datapath frees them.
            scans.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
