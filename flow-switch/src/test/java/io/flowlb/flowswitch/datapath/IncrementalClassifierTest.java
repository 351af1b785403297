package io.flowlb.flowswitch.datapath;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.apps.StandardApps;
import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowModCommand;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.FlowStatsRequest;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchEntry;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The flow tables changed in batches (staged FLOW_MODs, one publication per batch) against a
 * brute-force reference: random flows over a few masks, priorities and values (so subtables,
 * equal values of different priority, ties and overlapping masks all occur), random adds,
 * replacements, strict and non-strict deletes and modifies; after every batch every probe packet
 * must hit a highest-priority matching flow of the reference, and snapshots taken earlier must
 * still answer as the reference did then.
 */
class IncrementalClassifierTest {
    private static final long[] MAC_MASKS = {0xffff_ffff_ffffL, 0xffff_ffff_ff00L, 0xffff_0000_0000L};
    private static final long[] META_MASKS = {0xffL, 0xf0L, 0x0fL};

    /** One flow of the reference: its spec, encoded match and the output port that tells it apart. */
    private record Ref(FlowSpec spec, long[] value, long[] mask) {
        boolean matches(long[] key) {
            for (int w = 0; w < HeaderKey.WORDS; w++) {
                if (((key[w] ^ value[w]) & mask[w]) != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Random random = new Random(42);
    private final Datapath dp = new Datapath(DatapathConfig.defaults(1, StandardApps.all()).withConnectionsPerPoller(16),
            NanoClock.SYSTEM);
    private final List<Ref> model = new ArrayList<>();

    @AfterEach
    void close() {
        dp.close();
    }

    @Test
    void batchedChangesLookUpAsABruteForceReferenceDoes() {
        List<long[]> probes = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            probes.add(randomKey());
        }
        List<Snapshot> oldSnapshots = new ArrayList<>();
        List<List<Ref>> oldModels = new ArrayList<>();
        for (int batch = 0; batch < 120; batch++) {
            int ops = 1 + random.nextInt(batch % 10 == 0 ? 400 : 30);
            for (int i = 0; i < ops; i++) {
                randomChange();
            }
            dp.commit();
            Snapshot s = dp.current();
            assertLooksUpLikeReference(s, model, probes);
            assertThat(dp.flowStats(FlowStatsRequest.all())).hasSize(model.size());
            if (batch % 15 == 0) {
                oldSnapshots.add(s);
                oldModels.add(new ArrayList<>(model));
            }
        }
        for (int i = 0; i < oldSnapshots.size(); i++) {
            assertLooksUpLikeReference(oldSnapshots.get(i), oldModels.get(i), probes);
        }
    }

    @Test
    void stagedChangesReachThePollersOnlyWithTheCommit() {
        Snapshot before = dp.current();
        FlowSpec f = spec(7, Match.of(MatchEntry.exact(MatchField.IN_PORT, 1)), 3);
        assertThat(dp.stageFlowMod(FlowMod.add(f))).isEqualTo(DatapathError.NONE);
        long[] key = new long[HeaderKey.WORDS];
        key[HeaderKey.W_PORT] = HeaderKey.portWord(1, 0x0800, -1);
        assertThat(dp.current()).isSameAs(before);
        assertThat(dp.current().tables[0].lookup(key)).isNull();
        dp.commit();
        assertThat(dp.current().tables[0].lookup(key).priority).isEqualTo(7);
        assertThat(dp.stageFlowMod(FlowMod.of(FlowModCommand.DELETE_STRICT, f))).isEqualTo(DatapathError.NONE);
        assertThat(dp.current().tables[0].lookup(key)).isNotNull();
        assertThat(dp.flowStats(FlowStatsRequest.all())).isEmpty(); // a request publishes the staged delete first
        assertThat(dp.current().tables[0].lookup(key)).isNull();
    }

    @Test
    void aFullTableTakesANewFlowInTheBatchThatDeletedOne() {
        Datapath small = new Datapath(DatapathConfig.defaults(1, StandardApps.all()).withConnectionsPerPoller(16)
                .withMaxFlows(4), NanoClock.SYSTEM);
        for (int port = 1; port <= 4; port++) {
            assertThat(small.flowMod(FlowMod.add(spec(5, Match.of(MatchEntry.exact(MatchField.IN_PORT, port)), 2))))
                    .isEqualTo(DatapathError.NONE);
        }
        FlowSpec fifth = spec(5, Match.of(MatchEntry.exact(MatchField.IN_PORT, 5)), 2);
        assertThat(small.stageFlowMod(FlowMod.add(fifth))).isEqualTo(DatapathError.TABLE_FULL);
        small.stageFlowMod(FlowMod.of(FlowModCommand.DELETE_STRICT,
                spec(5, Match.of(MatchEntry.exact(MatchField.IN_PORT, 1)), 2)));
        assertThat(small.stageFlowMod(FlowMod.add(fifth))).isEqualTo(DatapathError.NONE);
        small.commit();
        long[] key = new long[HeaderKey.WORDS];
        key[HeaderKey.W_PORT] = HeaderKey.portWord(5, 0x0800, -1);
        assertThat(small.current().tables[0].lookup(key)).isNotNull();
        key[HeaderKey.W_PORT] = HeaderKey.portWord(1, 0x0800, -1);
        assertThat(small.current().tables[0].lookup(key)).isNull();
        assertThat(small.flowStats(FlowStatsRequest.all())).hasSize(4);
        small.close();
    }

    private void randomChange() {
        int op = random.nextInt(100);
        if (op < 60 || model.isEmpty()) {
            Ref r = ref(spec(random.nextInt(6), randomMatch(), 2 + random.nextInt(3)));
            assertThat(dp.stageFlowMod(FlowMod.add(r.spec()))).isEqualTo(DatapathError.NONE);
            model.removeIf(m -> m.spec().priority() == r.spec().priority() && m.spec().match().equals(r.spec().match()));
            model.add(r);
        } else if (op < 80) {
            Ref victim = model.get(random.nextInt(model.size()));
            dp.stageFlowMod(FlowMod.of(FlowModCommand.DELETE_STRICT, victim.spec()));
            model.remove(victim);
        } else if (op < 88) {
            Match general = random.nextInt(20) == 0 ? Match.ALL : randomMatch();
            dp.stageFlowMod(FlowMod.of(FlowModCommand.DELETE, spec(0, general, 2)));
            model.removeIf(m -> m.spec().match().isCoveredBy(general));
        } else {
            boolean strict = random.nextBoolean();
            Ref target = model.get(random.nextInt(model.size()));
            Match match = strict ? target.spec().match() : randomMatch();
            int port = 5 + random.nextInt(3);
            FlowSpec mod = spec(target.spec().priority(), match, port);
            assertThat(dp.stageFlowMod(FlowMod.of(strict ? FlowModCommand.MODIFY_STRICT : FlowModCommand.MODIFY, mod)))
                    .isEqualTo(DatapathError.NONE);
            for (int i = 0; i < model.size(); i++) {
                Ref m = model.get(i);
                boolean hit = strict ? m.spec().priority() == mod.priority() && m.spec().match().equals(match)
                        : m.spec().match().isCoveredBy(match);
                if (hit) {
                    model.set(i, new Ref(m.spec().withInstructions(mod.instructions()), m.value(), m.mask()));
                }
            }
        }
    }

    private static void assertLooksUpLikeReference(Snapshot s, List<Ref> ref, List<long[]> probes) {
        for (long[] key : probes) {
            int best = -1;
            for (Ref r : ref) {
                if (r.matches(key)) {
                    best = Math.max(best, r.spec().priority());
                }
            }
            CompiledFlow got = s.tables[0].lookup(key);
            if (best < 0) {
                assertThat(got).as("no flow matches").isNull();
                continue;
            }
            assertThat(got).as("a flow of priority %d matches", best).isNotNull();
            assertThat(got.priority).isEqualTo(best);
            assertThat(s.flow(got.index)).isSameAs(got);
            boolean explained = false;
            for (Ref r : ref) {
                explained |= r.spec().priority() == best && r.matches(key) && sameProgram(r, got);
            }
            assertThat(explained).as("the flow hit is a highest-priority match of the reference").isTrue();
        }
    }

    /** Whether the compiled flow is the reference flow: same mask and same program. */
    private static boolean sameProgram(Ref r, CompiledFlow got) {
        if (!java.util.Arrays.equals(got.mask, r.mask())) {
            return false;
        }
        Program expected = FlowCompiler.compile(r.spec(), got.index, 8, g -> -1).flow().apply;
        return java.util.Arrays.equals(expected.ops, got.apply.ops) && java.util.Arrays.equals(expected.args, got.apply.args);
    }

    private static Ref ref(FlowSpec spec) {
        long[][] vm = FlowCompiler.encode(spec.match());
        return new Ref(spec, vm[0], vm[1]);
    }

    private static FlowSpec spec(int priority, Match match, int port) {
        return FlowSpec.apply(0, priority, match, new Action.Output(port));
    }

    private Match randomMatch() {
        List<MatchEntry> entries = new ArrayList<>();
        if (random.nextInt(3) > 0) {
            entries.add(MatchEntry.exact(MatchField.IN_PORT, 1 + random.nextInt(3)));
        }
        if (random.nextInt(3) > 0) {
            long m = MAC_MASKS[random.nextInt(MAC_MASKS.length)];
            entries.add(MatchEntry.masked(MatchField.ETH_DST, randomMac() & m, m));
        }
        if (random.nextInt(3) > 0) {
            long m = META_MASKS[random.nextInt(META_MASKS.length)];
            entries.add(MatchEntry.masked(MatchField.METADATA, random.nextInt(256) & m, m));
        }
        return Match.of(entries);
    }

    private long randomMac() {
        return 0x0200_0000_0000L | ((long) random.nextInt(4) << 32) | random.nextInt(4) << 8 | random.nextInt(4);
    }

    private long[] randomKey() {
        long[] key = new long[HeaderKey.WORDS];
        key[HeaderKey.W_PORT] = HeaderKey.portWord(1 + random.nextInt(3), 0x0800, -1);
        key[HeaderKey.W_ETH_DST] = HeaderKey.ethDstWord(randomMac(), 6, 0);
        key[HeaderKey.W_METADATA] = random.nextInt(256);
        return key;
    }
}
