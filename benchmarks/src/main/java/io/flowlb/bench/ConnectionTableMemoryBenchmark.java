package io.flowlb.bench;

import io.flowlb.loadbalancer.packet.FlowKey;
import io.flowlb.loadbalancer.table.ConnState;
import io.flowlb.loadbalancer.table.ConnectionTable;
import io.flowlb.loadbalancer.table.Timeouts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory of a full connection table: fills a table of N entries (default 10,000,000) and reports
 * the bytes it holds per entry, the process resident set growth and the Java heap in use. Not a
 * JMH benchmark: run it with a small bounded heap to show that the table lives off-heap, e.g.
 * {@code java -Xmx64m -cp 'benchmarks/target/classes:benchmarks/target/lib/*'
 * io.flowlb.bench.ConnectionTableMemoryBenchmark 10000000}. Exits 1 if the table exceeds 1 GiB
 * or an entry is missing.
 */
public final class ConnectionTableMemoryBenchmark {
    private static final long GIB = 1L << 30;

    private ConnectionTableMemoryBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        long rssBefore = rssBytes();
        long t0 = System.nanoTime();
        FlowKey key = new FlowKey();
        int missing = 0;
        try (ConnectionTable table = new ConnectionTable(n, Timeouts.DEFAULTS, 0x5eed)) {
            for (int i = 0; i < n; i++) {
                key.setV4(0x0b00_0000 + i, 0x0a00_0001, ConnState.PROTO_TCP, 1024 + i % 50000, 80);
                if (table.insert(key, 1, i, ConnState.TCP_ACK, t0) < 0) {
                    missing++;
                }
            }
            long fillNs = System.nanoTime() - t0;
            for (int i = 0; i < n; i += 97) {
                key.setV4(0x0b00_0000 + i, 0x0a00_0001, ConnState.PROTO_TCP, 1024 + i % 50000, 80);
                int slot = table.find(key, 1);
                if (slot < 0 || table.backendKey(slot) != i) {
                    missing++;
                }
            }
            long rssAfter = rssBytes();
            Runtime rt = Runtime.getRuntime();
            long heapUsed = rt.totalMemory() - rt.freeMemory();
            long bytes = table.memoryBytes();
            System.out.printf("entries            %,d (table size %,d, %,d slots of 64 B)%n", n, table.size(), table.slotCount());
            System.out.printf("table memory       %,d B = %.3f GiB, %.1f B/entry%n", bytes, bytes / (double) GIB, bytes / (double) n);
            System.out.printf("process RSS growth %,d B = %.3f GiB, %.1f B/entry%n", rssAfter - rssBefore,
                    (rssAfter - rssBefore) / (double) GIB, (rssAfter - rssBefore) / (double) n);
            System.out.printf("java heap in use   %,d B (max %,d B)%n", heapUsed, rt.maxMemory());
            System.out.printf("fill time          %.2f s (%.0f ns/insert, one thread, incl. key set-up)%n", fillNs / 1e9, fillNs / (double) n);
            System.out.printf("missing entries    %d%n", missing);
            if (bytes > GIB || missing != 0) {
                System.exit(1);
            }
        }
    }

    private static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
