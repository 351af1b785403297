package io.flowlb.agent;

/**
 * Counts the clients of the service from {@code /proc/net/tcp} and {@code /proc/net/tcp6}:
 * sockets in state ESTABLISHED ({@code 01}) whose local port is the service port.
 *
 * <p>Listening sockets ({@code 0A}), TIME_WAIT ({@code 06}), half-open and closing sockets do
 * not count. The local address is not checked, so a DSR server that accepts on the VIP held on
 * its loopback counts those clients too. These files are per network namespace, so the count is
 * right for each Mininet host.
 */
final class TcpTable {

    private static final String ESTABLISHED = "01";

    private TcpTable() {
    }

    /** Established sockets on local {@code port} in one {@code /proc/net/tcp[6]} text; malformed lines are skipped. */
    static int countEstablished(String table, int port) {
        int count = 0;
        int start = 0;
        int length = table.length();
        while (start < length) {
            int end = table.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            if (isEstablishedOnPort(table, start, end, port)) {
                count++;
            }
            start = end + 1;
        }
        return count;
    }

    /** Line layout: {@code "  sl: local_address rem_address st ..."}, addresses as {@code HEXADDR:HEXPORT}. */
    private static boolean isEstablishedOnPort(String table, int start, int end, int port) {
        String[] fields = table.substring(start, end).trim().split("\\s+", 5);
        if (fields.length < 4 || !fields[0].endsWith(":")) {
            return false;
        }
        if (!ESTABLISHED.equals(fields[3])) {
            return false;
        }
        String local = fields[1];
        int colon = local.lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        try {
            return Integer.parseInt(local, colon + 1, local.length(), 16) == port;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
