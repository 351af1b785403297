package io.flowlb.flowswitch;

import io.flowlb.flowswitch.datapath.Datapath;
import io.flowlb.flowswitch.datapath.NanoClock;
import io.flowlb.flowswitch.datapath.spec.ConnectionTableStats;
import io.flowlb.flowswitch.engine.Agent;
import io.flowlb.flowswitch.io.NetPort;
import io.flowlb.flowswitch.io.PortCounters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code --stats-file}: about once a second the switch rewrites a small JSON document with
 * what tools cannot get over OpenFlow: each poller's connection count (OpenFlow group stats have
 * no field for it), the ports' kernel-side figures and every datapath counter. It is written to
 * a temporary file beside the target and renamed over it, so a reader always sees a whole
 * document.
 *
 * <pre>{
 *   "switch": "s1", "uptime_ms": 12034, "connections": 999900, "connection_entries": 999900,
 *   "pollers": [{"poller": 0, "connections": 999900, "entries": 999900, "capacity": 1048576}],
 *   "ports": [{"port": 1, "name": "veth0", "rx_packets": 1, "rx_bytes": 60, "rx_dropped": 0,
 *              "rx_overruns": 0, "tx_packets": 0, "tx_bytes": 0, "tx_dropped": 0, "tx_errors": 0}],
 *   "counters": {"microflow_hits": 1, ...}
 * }</pre>
 *
 * <p>Runs on the housekeeping thread. A write that fails (disk full, directory gone) is logged
 * once per distinct error and retried on the next period; it never stops the switch.
 */
final class StatsFile implements Agent {
    private static final Logger LOG = LoggerFactory.getLogger(StatsFile.class);
    static final long PERIOD_NANOS = 1_000_000_000L;

    private final Path target;
    private final Path temp;
    private final String switchName;
    private final Datapath datapath;
    private final List<? extends NetPort> ports;
    private final NanoClock clock;
    private final long startNanos;
    private long nextWrite;
    private String lastError;

    StatsFile(Path target, String switchName, Datapath datapath, List<? extends NetPort> ports, NanoClock clock) {
        this.target = target.toAbsolutePath();
        this.temp = this.target.resolveSibling(this.target.getFileName() + ".tmp");
        this.switchName = switchName;
        this.datapath = datapath;
        this.ports = List.copyOf(ports);
        this.clock = clock;
        this.startNanos = clock.nanoTime();
        this.nextWrite = startNanos;
    }

    @Override
    public String roleName() {
        return "stats-file";
    }

    @Override
    public int doWork() {
        long now = clock.nanoTime();
        if (now - nextWrite < 0) {
            return 0;
        }
        nextWrite = now + PERIOD_NANOS;
        write(now);
        return 1;
    }

    /** Writes the document now (also at close, so the last figures survive the switch). */
    void write(long now) {
        String json = render(now);
        try {
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            lastError = null;
        } catch (IOException e) {
            String message = e.toString();
            if (!message.equals(lastError)) {
                LOG.warn("cannot write the stats file {}: {} (will retry every second)", target, message);
                lastError = message;
            }
        }
    }

    @Override
    public void onClose() {
        write(clock.nanoTime());
    }

    String render(long now) {
        List<ConnectionTableStats> tables = datapath.connectionTables();
        long connections = 0;
        long entries = 0;
        for (ConnectionTableStats t : tables) {
            connections += t.connections();
            entries += t.entries();
        }
        StringBuilder b = new StringBuilder(2048);
        b.append("{\n  \"switch\": ").append(quote(switchName))
                .append(",\n  \"uptime_ms\": ").append((now - startNanos) / 1_000_000)
                .append(",\n  \"connections\": ").append(connections)
                .append(",\n  \"connection_entries\": ").append(entries)
                .append(",\n  \"pollers\": [");
        for (int i = 0; i < tables.size(); i++) {
            ConnectionTableStats t = tables.get(i);
            b.append(i == 0 ? "\n    " : ",\n    ").append("{\"poller\": ").append(t.poller())
                    .append(", \"connections\": ").append(t.connections()).append(", \"entries\": ").append(t.entries())
                    .append(", \"capacity\": ").append(t.capacity()).append('}');
        }
        b.append("\n  ],\n  \"ports\": [");
        for (int i = 0; i < ports.size(); i++) {
            port(b.append(i == 0 ? "\n    " : ",\n    "), ports.get(i));
        }
        b.append("\n  ],\n  \"counters\": {");
        boolean first = true;
        for (Map.Entry<String, Long> e : datapath.counters().entrySet()) {
            b.append(first ? "\n    " : ",\n    ").append(quote(e.getKey())).append(": ").append(e.getValue());
            first = false;
        }
        return b.append("\n  }\n}\n").toString();
    }

    private static void port(StringBuilder b, NetPort p) {
        PortCounters c = p.counters();
        b.append("{\"port\": ").append(p.portNo()).append(", \"name\": ").append(quote(p.name()))
                .append(", \"rx_packets\": ").append(c.rxPackets()).append(", \"rx_bytes\": ").append(c.rxBytes())
                .append(", \"rx_dropped\": ").append(c.rxDropped()).append(", \"rx_overruns\": ").append(c.rxOverruns())
                .append(", \"tx_packets\": ").append(c.txPackets()).append(", \"tx_bytes\": ").append(c.txBytes())
                .append(", \"tx_dropped\": ").append(c.txDropped()).append(", \"tx_errors\": ").append(c.txErrors())
                .append('}');
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }
}
