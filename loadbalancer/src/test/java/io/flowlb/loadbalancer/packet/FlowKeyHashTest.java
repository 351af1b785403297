package io.flowlb.loadbalancer.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The flow hash picks the Maglev member of every new connection: stable everywhere, and well mixed. */
class FlowKeyHashTest {
    private static final long SEED = 0x666C_6F77_6C62_0001L;

    @Test
    void theSameTupleHashesTheSameOnEveryRunAndEveryHost() {
        FlowKey k = new FlowKey();
        k.setV4(Frames.CLIENT_V4, Frames.VIP_V4, IpProtocol.TCP, 40000, 80);
        // Pinned: a change here moves every connection that is adopted or re-selected after an upgrade.
        assertThat(Long.toHexString(k.hash(SEED))).isEqualTo("8a29d67ffbce7478");
    }

    @Test
    void oneBitChangedInAnyFieldOrTheSeedFlipsAboutHalfTheHashBits() {
        SplittableRandom rnd = new SplittableRandom(3);
        long[] flipped = new long[8];
        int rounds = 4000;
        for (int i = 0; i < rounds; i++) {
            FlowKey k = new FlowKey();
            k.setV6(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextInt(256),
                    rnd.nextInt(65536), rnd.nextInt(65536));
            long seed = rnd.nextLong();
            long h = k.hash(seed);
            for (int field = 0; field < 8; field++) {
                FlowKey m = new FlowKey();
                m.copyFrom(k);
                long s = seed;
                int bit = rnd.nextInt(field >= 4 && field < 7 ? 8 : 64);
                switch (field) {
                    case 0 -> m.srcHi ^= 1L << bit;
                    case 1 -> m.srcLo ^= 1L << bit;
                    case 2 -> m.dstHi ^= 1L << bit;
                    case 3 -> m.dstLo ^= 1L << bit;
                    case 4 -> m.srcPort ^= 1 << bit;
                    case 5 -> m.dstPort ^= 1 << bit;
                    case 6 -> m.protocol ^= 1 << bit;
                    default -> s ^= 1L << bit;
                }
                flipped[field] += Long.bitCount(h ^ m.hash(s));
            }
        }
        for (int field = 0; field < 8; field++) {
            assertThat(flipped[field] / (double) rounds).as("field %d", field).isBetween(31.0, 33.0);
        }
    }
}
