package io.flowlb.loadbalancer.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Incremental checksums against full recomputation on random frames: after any sequence of
 * rewrites, recomputing every checksum from scratch must not change a single byte.
 */
class PacketViewRewritePropertyTest {

    @Test
    void incrementalChecksumsEqualFullRecomputationAfterManyRewrites() {
        Random rnd = new Random(21);
        PacketView v = new PacketView();
        PacketView check = new PacketView();
        int rewritten = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] frame = Frames.random(rnd);
            v.wrap(Frames.segment(frame), 0, frame.length);
            assertThat(v.parse()).isEqualTo(ParseResult.OK);
            for (int n = 1 + rnd.nextInt(10); n > 0; n--) {
                rewriteSomething(v, rnd);
                rewritten++;
            }

            byte[] recomputed = frame.clone();
            check.wrap(Frames.segment(recomputed), 0, recomputed.length).parse();
            Checksums.writeIpv4HeaderChecksum(check);
            if (!udpWithoutChecksum(check)) {
                Checksums.completeL4Checksum(check);
            }
            assertThat(Frames.hex(frame)).as("frame %d", i).isEqualTo(Frames.hex(recomputed));
            assertThat(Frames.checksumsValid(frame)).isTrue();
        }
        assertThat(rewritten).isGreaterThan(50_000);
    }

    private static boolean udpWithoutChecksum(PacketView v) {
        return v.isUdp() && v.ipVersion() == 4 && BigEndian.u16(v.segment(), v.l4Offset() + 6) == 0;
    }

    private static void rewriteSomething(PacketView v, Random rnd) {
        switch (rnd.nextInt(14)) {
            case 0 -> v.setIpv4Src(rnd.nextInt());
            case 1 -> v.setIpv4Dst(rnd.nextInt());
            case 2 -> v.setIpv6Src(rnd.nextLong(), rnd.nextLong());
            case 3 -> v.setIpv6Dst(rnd.nextLong(), rnd.nextLong());
            case 4 -> v.setSrcPort(rnd.nextInt(65536));
            case 5 -> v.setDstPort(rnd.nextInt(65536));
            case 6 -> v.decTtl();
            case 7 -> v.setIpDscp(rnd.nextInt(64));
            case 8 -> v.setIpEcn(rnd.nextInt(4));
            case 9 -> v.setIpv4DstAndPort(rnd.nextInt(), rnd.nextInt(65537) - 1);
            case 10 -> v.setIpv4SrcAndPort(rnd.nextInt(), rnd.nextInt(65537) - 1);
            case 11 -> v.setIpv6DstAndPort(rnd.nextLong(), rnd.nextLong(), rnd.nextInt(65537) - 1);
            case 12 -> v.setIpv6SrcAndPort(rnd.nextLong(), rnd.nextLong(), rnd.nextInt(65537) - 1);
            default -> v.setEthDst(rnd.nextLong());
        }
    }
}
