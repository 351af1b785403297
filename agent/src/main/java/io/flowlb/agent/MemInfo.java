package io.flowlb.agent;

/**
 * Memory use from {@code /proc/meminfo}: {@code (MemTotal - MemAvailable) / MemTotal}.
 *
 * <p>{@code MemAvailable} (Linux 3.14 and later) already counts reclaimable page cache as
 * available, so a server with a warm file cache does not look full. On older kernels the
 * estimate {@code MemFree + Buffers + Cached} is used instead. Like {@code /proc/stat}, this
 * file is host-wide: every Mininet host reads the same figure.
 */
final class MemInfo {

    private MemInfo() {
    }

    /** The used-memory percent, or NaN when the text has no usable {@code MemTotal}. */
    static double usedPercent(String meminfo) {
        long total = -1;
        long available = -1;
        long free = -1;
        long buffers = 0;
        long cached = 0;
        for (String line : meminfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            long kb = kilobytes(line, colon + 1);
            switch (line.substring(0, colon)) {
                case "MemTotal" -> total = kb;
                case "MemAvailable" -> available = kb;
                case "MemFree" -> free = kb;
                case "Buffers" -> buffers = Math.max(kb, 0);
                case "Cached" -> cached = Math.max(kb, 0);
                default -> { }
            }
        }
        if (available < 0 && free >= 0) {
            available = free + buffers + cached;
        }
        if (total <= 0 || available < 0) {
            return Double.NaN;
        }
        return 100.0 * Math.max(0, total - Math.min(available, total)) / total;
    }

    /** The number after the colon ("  24684084 kB"), or -1 when it is not a number. */
    private static long kilobytes(String line, int from) {
        String value = line.substring(from).trim();
        int space = value.indexOf(' ');
        if (space > 0) {
            value = value.substring(0, space);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
