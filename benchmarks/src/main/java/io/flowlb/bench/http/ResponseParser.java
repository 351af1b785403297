package io.flowlb.bench.http;

import java.nio.ByteBuffer;

/**
 * Finds where one HTTP/1.1 response ends in the bytes read from a connection, a piece at a time:
 * the status line and headers up to the empty line, then a body framed by Content-Length, by
 * chunked transfer coding, or by the end of the connection. It keeps only the header bytes (at
 * most {@value #MAX_HEADER} of them) and counts the body.
 *
 * <p>Thread safety: none; owned by the connection's thread.
 */
final class ResponseParser {

    /** More bytes are needed. */
    static final int MORE = 0;
    /** The response is complete. */
    static final int DONE = 1;
    /** The bytes are not an HTTP/1.x response this parser can frame; see {@link #error()}. */
    static final int BAD = -1;

    static final int MAX_HEADER = 16 * 1024;

    private enum Phase { HEADER, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_CRLF, TRAILER, UNTIL_EOF, DONE }

    private final byte[] header = new byte[MAX_HEADER];
    private int headerLength;
    private Phase phase = Phase.HEADER;
    private long remaining;
    private long chunkSize;
    private boolean sawDigit;
    private boolean sizeEnded;
    private int lineLength;
    private int status;
    private boolean closeAfter;
    private String error;

    /** Ready for the next response. */
    void reset() {
        headerLength = 0;
        phase = Phase.HEADER;
        remaining = 0;
        status = 0;
        closeAfter = false;
        error = null;
    }

    /** The status code of the response (after its headers were read). */
    int status() {
        return status;
    }

    /** True when the server said it closes the connection after this response (or HTTP/1.0). */
    boolean closeAfter() {
        return closeAfter;
    }

    String error() {
        return error;
    }

    /** Consumes bytes of {@code in} up to the end of the response; returns MORE, DONE or BAD. */
    int feed(ByteBuffer in) {
        while (in.hasRemaining()) {
            int r = switch (phase) {
                case HEADER -> header(in);
                case BODY -> body(in);
                case CHUNK_SIZE, CHUNK_CRLF, TRAILER, CHUNK_DATA -> chunked(in);
                case UNTIL_EOF -> {
                    in.position(in.limit());
                    yield MORE;
                }
                case DONE -> DONE;
            };
            if (r != MORE) {
                return r;
            }
        }
        return phase == Phase.DONE ? DONE : MORE;
    }

    /** The connection ended: DONE when the body was framed by the end of the connection, else BAD. */
    int endOfStream() {
        if (phase == Phase.UNTIL_EOF) {
            phase = Phase.DONE;
            return DONE;
        }
        return fail(headerLength == 0 && phase == Phase.HEADER ? "connection closed before a response"
                : "connection closed in the middle of a response");
    }

    private int header(ByteBuffer in) {
        while (in.hasRemaining()) {
            if (headerLength == MAX_HEADER) {
                return fail("response headers longer than " + MAX_HEADER + " bytes");
            }
            byte b = in.get();
            header[headerLength++] = b;
            if (b == '\n' && endsWithBlankLine()) {
                return headersDone();
            }
        }
        return MORE;
    }

    private boolean endsWithBlankLine() {
        int n = headerLength;
        return (n >= 2 && header[n - 2] == '\n') || (n >= 4 && header[n - 2] == '\r' && header[n - 3] == '\n');
    }

    private int headersDone() {
        if (!startsWith(0, "http/1.") || headerLength < 12) {
            return fail("not an HTTP/1.x status line");
        }
        closeAfter = header[7] == '0';
        status = (digit(header[9]) * 100) + (digit(header[10]) * 10) + digit(header[11]);
        if (status < 100 || status > 999) {
            return fail("bad status code");
        }
        long length = -1;
        boolean chunked = false;
        for (int line = nextLine(0); line < headerLength && header[line] != '\r' && header[line] != '\n';
                line = nextLine(line)) {
            if (startsWith(line, "content-length:")) {
                length = number(line + 15);
                if (length < 0) {
                    return fail("bad Content-Length");
                }
            } else if (startsWith(line, "transfer-encoding:")) {
                chunked = contains(line, "chunked");
            } else if (startsWith(line, "connection:")) {
                closeAfter |= contains(line, "close");
            }
        }
        if (status == 204 || status == 304 || status < 200) {
            if (status < 200) { // 1xx: an interim response; the real one follows
                headerLength = 0;
                return MORE;
            }
            phase = Phase.DONE;
        } else if (chunked) {
            phase = Phase.CHUNK_SIZE;
            startLine();
        } else if (length >= 0) {
            remaining = length;
            phase = length == 0 ? Phase.DONE : Phase.BODY;
        } else {
            closeAfter = true;
            phase = Phase.UNTIL_EOF;
        }
        return phase == Phase.DONE ? DONE : MORE;
    }

    private int body(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        in.position(in.position() + n);
        remaining -= n;
        if (remaining == 0) {
            phase = Phase.DONE;
            return DONE;
        }
        return MORE;
    }

    private int chunked(ByteBuffer in) {
        if (phase == Phase.CHUNK_DATA) {
            int n = (int) Math.min(chunkSize, in.remaining());
            in.position(in.position() + n);
            chunkSize -= n;
            if (chunkSize == 0) {
                phase = Phase.CHUNK_CRLF;
                startLine();
            }
            return MORE;
        }
        byte b = in.get();
        if (b != '\n') {
            if (++lineLength > 1024) {
                return fail("chunk line longer than 1024 bytes");
            }
            if (phase == Phase.CHUNK_SIZE && !sizeEnded) { // hex digits, then extensions or CR
                int h = hex(b);
                sizeEnded = h < 0 || chunkSize >= 1L << 40;
                if (!sizeEnded) {
                    chunkSize = chunkSize * 16 + h;
                    sawDigit = true;
                }
            }
            return MORE;
        }
        return switch (phase) {
            case CHUNK_SIZE -> chunkSizeLine();
            case CHUNK_CRLF -> {
                phase = Phase.CHUNK_SIZE;
                startLine();
                yield MORE;
            }
            default -> trailerLine();
        };
    }

    private int chunkSizeLine() {
        if (!sawDigit) {
            return fail("bad chunk size");
        }
        if (chunkSize == 0) {
            phase = Phase.TRAILER;
            startLine();
            return MORE;
        }
        phase = Phase.CHUNK_DATA;
        return MORE;
    }

    private int trailerLine() {
        boolean blank = lineLength == 0 || lineLength == 1;
        startLine();
        if (blank) {
            phase = Phase.DONE;
            return DONE;
        }
        return MORE;
    }

    private void startLine() {
        lineLength = 0;
        chunkSize = 0;
        sawDigit = false;
        sizeEnded = false;
    }

    private int fail(String why) {
        error = why;
        return BAD;
    }

    private int nextLine(int from) {
        int i = from;
        while (i < headerLength && header[i] != '\n') {
            i++;
        }
        return i + 1;
    }

    private boolean startsWith(int at, String lower) {
        if (at + lower.length() > headerLength) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            if (Character.toLowerCase((char) header[at + i]) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(int line, String lower) {
        for (int i = line; i < headerLength && header[i] != '\n'; i++) {
            if (startsWith(i, lower)) {
                return true;
            }
        }
        return false;
    }

    private long number(int at) {
        int i = at;
        while (i < headerLength && (header[i] == ' ' || header[i] == '\t')) {
            i++;
        }
        long v = -1;
        while (i < headerLength && header[i] >= '0' && header[i] <= '9' && v < 1L << 50) {
            v = (v < 0 ? 0 : v * 10) + header[i++] - '0';
        }
        return v;
    }

    private static int digit(byte b) {
        return b >= '0' && b <= '9' ? b - '0' : -1000;
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }
}
