package io.flowlb.controller.resource;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ICMP echo for health checks: many probes at once share one socket per address family, and
 * one receiving thread per socket matches the answers to the probes waiting for them.
 *
 * <p>A probe ({@link #ping}) sends an echo request with a fresh sequence number and waits on a
 * future, which unmounts a virtual thread instead of pinning it in native code. The receiver
 * completes the future when the echo reply comes back from the probed address, or when an ICMP
 * destination-unreachable quotes the request (then the probe fails at once).
 *
 * <p>Sockets open on first use. When neither a ping socket nor a raw socket may be opened, every
 * ICMP probe of that family is {@link ProbeResult.Outcome#UNAVAILABLE}, which leaves health as it
 * is; the reason is logged once.
 *
 * <p>Thread safety: {@link #ping} may be called from any number of threads at once; the pending
 * probes live in a concurrent map keyed by sequence number; each socket is read by its own thread.
 */
final class IcmpPinger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IcmpPinger.class);
    private static final int POLL_MILLIS = 200;
    private static final int EHOSTUNREACH = 113;
    private static final int ENETUNREACH = 101;

    private final InetAddress source;
    private final int identifier = ThreadLocalRandom.current().nextInt(1, 0x10000);
    private final Family v4 = new Family(false);
    private final Family v6 = new Family(true);
    private volatile boolean closed;

    private record Pending(InetAddress target, CompletableFuture<IcmpEcho.Answer> answer) {
    }

    /** The socket of one family, opened on first use, and the probes waiting for its answers. */
    private final class Family {
        final boolean isV6;
        final ConcurrentHashMap<Integer, Pending> pending = new ConcurrentHashMap<>();
        final AtomicInteger sequence = new AtomicInteger(ThreadLocalRandom.current().nextInt(0x10000));
        IcmpSocket socket;
        String unavailable;
        Thread receiver;

        Family(boolean isV6) {
            this.isV6 = isV6;
        }

        synchronized IcmpSocket socket() {
            if (socket == null && unavailable == null && !closed) {
                try {
                    socket = IcmpSocket.open(isV6, source);
                    LOG.info("ICMP{} health checks use a {} socket", isV6 ? "v6" : "", socket.isRaw() ? "raw" : "ping");
                    receiver = Thread.ofPlatform().daemon(true).name(isV6 ? "icmp6-receiver" : "icmp-receiver")
                            .start(this::receive);
                } catch (IcmpSocket.OpenException e) {
                    unavailable = e.getMessage();
                    LOG.warn("ICMP health checks are unavailable: {}; ICMP monitors leave health unchanged",
                            unavailable);
                }
            }
            return socket;
        }

        int nextSequence() {
            for (int i = 0; i < 0x10000; i++) {
                int s = sequence.getAndIncrement() & 0xffff;
                if (!pending.containsKey(s)) {
                    return s;
                }
            }
            return -1;
        }

        private void receive() {
            IcmpSocket s = socket;
            try {
                while (!closed) {
                    if (!s.awaitReadable(POLL_MILLIS)) {
                        continue;
                    }
                    IcmpSocket.Received r;
                    while ((r = s.receive()) != null) {
                        deliver(s, r);
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("the ICMP receiver stopped: {}", e.toString(), e);
            } finally {
                s.close();
            }
        }

        private void deliver(IcmpSocket s, IcmpSocket.Received r) {
            IcmpEcho.Answer a = IcmpEcho.parse(isV6, s.isRaw() && !isV6, r.bytes(), r.length());
            if (a == null || s.isRaw() && a.identifier() != identifier) {
                return;
            }
            Pending p = pending.get(a.sequence());
            if (p != null && (a.kind() == IcmpEcho.Kind.UNREACHABLE || p.target().equals(r.from()))
                    && pending.remove(a.sequence(), p)) {
                p.answer().complete(a);
            }
        }
    }

    IcmpPinger(InetAddress source) {
        this.source = source;
    }

    /** Sends one echo request and waits for its answer; never throws. */
    ProbeResult ping(InetAddress target, long timeoutMillis) {
        long start = System.nanoTime();
        Family f = target.getAddress().length == 16 ? v6 : v4;
        IcmpSocket s = f.socket();
        if (s == null) {
            return ProbeResult.failed(ProbeResult.Outcome.UNAVAILABLE,
                    f.unavailable == null ? "stopped" : f.unavailable, 0);
        }
        int seq = f.nextSequence();
        if (seq < 0) {
            return ProbeResult.failed(ProbeResult.Outcome.UNAVAILABLE, "65536 ICMP probes outstanding", 0);
        }
        Pending p = new Pending(target, new CompletableFuture<>());
        f.pending.put(seq, p);
        try {
            int errno = s.send(target, IcmpEcho.request(f.isV6, identifier, seq));
            if (errno != 0) {
                ProbeResult.Outcome o = errno == EHOSTUNREACH || errno == ENETUNREACH
                        ? ProbeResult.Outcome.UNREACHABLE : ProbeResult.Outcome.ERROR;
                return ProbeResult.failed(o, "sending the echo request: " + IcmpSocket.strerror(errno), millis(start));
            }
            IcmpEcho.Answer a = p.answer().get(timeoutMillis, TimeUnit.MILLISECONDS);
            return a.kind() == IcmpEcho.Kind.REPLY ? ProbeResult.ok("echo reply", millis(start))
                    : ProbeResult.failed(ProbeResult.Outcome.UNREACHABLE, "destination unreachable (code " + a.code()
                    + ")", millis(start));
        } catch (TimeoutException e) {
            return ProbeResult.failed(ProbeResult.Outcome.TIMEOUT, "no echo reply within " + timeoutMillis + " ms",
                    millis(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.failed(ProbeResult.Outcome.UNAVAILABLE, "interrupted", millis(start));
        } catch (ExecutionException e) {
            return ProbeResult.failed(ProbeResult.Outcome.ERROR, e.getCause().toString(), millis(start));
        } finally {
            f.pending.remove(seq, p);
        }
    }

    /** "ping" or "raw": the kind of socket the family's probes use, or null before the first probe or without one. */
    String socketKind(boolean ipv6) {
        Family f = ipv6 ? v6 : v4;
        synchronized (f) {
            return f.socket == null ? null : f.socket.isRaw() ? "raw" : "ping";
        }
    }

    /** Stops the receivers, which close their sockets within {@value #POLL_MILLIS} ms. */
    @Override
    public void close() {
        closed = true;
        for (Family f : new Family[] {v4, v6}) {
            Thread t;
            synchronized (f) {
                t = f.receiver;
            }
            if (t != null) {
                try {
                    t.join(2 * POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    static long millis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
