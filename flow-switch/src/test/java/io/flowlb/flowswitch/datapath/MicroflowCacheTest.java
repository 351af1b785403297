package io.flowlb.flowswitch.datapath;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MicroflowCacheTest {
    private static final long GENERATION = 1;

    private static long[] key(int flow) {
        long[] k = new long[HeaderKey.WORDS];
        k[HeaderKey.W_SRC_LO] = 0x6400_0000L + flow;
        k[HeaderKey.W_L4] = 1234;
        return k;
    }

    /** One packet of {@code flow}: a hit, or a miss cached when the cache samples it. Returns hit. */
    private static boolean packet(MicroflowCache cache, int flow) {
        long[] k = key(flow);
        long h = MicroflowCache.hash(k);
        if (cache.find(k, h, GENERATION) >= 0) {
            return true;
        }
        if (cache.sampleInsert()) {
            cache.insert(k, h, GENERATION, new int[] {7}, 1);
        }
        return false;
    }

    /** Hit rate over the last half of {@code rounds} passes over {@code flows} flows in turn. */
    private static double cyclicHitRate(MicroflowCache cache, int flows, int rounds) {
        long hits = 0;
        long packets = 0;
        for (int r = 0; r < rounds; r++) {
            for (int f = 0; f < flows; f++) {
                boolean hit = packet(cache, f);
                if (r >= rounds / 2) {
                    hits += hit ? 1 : 0;
                    packets++;
                }
            }
        }
        return hits / (double) packets;
    }

    @Test
    void aFlowThatKeepsComingIsCachedAfterAboutOneInNMisses() {
        int cachedAfter = 0;
        for (int trial = 0; trial < 50; trial++) {
            MicroflowCache cache = new MicroflowCache(64, 100, 0);
            int misses = 0;
            while (!packet(cache, trial)) {
                misses++;
            }
            cachedAfter += misses;
            assertThat(packet(cache, trial)).as("then it hits").isTrue();
        }
        assertThat(cachedAfter / 50.0).as("mean misses before it is cached").isBetween(40.0, 250.0);
    }

    @Test
    void cachesEveryMissWhenAskedTo() {
        MicroflowCache cache = new MicroflowCache(64, 1, 0);
        assertThat(packet(cache, 1)).isFalse();
        assertThat(packet(cache, 1)).isTrue();
        assertThat(cache.hit(cache.find(key(1), MicroflowCache.hash(key(1)), GENERATION), 0)).isEqualTo(7);
    }

    @Test
    void moreFlowsThanEntriesStillHitWhenInsertsAreSampled() {
        int entries = 1024;
        int flows = entries * 5 / 4;
        double sampled = cyclicHitRate(new MicroflowCache(entries, 100, 0), flows, 400);
        double always = cyclicHitRate(new MicroflowCache(entries, 1, 0), flows, 400);

        assertThat(sampled).as("sampled inserts keep resident flows").isGreaterThan(0.5);
        assertThat(always).as("overwriting on every miss thrashes a cyclic pattern").isLessThan(0.35);
    }

    @Test
    void aNewSnapshotGenerationEmptiesTheCache() {
        MicroflowCache cache = new MicroflowCache(64, 1, 0);
        packet(cache, 3);
        long[] k = key(3);
        assertThat(cache.find(k, MicroflowCache.hash(k), GENERATION)).isNotNegative();
        assertThat(cache.find(k, MicroflowCache.hash(k), GENERATION + 1)).isNegative();
    }
}
