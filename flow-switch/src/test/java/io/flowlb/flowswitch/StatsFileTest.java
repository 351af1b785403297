package io.flowlb.flowswitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.apps.StandardApps;
import io.flowlb.flowswitch.datapath.Datapath;
import io.flowlb.flowswitch.datapath.DatapathConfig;
import io.flowlb.flowswitch.datapath.NanoClock;
import io.flowlb.flowswitch.datapath.Pipeline;
import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.Bucket;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.GroupModCommand;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.GroupType;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchEntry;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import io.flowlb.flowswitch.io.MemoryPort;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsFileTest {
    private static final int VIP = 0x0a00_0064;
    private final long[] now = {1_000_000_000L};
    private final NanoClock clock = () -> now[0];
    private final Datapath datapath = new Datapath(DatapathConfig.defaults(1, StandardApps.all())
            .withConnectionsPerPoller(1024), clock);
    private final MemoryPort in = new MemoryPort(1, "veth-in");
    private final MemoryPort out = new MemoryPort(2, "veth-out");

    @AfterEach
    void close() {
        datapath.close();
    }

    /** A NAT VIP: a SELECT group of two members and a flow that sends the VIP's UDP port to it. */
    private Pipeline natVip() {
        datapath.addPort(in);
        datapath.addPort(out);
        Pipeline p = datapath.newPipeline();
        Bucket[] buckets = new Bucket[2];
        for (int b = 0; b < 2; b++) {
            buckets[b] = Bucket.of(1, new Action.SetField(MatchField.IPV4_DST, 0x0a00_0a00 + b), new Action.Output(2));
        }
        datapath.groupMod(GroupModCommand.ADD, GroupSpec.of(1, GroupType.SELECT, buckets));
        datapath.flowMod(FlowMod.add(FlowSpec.apply(0, 100, Match.of(MatchEntry.exact(MatchField.ETH_TYPE, 0x0800),
                MatchEntry.exact(MatchField.IP_PROTO, 17), MatchEntry.exact(MatchField.IPV4_DST, VIP),
                MatchEntry.exact(MatchField.UDP_DST, 53)), new Action.Group(1))));
        return p;
    }

    private static void send(Pipeline p, int clientPort) {
        byte[] f = FrameBuilder.ethernet(0x02_00_00_00_00_feL, 0x02_00_00_00_00_01L).ipv4(0x6400_0001, VIP)
                .udp(clientPort, 53).payload(18).build();
        p.onFrame(1, MemorySegment.ofArray(f), 0, f.length, 0);
        p.endOfBurst();
    }

    @Test
    void reportsLiveConnectionsPerPollerAndTheDatapathCounters(@TempDir Path dir) throws Exception {
        Pipeline p = natVip();
        for (int client = 0; client < 3; client++) {
            send(p, 1000 + client);
            send(p, 1000 + client);
        }
        Path target = dir.resolve("stats.json");
        StatsFile stats = new StatsFile(target, "s1", datapath, List.of(in, out), clock);

        assertThat(stats.doWork()).isEqualTo(1);

        String json = Files.readString(target);
        assertThat(json).contains("\"switch\": \"s1\"", "\"connections\": 3", "\"connection_entries\": 3",
                "{\"poller\": 0, \"connections\": 3, \"entries\": 3, \"capacity\": 1024}", "\"name\": \"veth-in\"",
                "\"connections_connections\": 3", "\"select_hits\": 3");
        assertThat(Files.exists(dir.resolve("stats.json.tmp"))).as("written beside, then renamed").isFalse();
    }

    @Test
    void rewritesTheFileOncePerSecond(@TempDir Path dir) throws Exception {
        Pipeline p = natVip();
        Path target = dir.resolve("stats.json");
        StatsFile stats = new StatsFile(target, "s1", datapath, List.of(in, out), clock);
        assertThat(stats.doWork()).isEqualTo(1);
        send(p, 1000);

        now[0] += StatsFile.PERIOD_NANOS / 2;
        assertThat(stats.doWork()).as("not yet").isZero();
        assertThat(Files.readString(target)).contains("\"connections\": 0,");

        now[0] += StatsFile.PERIOD_NANOS / 2;
        assertThat(stats.doWork()).isEqualTo(1);
        assertThat(Files.readString(target)).contains("\"connections\": 1,", "\"uptime_ms\": 1000");
    }

    @Test
    void aFileThatCannotBeWrittenNeverStopsTheSwitch(@TempDir Path dir) throws Exception {
        natVip();
        Path gone = dir.resolve("missing").resolve("stats.json");
        StatsFile stats = new StatsFile(gone, "s1", datapath, List.of(in, out), clock);

        assertThat(stats.doWork()).isEqualTo(1);

        assertThat(Files.exists(gone)).isFalse();
    }

    @Test
    void quotesNamesAsJsonStrings() {
        assertThat(StatsFile.quote("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\u000a\"");
    }
}
