package io.flowlb.controller.resource;

import io.flowlb.loadbalancer.distribution.AgentCheckState;
import io.flowlb.loadbalancer.model.Monitor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The health probes, over ordinary sockets of the controller host: a TCP connect, an HTTP GET
 * whose status must be in the monitor's expected ranges, and an ICMP echo ({@link IcmpPinger}).
 *
 * <p>The controller host reaches the members directly in a lab with a management route, and
 * through the pseudo-interface in Mininet, where the kernel routes the servers' subnet via the
 * TAP device and the probes leave as PACKET_OUT and return as PACKET_IN. Either way the probe
 * code is the same. {@code sourceAddress}, when set, binds every probe to one local address
 * (the control VIP, say) so the servers see one stable source.
 *
 * <p>The same sockets fetch agent-check lines ({@link #read}): connect to the agent port, read
 * up to the first newline (at most {@link AgentCheckState#MAX_REPLY_LENGTH} characters), close.
 *
 * <p>Design choices:
 * <ul>
 *   <li>A refused connection (RST) is a failure at once; only a silent member waits for the
 *       timeout. The whole probe, connect and read, must finish within the monitor's timeout.</li>
 *   <li>Connections close with an RST (linger 0): the controller opens one per probe, several a
 *       second, and must not pile up TIME_WAIT sockets.</li>
 *   <li>HTTP: {@code GET path HTTP/1.1} with {@code Host: address[:port]} and
 *       {@code Connection: close}; only the status line and the headers are read, at most
 *       {@value #MAX_HEAD} bytes, never the body.</li>
 * </ul>
 *
 * <p>Thread safety: stateless apart from the shared {@link IcmpPinger}; safe from any thread.
 */
public final class SocketProber implements Prober, AgentLineReader, AutoCloseable {
    static final int MAX_HEAD = 8192;
    private static final String USER_AGENT = "flowlb-health-check";

    private final InetAddress source;
    private final IcmpPinger icmp;

    /** @param source the local address probes are sent from, or null for the kernel's choice */
    public SocketProber(InetAddress source) {
        this.source = source;
        this.icmp = new IcmpPinger(source);
    }

    @Override
    public ProbeResult probe(Monitor monitor, InetAddress address, int port) {
        return switch (monitor.type()) {
            case ICMP -> icmp.ping(address, monitor.timeoutMs());
            case TCP -> tcp(address, port, monitor.timeoutMs());
            case HTTP -> http(monitor, address, port);
        };
    }

    private ProbeResult tcp(InetAddress address, int port, long timeoutMs) {
        long start = System.nanoTime();
        try (Socket s = connect(address, port, timeoutMs)) {
            return ProbeResult.ok("connected", IcmpPinger.millis(start));
        } catch (IOException e) {
            return failure(e, timeoutMs, start);
        }
    }

    private ProbeResult http(Monitor monitor, InetAddress address, int port) {
        long start = System.nanoTime();
        long deadline = start + monitor.timeoutMs() * 1_000_000L;
        try (Socket s = connect(address, port, monitor.timeoutMs())) {
            OutputStream out = s.getOutputStream();
            out.write(request(monitor.httpPath(), address, port));
            out.flush();
            byte[] head = new byte[MAX_HEAD];
            int len = 0;
            int status = HttpStatusLine.INCOMPLETE;
            while (len < head.length && HttpStatusLine.endOfHead(head, len) < 0) {
                int n = read(s, head, len, deadline);
                if (n < 0) {
                    break;
                }
                len += n;
                status = HttpStatusLine.status(head, len);
                if (status == HttpStatusLine.INVALID) {
                    break;
                }
            }
            long took = IcmpPinger.millis(start);
            if (status < 0) {
                return ProbeResult.failed(ProbeResult.Outcome.BAD_RESPONSE, len == 0 ? "closed without an answer"
                        : "not an HTTP answer: \"" + HttpStatusLine.firstLine(head, len) + "\"", took);
            }
            return monitor.expectedStatus().matches(status) ? ProbeResult.ok("status " + status, took)
                    : ProbeResult.failed(ProbeResult.Outcome.BAD_STATUS, "status " + status + ", expected "
                    + monitor.expectedStatus(), took);
        } catch (IOException e) {
            return failure(e, monitor.timeoutMs(), start);
        }
    }

    @Override
    public Answer read(InetAddress address, int port, long timeoutMillis) {
        long start = System.nanoTime();
        long deadline = start + timeoutMillis * 1_000_000L;
        try (Socket s = connect(address, port, timeoutMillis)) {
            byte[] line = new byte[AgentCheckState.MAX_REPLY_LENGTH + 1];
            int len = 0;
            while (len < line.length) {
                int n = read(s, line, len, deadline);
                if (n < 0) {
                    break;
                }
                int end = indexOf(line, len, len + n, (byte) '\n');
                len += n;
                if (end >= 0) {
                    return Answer.line(text(line, end));
                }
            }
            if (len == 0) {
                return Answer.failed(ProbeResult.Outcome.BAD_RESPONSE, "the agent closed without a line");
            }
            if (len >= line.length) {
                return Answer.failed(ProbeResult.Outcome.BAD_RESPONSE, "no line end within "
                        + AgentCheckState.MAX_REPLY_LENGTH + " characters");
            }
            return Answer.line(text(line, len));
        } catch (IOException e) {
            ProbeResult r = failure(e, timeoutMillis, start);
            return Answer.failed(r.outcome(), r.detail());
        }
    }

    /** Reads into {@code buf[len..]}, waiting no later than {@code deadline} ({@link System#nanoTime}). */
    private static int read(Socket s, byte[] buf, int len, long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw new SocketTimeoutException("read timed out");
        }
        s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        return s.getInputStream().read(buf, len, buf.length - len);
    }

    private static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** The line without a trailing CR, as ISO-8859-1 so that every byte maps to one character. */
    private static String text(byte[] b, int len) {
        int end = len > 0 && b[len - 1] == '\r' ? len - 1 : len;
        return new String(b, 0, end, StandardCharsets.ISO_8859_1);
    }

    private Socket connect(InetAddress address, int port, long timeoutMs) throws IOException {
        Socket s = new Socket();
        try {
            s.setSoLinger(true, 0);
            s.setTcpNoDelay(true);
            if (source != null) {
                s.bind(new InetSocketAddress(source, 0));
            }
            s.connect(new InetSocketAddress(address, port), (int) Math.min(Integer.MAX_VALUE, timeoutMs));
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    static byte[] request(String path, InetAddress address, int port) {
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        if (port != 80) {
            host += ":" + port;
        }
        return ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + USER_AGENT
                + "\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static ProbeResult failure(IOException e, long timeoutMs, long start) {
        long took = IcmpPinger.millis(start);
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = msg.toLowerCase(Locale.ROOT);
        if (e instanceof SocketTimeoutException) {
            return ProbeResult.failed(ProbeResult.Outcome.TIMEOUT, "no answer within " + timeoutMs + " ms", took);
        }
        if (e instanceof NoRouteToHostException || lower.contains("unreachable")) {
            return ProbeResult.failed(ProbeResult.Outcome.UNREACHABLE, msg, took);
        }
        if (e instanceof ConnectException && lower.contains("refused")) {
            return ProbeResult.failed(ProbeResult.Outcome.REFUSED, "connection refused", took);
        }
        return ProbeResult.failed(ProbeResult.Outcome.ERROR, msg, took);
    }

    /** The ICMP socket kind in use for one family ("ping", "raw"), or null; for diagnostics and tests. */
    String icmpSocketKind(boolean ipv6) {
        return icmp.socketKind(ipv6);
    }

    @Override
    public void close() {
        icmp.close();
    }
}
