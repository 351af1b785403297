package io.flowlb.flowswitch.it;

/** The small Python programs the hosts of a {@link SwitchLab} run (Debian's /usr/bin/python3). */
final class LabScripts {
    static final String PYTHON = "/usr/bin/python3";

    /** Serves TCP on argv[1]; answers every line on every connection with its name (argv[2]). */
    static final String NAME_SERVER = """
            import socket, sys, threading
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(('0.0.0.0', int(sys.argv[1]))); s.listen(128)
            def serve(c):
                f = c.makefile('rb')
                try:
                    for line in f:
                        c.sendall((sys.argv[2] + '\\n').encode())
                except OSError:
                    pass
                c.close()
            while True:
                c, _ = s.accept()
                threading.Thread(target=serve, args=(c,), daemon=True).start()
            """;

    /** Opens argv[3] connections to argv[1]:argv[2], one after the other; prints each server's name. */
    static final String NAME_CLIENT = """
            import socket, sys
            for i in range(int(sys.argv[3])):
                c = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=5)
                c.sendall(b'who\\n'); f = c.makefile('rb'); print(f.readline().decode().strip(), flush=True)
                c.close()
            """;

    /**
     * One connection kept open: prints the server's name, waits for a line on stdin, asks again on
     * the same connection and prints the name again.
     */
    static final String STICKY_CLIENT = """
            import socket, sys
            c = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=10); f = c.makefile('rb')
            c.sendall(b'who\\n'); print(f.readline().decode().strip(), flush=True)
            sys.stdin.readline()
            c.sendall(b'who\\n'); print(f.readline().decode().strip(), flush=True)
            """;

    /** Receives until EOF on port argv[1], answers with the byte count and SHA-256, once. */
    static final String DIGEST_SERVER = """
            import socket, hashlib, sys
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(('0.0.0.0', int(sys.argv[1]))); s.listen(4); s.settimeout(60)
            c, _ = s.accept(); c.settimeout(60); h = hashlib.sha256(); n = 0
            while True:
                d = c.recv(65536)
                if not d: break
                h.update(d); n += len(d)
            c.sendall(('%d %s' % (n, h.hexdigest())).encode()); c.close()
            """;

    /** Sends argv[3] deterministic bytes to argv[1]:argv[2]; exits 0 when the server saw them all. */
    static final String DIGEST_CLIENT = """
            import socket, hashlib, sys, time
            n = int(sys.argv[3]); data = (bytes(range(256)) * (n // 256 + 1))[:n]
            for attempt in range(50):
                try:
                    c = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=20); break
                except OSError:
                    time.sleep(0.1)
            c.sendall(data); c.shutdown(socket.SHUT_WR); reply = c.recv(200).decode()
            print(reply)
            sys.exit(0 if reply == '%d %s' % (n, hashlib.sha256(data).hexdigest()) else 1)
            """;

    private LabScripts() {
    }
}
