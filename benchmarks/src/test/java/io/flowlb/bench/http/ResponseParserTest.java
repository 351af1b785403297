package io.flowlb.bench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** Feeds the text one byte at a time; returns the state after the last byte. */
    private static int feedByteByByte(ResponseParser p, String s) {
        int r = ResponseParser.MORE;
        for (int i = 0; i < s.length(); i++) {
            r = p.feed(bytes(s.substring(i, i + 1)));
            if (r != ResponseParser.MORE && i < s.length() - 1) {
                return -99;
            }
        }
        return r;
    }

    @Test
    void endsAResponseAtItsContentLengthAndKeepsTheConnection() {
        ResponseParser p = new ResponseParser();
        String resp = "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n"
                + "Connection: keep-alive\r\n\r\nh1\n";
        assertEquals(ResponseParser.DONE, p.feed(bytes(resp)));
        assertEquals(200, p.status());
        assertFalse(p.closeAfter());
    }

    @Test
    void needsEveryByteOfTheBodyWhenItArrivesInPieces() {
        ResponseParser p = new ResponseParser();
        String resp = "HTTP/1.1 404 Not Found\r\ncontent-length: 5\r\n\r\nnope\n";
        assertEquals(ResponseParser.DONE, feedByteByByte(p, resp));
        assertEquals(404, p.status());
    }

    @Test
    void seesThatTheServerClosesAfterTheResponse() {
        ResponseParser p = new ResponseParser();
        assertEquals(ResponseParser.DONE, p.feed(bytes("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")));
        assertTrue(p.closeAfter());
        p.reset();
        assertEquals(ResponseParser.DONE, p.feed(bytes("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")));
        assertTrue(p.closeAfter(), "HTTP/1.0 closes unless told otherwise");
    }

    @Test
    void framesAChunkedBodyWithExtensionsAndTrailers() {
        ResponseParser p = new ResponseParser();
        String resp = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;ext=1\r\nWiki\r\n10\r\n0123456789abcdef\r\n0\r\nX-Trailer: y\r\n\r\n";
        assertEquals(ResponseParser.DONE, feedByteByByte(p, resp));
        p.reset();
        assertEquals(ResponseParser.DONE, p.feed(bytes(resp)));
    }

    @Test
    void aBodyWithoutLengthEndsWithTheConnection() {
        ResponseParser p = new ResponseParser();
        assertEquals(ResponseParser.MORE, p.feed(bytes("HTTP/1.1 200 OK\r\n\r\nsome body")));
        assertEquals(ResponseParser.DONE, p.endOfStream());
        assertTrue(p.closeAfter());
    }

    @Test
    void aConnectionClosedMidResponseIsAnError() {
        ResponseParser p = new ResponseParser();
        assertEquals(ResponseParser.MORE, p.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")));
        assertEquals(ResponseParser.BAD, p.endOfStream());
        assertEquals("connection closed in the middle of a response", p.error());
    }

    @Test
    void rejectsWhatIsNotAnHttpResponse() {
        ResponseParser p = new ResponseParser();
        assertEquals(ResponseParser.BAD, p.feed(bytes("SSH-2.0-OpenSSH_9.2\r\n\r\n")));
        p.reset();
        assertEquals(ResponseParser.BAD, p.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n")));
        assertEquals("bad Content-Length", p.error());
    }

    @Test
    void skipsAnInterimResponse() {
        ResponseParser p = new ResponseParser();
        assertEquals(ResponseParser.DONE,
                p.feed(bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")));
        assertEquals(204, p.status());
    }
}
