package io.flowlb.controller.resource;

import java.nio.charset.StandardCharsets;

/**
 * Reads the status code from the start of an HTTP/1.x response: {@code HTTP/1.1 200 OK}. Only
 * the status line matters to a health check; the headers are read to their end (so the server
 * is not reset mid-answer) but not interpreted.
 *
 * <p>Accepted: {@code HTTP/} one digit {@code .} one digit, one space, three digits (100-599),
 * then a space, CR or LF (the reason phrase may be empty). Anything else is not an HTTP answer.
 *
 * <p>Thread safety: stateless.
 */
final class HttpStatusLine {
    /** What {@link #status} returns for bytes that are not an HTTP status line. */
    static final int INVALID = -1;
    /** What {@link #status} returns while the line may still become valid with more bytes. */
    static final int INCOMPLETE = -2;

    private static final int LINE_PREFIX = "HTTP/1.1 200".length();

    private HttpStatusLine() {
    }

    /** The status code in {@code buf[0..len)}, {@link #INCOMPLETE} or {@link #INVALID}. */
    static int status(byte[] buf, int len) {
        byte[] proto = {'H', 'T', 'T', 'P', '/'};
        for (int i = 0; i < proto.length; i++) {
            if (i >= len) {
                return INCOMPLETE;
            }
            if (buf[i] != proto[i]) {
                return INVALID;
            }
        }
        if (len <= LINE_PREFIX) {
            return prefixValid(buf, len) ? INCOMPLETE : INVALID;
        }
        if (!prefixValid(buf, LINE_PREFIX + 1)) {
            return INVALID;
        }
        int code = (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + (buf[11] - '0');
        return code >= 100 && code <= 599 ? code : INVALID;
    }

    /** True when {@code buf[0..len)} is a valid beginning of a status line (len at most 13). */
    private static boolean prefixValid(byte[] buf, int len) {
        for (int i = 5; i < len; i++) {
            byte b = buf[i];
            boolean good = switch (i) {
                case 5, 7 -> isDigit(b);
                case 6 -> b == '.';
                case 8 -> b == ' ';
                case 9, 10, 11 -> isDigit(b);
                default -> b == ' ' || b == '\r' || b == '\n';
            };
            if (!good) {
                return false;
            }
        }
        return true;
    }

    /** The index just past the blank line that ends the head ({@code \r\n\r\n} or {@code \n\n}), or -1. */
    static int endOfHead(byte[] buf, int len) {
        for (int i = 1; i < len; i++) {
            if (buf[i] == '\n' && (buf[i - 1] == '\n' || i >= 2 && buf[i - 1] == '\r' && buf[i - 2] == '\n')) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The first line of {@code buf}, printable, at most 80 characters, for error messages. */
    static String firstLine(byte[] buf, int len) {
        int end = 0;
        while (end < len && end < 80 && buf[end] != '\r' && buf[end] != '\n') {
            end++;
        }
        StringBuilder b = new StringBuilder(end);
        for (char c : new String(buf, 0, end, StandardCharsets.ISO_8859_1).toCharArray()) {
            b.append(c >= ' ' && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
