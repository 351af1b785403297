package io.flowlb.controller.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameFieldsTest {

    @Test
    void readsArpRequest() {
        FrameFields f = FrameFields.parse(Frames.arp(1, 0x0200_0000_0001L, Frames.ip(10, 0, 0, 1), 0,
                Frames.ip(10, 0, 0, 2)));

        assertThat(f.isArp()).isTrue();
        assertThat(f.arpOp()).isEqualTo(1);
        assertThat(f.ethDst()).isEqualTo(Frames.BROADCAST);
        assertThat(f.arpSha()).isEqualTo(0x0200_0000_0001L);
        assertThat(f.arpSpa()).isEqualTo(Frames.ip(10, 0, 0, 1));
        assertThat(f.arpTpa()).isEqualTo(Frames.ip(10, 0, 0, 2));
        assertThat(f.ipVersion()).isZero();
    }

    @Test
    void readsIpv4BehindAVlanTag() {
        FrameFields f = FrameFields.parse(Frames.vlanTagged(Frames.ipv4Udp(2, 1, Frames.ip(10, 0, 0, 1),
                Frames.ip(10, 0, 0, 9)), 42));

        assertThat(f.vlanId()).isEqualTo(42);
        assertThat(f.etherType()).isEqualTo(FrameFields.ETH_IPV4);
        assertThat(f.ipVersion()).isEqualTo(4);
        assertThat(f.ipProtocol()).isEqualTo(FrameFields.PROTO_UDP);
        assertThat(f.ipv4Src()).isEqualTo(Frames.ip(10, 0, 0, 1));
        assertThat(f.ipv4Dst()).isEqualTo(Frames.ip(10, 0, 0, 9));
        assertThat(f.ethSrc()).isEqualTo(1);
    }

    @Test
    void readsNeighborAdvertisementTargetAndLinkLayerAddress() {
        byte[] frame = Frames.ndp(Ndp.NEIGHBOR_ADVERTISEMENT, 0x0200_0000_0007L, 0x3333_0000_0001L, 0xfe80L << 48, 7,
                0x2001_0db8L << 32, 7);
        FrameFields f = FrameFields.parse(frame);

        assertThat(f.ipVersion()).isEqualTo(6);
        assertThat(f.icmpType()).isEqualTo(Ndp.NEIGHBOR_ADVERTISEMENT);
        assertThat(Ndp.targetHi(frame, f.l4Offset())).isEqualTo(0x2001_0db8L << 32);
        assertThat(Ndp.targetLo(frame, f.l4Offset())).isEqualTo(7);
        assertThat(Ndp.linkLayerAddress(frame, f.l4Offset())).isEqualTo(0x0200_0000_0007L);
    }

    @Test
    void shortFrameHasNoLayers() {
        FrameFields f = FrameFields.parse(new byte[10]);

        assertThat(f.isValid()).isFalse();
        assertThat(f.ethSrc()).isZero();
        assertThat(f.isArp()).isFalse();
        assertThat(f.ipVersion()).isZero();
    }

    @Test
    void truncatedAndRandomFramesNeverThrow() {
        byte[] full = Frames.ndp(Ndp.NEIGHBOR_SOLICITATION, 1, 2, 3, 4, 5, 6);
        for (int len = 0; len <= full.length; len++) {
            FrameFields f = FrameFields.parse(Arrays.copyOf(full, len));
            Ndp.linkLayerAddress(f.data(), f.l4Offset());
            Ndp.targetLo(f.data(), f.l4Offset());
            f.icmpType();
            f.arpSpa();
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
            FrameFields f = FrameFields.parse(b);
            Ndp.linkLayerAddress(b, f.l4Offset());
            Ndp.targetHi(b, f.l4Offset());
            f.icmpType();
            f.ipv6SrcLo();
            f.arpTha();
        }
        assertThat(FrameFields.parse(Arrays.copyOf(full, 30)).ipVersion()).isZero();
    }
}
