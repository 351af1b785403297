package io.flowlb.bench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenLoopOptionsTest {

    @Test
    void readsAFullCommandLine() throws Exception {
        OpenLoopOptions o = OpenLoopOptions.parse(new String[] {"--rate", "5000", "--connections", "16", "--duration",
            "6", "--warmup", "1", "--timeout", "500", "--close", "--json", "/tmp/r.json", "http://10.0.0.101:8080/a?b=c"});
        assertEquals("10.0.0.101", o.host());
        assertEquals(8080, o.port());
        assertEquals("/a?b=c", o.path());
        assertEquals(5000, o.rate());
        assertEquals(16, o.connections());
        assertEquals(6, o.seconds());
        assertEquals(1, o.warmupSeconds());
        assertEquals(500, o.timeoutMillis());
        assertTrue(o.close());
        assertEquals("/tmp/r.json", o.jsonFile());
        assertEquals("GET /a?b=c HTTP/1.1\r\nHost: 10.0.0.101:8080\r\nUser-Agent: flowlb-open-loop\r\n"
                + "Connection: close\r\n\r\n", new String(o.requestBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void defaultsToKeepAliveOn32ConnectionsAndPort80() throws Exception {
        OpenLoopOptions o = OpenLoopOptions.parse(new String[] {"--rate", "100", "http://10.0.0.1"});
        assertEquals(80, o.port());
        assertEquals("/", o.path());
        assertEquals(32, o.connections());
        assertFalse(o.close());
        assertEquals("GET / HTTP/1.1\r\nHost: 10.0.0.1\r\nUser-Agent: flowlb-open-loop\r\n\r\n",
                new String(o.requestBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void namesTheOptionThatIsWrong() {
        assertEquals("--rate is required: the requests per second to offer", message("http://x/"));
        assertEquals("--rate must be more than 0, got -3", message("--rate", "-3", "http://x/"));
        assertEquals("--connections expects a whole number from 1 to 100000, got 'many'",
                message("--rate", "1", "--connections", "many", "http://x/"));
        assertEquals("unknown option --pipeline (see --help)", message("--rate", "1", "--pipeline", "http://x/"));
        assertEquals("URL must be http://HOST[:PORT]/PATH, got https://x/", message("--rate", "1", "https://x/"));
        assertEquals("--timeout needs a value", message("--rate", "1", "http://x/", "--timeout"));
        assertEquals("--rate x --duration must hold at least one request",
                message("--rate", "0.5", "--duration", "1", "http://x/"));
    }

    private static String message(String... args) {
        return assertThrows(OpenLoopOptions.BadArgumentException.class, () -> OpenLoopOptions.parse(args)).getMessage();
    }
}
