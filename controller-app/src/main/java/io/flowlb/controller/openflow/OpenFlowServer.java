package io.flowlb.controller.openflow;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP listener switches connect to (6653 and the pre-IANA 6633 by default). Each accepted
 * connection gets its own pipeline and {@link OfSwitchSession} from the {@link SwitchManager}.
 *
 * <p>Threads: one acceptor thread; the sessions live on the event thread's own loop
 * ({@code workerThreads} 0, the default) or on {@code workerThreads} Netty event loops shared by
 * all sessions (each session stays on one loop for its life). On the event thread a PACKET_IN
 * is read, decided on and answered by one thread: no hand-off and no wake-up of another thread
 * per burst, which is what a lone PACKET_IN waits for (latency). Separate loops decode and
 * encode in parallel with the event thread, which only pays when more cores than one are free.
 *
 * <p>Each connection may hold up to {@value #WRITE_HIGH_WATER_MARK} unsent bytes; beyond that the
 * switch is treated as slow (see {@link SwitchManager}).
 *
 * <p>Thread safety: {@link #start} and {@link #close} are called by the composition root once.
 */
public final class OpenFlowServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenFlowServer.class);
    /**
     * Unsent bytes above which a switch counts as not reading (its PACKET_INs are dropped and
     * counted until it drains below the low mark): thousands of flow-mods, far more than one burst
     * of answers.
     */
    static final int WRITE_HIGH_WATER_MARK = 1 << 20;
    static final int WRITE_LOW_WATER_MARK = 256 << 10;

    private final SwitchManager manager;
    private final String bindAddress;
    private final List<Integer> ports;
    private final int workerThreads;
    private final EventLoopGroup eventThread;
    private final List<Channel> listeners = new ArrayList<>();
    private EventLoopGroup boss;
    private EventLoopGroup workers;

    /**
     * @param workerThreads Netty event loops for the sessions; 0 puts them on {@code eventThread}
     * @param eventThread the event thread's loop (not closed by this server)
     */
    public OpenFlowServer(SwitchManager manager, String bindAddress, List<Integer> ports, int workerThreads,
            EventLoopGroup eventThread) {
        this.manager = manager;
        this.bindAddress = bindAddress;
        this.ports = List.copyOf(ports);
        this.workerThreads = workerThreads;
        this.eventThread = eventThread;
    }

    /**
     * Binds every port. A port that cannot be bound (in use, no permission) stops the start with
     * an {@link IllegalStateException} that names it; nothing stays bound.
     */
    public void start() {
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        if (workerThreads > 0) {
            workers = new MultiThreadIoEventLoopGroup(workerThreads, NioIoHandler.newFactory());
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers != null ? workers : eventThread)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(WRITE_LOW_WATER_MARK, WRITE_HIGH_WATER_MARK))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        manager.initChannel(ch);
                    }
                });
        for (int port : ports) {
            InetSocketAddress addr = new InetSocketAddress(bindAddress, port);
            try {
                listeners.add(b.bind(addr).sync().channel());
            } catch (Exception e) {
                close();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                String why = e instanceof BindException ? e.getMessage() : e.toString();
                throw new IllegalStateException("cannot listen for OpenFlow on " + bindAddress + ":" + port + ": " + why
                        + (why != null && why.contains("in use") ? " (is another controller running?)" : ""), e);
            }
        }
        LOG.info("listening for OpenFlow switches on {} port(s) {}", bindAddress, boundPorts());
    }

    /** The ports actually bound (differs from the configured ones when 0 asked for any free port). */
    public List<Integer> boundPorts() {
        List<Integer> out = new ArrayList<>();
        for (Channel c : listeners) {
            out.add(((InetSocketAddress) c.localAddress()).getPort());
        }
        return out;
    }

    @Override
    public void close() {
        for (Channel c : listeners) {
            c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        listeners.clear();
        manager.close();
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }
}
