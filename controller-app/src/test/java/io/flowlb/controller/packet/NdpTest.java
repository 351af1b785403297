package io.flowlb.controller.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.loadbalancer.packet.PacketView;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NdpTest {

    @Test
    void readsNeighborAdvertisementTargetAndLinkLayerAddress() {
        byte[] frame = Frames.ndp(Ndp.NEIGHBOR_ADVERTISEMENT, 0x0200_0000_0007L, 0x3333_0000_0001L, 0xfe80L << 48, 7,
                0x2001_0db8L << 32, 7);
        PacketView v = PacketContext.parse(frame);

        assertThat(v.ipVersion()).isEqualTo(6);
        assertThat(v.icmpType()).isEqualTo(Ndp.NEIGHBOR_ADVERTISEMENT);
        assertThat(Ndp.targetHi(frame, v.l4Offset())).isEqualTo(0x2001_0db8L << 32);
        assertThat(Ndp.targetLo(frame, v.l4Offset())).isEqualTo(7);
        assertThat(Ndp.linkLayerAddress(frame, v.l4Offset())).isEqualTo(0x0200_0000_0007L);
    }

    @Test
    void readsTheSourceLinkLayerAddressOfASolicitation() {
        byte[] frame = Frames.ndp(Ndp.NEIGHBOR_SOLICITATION, 0x0200_0000_0008L, 0x3333_ff00_0001L, 0xfe80L << 48, 8,
                0xfe80L << 48, 1);
        PacketView v = PacketContext.parse(frame);

        assertThat(Ndp.linkLayerAddress(frame, v.l4Offset())).isEqualTo(0x0200_0000_0008L);
        assertThat(Ndp.targetLo(frame, v.l4Offset())).isEqualTo(1);
    }

    @Test
    void truncatedAndRandomFramesNeverThrow() {
        byte[] full = Frames.ndp(Ndp.NEIGHBOR_SOLICITATION, 1, 2, 3, 4, 5, 6);
        for (int len = 0; len <= full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            PacketView v = PacketContext.parse(cut);
            Ndp.linkLayerAddress(cut, v.l4Offset());
            Ndp.targetLo(cut, v.l4Offset());
        }
        Random rnd = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            byte[] b = new byte[rnd.nextInt(120)];
            rnd.nextBytes(b);
            if (b.length > 14 && rnd.nextBoolean()) {
                b[12] = (byte) 0x86;
                b[13] = (byte) 0xdd;
                b[14] = 0x60;
            }
            int l4 = rnd.nextInt(140) - 10;
            Ndp.linkLayerAddress(b, l4);
            Ndp.targetHi(b, l4);
            Ndp.targetLo(b, l4);
        }
        assertThat(Ndp.linkLayerAddress(Arrays.copyOf(full, 70), 54)).isZero();
    }
}
