package io.flowlb.controller.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.packet.PacketContext;
import io.flowlb.loadbalancer.packet.PacketView;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LldpTest {

    @Test
    void probeNamesItsSwitchPortAndController() {
        byte[] frame = Lldp.encode(Dpid.of(0x0000_0000_0000_00abL), PortNo.of(0xfffffe00), 0x0200_0000_0001L, 77);

        PacketView f = PacketContext.parse(frame);
        assertThat(f.etherType()).isEqualTo(Lldp.ETHER_TYPE);
        assertThat(f.ethDst()).isEqualTo(Lldp.MULTICAST);
        assertThat(f.ethSrc()).isEqualTo(0x0200_0000_0001L);
        assertThat(Lldp.decode(frame)).isEqualTo(new Lldp.Probe(Dpid.of(0xab), PortNo.of(0xfffffe00), 77));
        assertThat(new String(frame, java.nio.charset.StandardCharsets.US_ASCII)).contains("dpid:00000000000000ab");
    }

    @Test
    void lldpWithoutOurTlvIsNotAProbe() {
        byte[] frame = Lldp.encode(Dpid.of(1), PortNo.of(1), 1, 1);
        for (int i = 14; i + 2 < frame.length; i++) {
            if (frame[i] == 0x0a && frame[i + 1] == (byte) 0xf1 && frame[i + 2] == 0x0b) {
                frame[i] = 0x00;
            }
        }

        assertThat(Lldp.decode(frame)).isNull();
    }

    @Test
    void truncatedOrRandomFramesAreNotProbesAndNeverThrow() {
        byte[] frame = Lldp.encode(Dpid.of(9), PortNo.of(3), 5, 6);
        Lldp.Probe whole = Lldp.decode(frame);
        for (int len = 0; len < frame.length; len++) {
            Lldp.Probe p = Lldp.decode(Arrays.copyOf(frame, len));
            assertThat(p == null || p.equals(whole)).as("decode of %d bytes", len).isTrue();
        }
        assertThat(Lldp.decode(Arrays.copyOf(frame, 40))).isNull();
        Random rnd = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(100)];
            rnd.nextBytes(b);
            if (b.length > 14) {
                b[12] = (byte) 0x88;
                b[13] = (byte) 0xcc;
            }
            Lldp.decode(b);
        }
    }
}
