package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.SwitchConfig.ControllerTarget;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one active connection to a controller: connects, and after a failure or a lost
 * connection tries again with exponential backoff (250 ms doubling up to {@link #MAX_BACKOFF_MS}),
 * back to the shortest delay once a session has come up. Logs one line per change of state
 * (unreachable, lost), not one per attempt.
 *
 * <p>Thread safety: every method runs on the agent thread (the event loop), except
 * {@link #stop()}, which only sets a flag and closes the channel.
 */
final class ControllerConnector {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerConnector.class);
    static final long MIN_BACKOFF_MS = 250;
    static final long MAX_BACKOFF_MS = 4_000;

    private final ControllerTarget target;
    private final Bootstrap bootstrap;
    private final EventLoop loop;
    private volatile boolean stopped;
    private volatile Channel channel;
    private long backoffMs = MIN_BACKOFF_MS;
    private boolean failing;

    ControllerConnector(ControllerTarget target, Bootstrap bootstrap, EventLoop loop) {
        this.target = target;
        this.bootstrap = bootstrap;
        this.loop = loop;
    }

    void start() {
        LOG.info("controller {}: connecting", target);
        loop.execute(this::connect);
    }

    private void connect() {
        if (stopped) {
            return;
        }
        ChannelFuture f = bootstrap.connect(target.host(), target.port());
        f.addListener(done -> {
            if (done.isSuccess()) {
                channel = f.channel();
                long openedAt = System.nanoTime();
                f.channel().closeFuture().addListener(closed -> onClosed(openedAt));
            } else {
                onFailure(done.cause());
            }
        });
    }

    private void onFailure(Throwable cause) {
        if (stopped) {
            return;
        }
        if (!failing) {
            failing = true;
            LOG.warn("controller {}: unreachable ({}); retrying with backoff up to {} s", target,
                    cause == null ? "unknown" : cause.getMessage(), MAX_BACKOFF_MS / 1000);
        }
        retryLater();
    }

    private void onClosed(long openedAt) {
        channel = null;
        if (stopped) {
            return;
        }
        // A connection that lasted makes the next attempt a quick one; one that dies at once backs off
        // and is reported once, like a refused one.
        if (System.nanoTime() - openedAt > TimeUnit.MILLISECONDS.toNanos(MAX_BACKOFF_MS)) {
            backoffMs = MIN_BACKOFF_MS;
            failing = false;
            LOG.debug("controller {}: connection closed; reconnecting", target);
        } else if (!failing) {
            failing = true;
            LOG.warn("controller {}: connection closed right after opening; retrying with backoff up to {} s",
                    target, MAX_BACKOFF_MS / 1000);
        }
        retryLater();
    }

    private void retryLater() {
        long delay = backoffMs;
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Stops reconnecting and closes the connection. */
    void stop() {
        stopped = true;
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }
}
