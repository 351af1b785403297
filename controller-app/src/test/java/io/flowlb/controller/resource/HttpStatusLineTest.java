package io.flowlb.controller.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpStatusLineTest {

    private static int status(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return HttpStatusLine.status(b, b.length);
    }

    @Test
    void readsTheStatusCodeOfAnHttp1StatusLine() {
        assertThat(status("HTTP/1.1 200 OK\r\n")).isEqualTo(200);
        assertThat(status("HTTP/1.0 404 Not Found\r\n")).isEqualTo(404);
        assertThat(status("HTTP/1.1 503\r\n")).as("no reason phrase").isEqualTo(503);
        assertThat(status("HTTP/1.1 301 \r\n")).isEqualTo(301);
        assertThat(status("HTTP/1.1 204\n")).as("bare LF").isEqualTo(204);
        assertThat(status("HTTP/2.0 100 Continue\r\n")).isEqualTo(100);
    }

    @Test
    void rejectsWhatIsNotAnHttpStatusLine() {
        for (String text : new String[] {"SSH-2.0-OpenSSH_9.2\r\n", "<html><body>hello</body></html>",
            "HTTP/1.1 20 OK\r\n", "HTTP/1.1 2000 OK\r\n", "HTTP/1.1 099 Low\r\n", "HTTP/1.1 600 High\r\n",
            "HTTP/1.1  200 OK\r\n", "HTTP/11 200 OK\r\n", "http/1.1 200 OK\r\n"}) {
            assertThat(status(text)).as(text).isEqualTo(HttpStatusLine.INVALID);
        }
    }

    @Test
    void waitsForMoreBytesWhileTheLineMayStillBeValid() {
        assertThat(status("")).isEqualTo(HttpStatusLine.INCOMPLETE);
        assertThat(status("HTT")).isEqualTo(HttpStatusLine.INCOMPLETE);
        assertThat(status("HTTP/1.1 2")).isEqualTo(HttpStatusLine.INCOMPLETE);
        assertThat(status("HTTP/1.1 200")).isEqualTo(HttpStatusLine.INCOMPLETE);
        assertThat(status("HTTX")).isEqualTo(HttpStatusLine.INVALID);
        assertThat(status("HTTP/1.1 2x")).isEqualTo(HttpStatusLine.INVALID);
    }

    @Test
    void findsTheBlankLineThatEndsTheHead() {
        byte[] crlf = "HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);
        byte[] lf = "HTTP/1.1 200 OK\nA: b\n\nbody".getBytes(StandardCharsets.US_ASCII);
        assertThat(HttpStatusLine.endOfHead(crlf, crlf.length)).isEqualTo(crlf.length - 4);
        assertThat(HttpStatusLine.endOfHead(lf, lf.length)).isEqualTo(lf.length - 4);
        assertThat(HttpStatusLine.endOfHead(crlf, 20)).isEqualTo(-1);
    }

    @Test
    void describesAnUnexpectedAnswerPrintably() {
        byte[] b = "SSH-2.0\u0001x\r\nmore".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(HttpStatusLine.firstLine(b, b.length)).isEqualTo("SSH-2.0?x");
    }
}
