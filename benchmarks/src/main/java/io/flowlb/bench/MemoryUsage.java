package io.flowlb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The memory this JVM uses, in bytes: the Java heap in use after a full GC, the resident set
 * (VmRSS of /proc/self/status), and the native memory committed outside the Java heap as native
 * memory tracking counts it (-1 when the JVM runs without {@code -XX:NativeMemoryTracking}).
 * Differences of two of them are what a step of a memory benchmark cost.
 *
 * <p>Thread safety: immutable.
 */
record MemoryUsage(long heap, long rss, long nmtNonHeap) {
    private static final Pattern TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern HEAP = Pattern.compile("Java Heap \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

    /** Collects garbage (three full GCs, so that finalizable and phantom-reachable memory is gone) and measures. */
    static MemoryUsage take() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new MemoryUsage(heap, readRss(), readNmtNonHeap());
    }

    MemoryUsage minus(MemoryUsage earlier) {
        return new MemoryUsage(heap - earlier.heap, rss - earlier.rss,
                nmtNonHeap < 0 || earlier.nmtNonHeap < 0 ? -1 : nmtNonHeap - earlier.nmtNonHeap);
    }

    /** Adds the three figures to {@code out} as {@code prefix}heap, rss and nmt_non_heap. */
    void put(Map<String, Object> out, String prefix) {
        out.put(prefix + "heap", heap);
        out.put(prefix + "rss", rss);
        out.put(prefix + "nmt_non_heap", nmtNonHeap);
    }

    private static long readRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return -1;
    }

    /** Committed native memory minus the committed Java heap, from {@code VM.native_memory summary}. */
    private static long readNmtNonHeap() {
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            return -1;
        }
        Matcher total = TOTAL.matcher(text);
        Matcher heap = HEAP.matcher(text);
        if (!total.find() || !heap.find()) {
            return -1;
        }
        return (Long.parseLong(total.group(2)) - Long.parseLong(heap.group(2))) * 1024;
    }
}
