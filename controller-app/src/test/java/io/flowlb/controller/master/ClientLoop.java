package io.flowlb.controller.master;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A client in a network namespace that opens one new TCP connection after another to a VIP and
 * fetches a page, recording for each connection when it started and which server answered (the
 * servers' pages name them) or how it failed. A small Python program, so that requests are not
 * paced by process start-up.
 */
final class ClientLoop implements AutoCloseable {
    private static final String PROGRAM = """
            import socket, sys, time
            host, port = sys.argv[1], int(sys.argv[2])
            while True:
                started = time.time()
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.bind(("", 0))
                local = s.getsockname()[1]
                try:
                    s.settimeout(1.0)
                    s.connect((host, port))
                    s.settimeout(2.0)
                    s.sendall(b"GET / HTTP/1.0\\r\\nHost: vip\\r\\n\\r\\n")
                    data = b""
                    while True:
                        chunk = s.recv(4096)
                        if not chunk:
                            break
                        data += chunk
                    head, _, body = data.partition(b"\\r\\n\\r\\n")
                    if not head.startswith(b"HTTP/1.0 200"):
                        raise ValueError("status")
                    print("%d ok %d %s" % (started * 1000, local, body.decode().strip()), flush=True)
                except Exception as e:
                    print("%d err %d %s" % (started * 1000, local, type(e).__name__), flush=True)
                finally:
                    s.close()
                time.sleep(0.002)
            """;

    /**
     * One connection: when it was opened (wall clock), its client port, and the server that
     * answered or the error.
     */
    record Sample(long atMillis, boolean ok, int clientPort, String what) {
    }

    private final Process process;
    private final Path output;

    ClientLoop(String ns, String host, int port, Path dir) throws IOException {
        Path program = dir.resolve("client.py");
        Files.writeString(program, PROGRAM);
        output = dir.resolve("client-" + ns + ".log");
        process = new ProcessBuilder("ip", "netns", "exec", ns, "/usr/bin/python3", "-u", program.toString(), host,
                Integer.toString(port)).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Every connection so far. */
    List<Sample> samples() throws IOException {
        List<Sample> out = new ArrayList<>();
        for (String line : Files.readAllLines(output)) {
            String[] f = line.split(" ", 4);
            if (f.length == 4) {
                out.add(new Sample(Long.parseLong(f[0]), f[1].equals("ok"), Integer.parseInt(f[2]), f[3]));
            }
        }
        return out;
    }

    /** The connections opened in {@code [from, to)}. */
    List<Sample> between(long fromMillis, long toMillis) throws IOException {
        return samples().stream().filter(s -> s.atMillis() >= fromMillis && s.atMillis() < toMillis).toList();
    }

    /** The fraction of the successful connections in {@code samples} that {@code server} answered. */
    static double share(List<Sample> samples, String server) {
        long ok = samples.stream().filter(Sample::ok).count();
        return ok == 0 ? 0 : (double) samples.stream().filter(s -> s.ok() && s.what().equals(server)).count() / ok;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
