package io.flowlb.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AgentCheckServerTest {

    private final RecordingLog log = new RecordingLog();
    private final AtomicReference<String> line = new AtomicReference<>("up ready 75%\n");
    private AgentCheckServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** What a poller reads from a fresh connection until the agent closes it. */
    static String poll(int port, String send) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            if (send != null) {
                OutputStream out = s.getOutputStream();
                out.write(send.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void writesTheCurrentLineAndClosesOnEachConnection() throws IOException {
        server = started();

        assertThat(poll(server.port(), null)).isEqualTo("up ready 75%\n");
        line.set("up drain 75%\n");
        assertThat(poll(server.port(), null)).isEqualTo("up drain 75%\n");
        assertThat(server.answered()).isEqualTo(2);
    }

    @Test
    void aPollerThatSendsTextFirstStillGetsTheWholeLine() throws IOException {
        server = started();

        // HAProxy's agent-send: unread input must not turn the close into a reset that eats the line.
        assertThat(poll(server.port(), "hello from haproxy\n".repeat(50))).isEqualTo("up ready 75%\n");
    }

    @Test
    void manySimultaneousPollersAreAllAnswered() throws Exception {
        server = started();
        int pollers = AgentCheckServer.MAX_LINGERING + 100;
        List<Future<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < pollers; i++) {
                answers.add(pool.submit(() -> poll(server.port(), null)));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo("up ready 75%\n");
            }
        }
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void aTakenPortFailsAtStartWithThePortNamed() throws IOException {
        server = started();

        assertThatThrownBy(() -> new AgentCheckServer(server.port(), line::get, log))
                .isInstanceOf(IOException.class).hasMessageContaining("agent-check port " + server.port());
    }

    private AgentCheckServer started() throws IOException {
        AgentCheckServer s = new AgentCheckServer(0, line::get, log);
        s.start();
        return s;
    }
}
