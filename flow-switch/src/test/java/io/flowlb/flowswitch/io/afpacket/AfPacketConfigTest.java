package io.flowlb.flowswitch.io.afpacket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AfPacketConfigTest {
    private final AfPacketConfig config = AfPacketConfig.DEFAULT;

    @Test
    void sizesSlotsSoAnMtuFrameWithAVlanTagFits() {
        assertThat(AfPacketConfig.txFrameSize(1500)).isEqualTo(2048);
        assertThat(AfPacketConfig.rxFrameSize(1500)).isEqualTo(2048);
        assertThat(AfPacketConfig.txFrameSize(9000) - TxRingV2.DATA_OFFSET).isGreaterThanOrEqualTo(9000 + 18);
        assertThat(AfPacketConfig.rxFrameSize(9000) - 70).isGreaterThanOrEqualTo(9000 + 18);
    }

    @Test
    void keepsTheRingsOfA64KiBMtuPortWithinBounds() {
        int mtu = 65536;
        assertThat(AfPacketConfig.rxFrameSize(mtu)).isEqualTo(AfPacketConfig.MAX_RX_SLOT);
        assertThat(AfPacketConfig.txFrameSize(mtu) - TxRingV2.DATA_OFFSET).isGreaterThanOrEqualTo(mtu + 18);
        assertThat((long) AfPacketConfig.txFrameSize(mtu) * config.txFrameCount(mtu))
                .isLessThanOrEqualTo(AfPacketConfig.MAX_TX_RING_BYTES);
        assertThat(config.txFrameCount(1500)).isEqualTo(config.txFrameCount());
        assertThat((long) AfPacketConfig.rxFrameSize(9000) * config.rxFrameCount(9000))
                .isLessThanOrEqualTo(AfPacketConfig.MAX_RX_RING_BYTES);
        assertThat(config.rxFrameCount(1500)).isEqualTo(config.rxFrameCount());
    }

    @Test
    void rejectsRingSizesTheKernelWouldRefuseNamingTheSetting() {
        assertThatThrownBy(() -> new AfPacketConfig(AfPacketConfig.RxRingVersion.TPACKET_V2, 1000, 256 * 1024, 16, 1, 256,
                false)).hasMessageContaining("rxFrameCount");
        assertThatThrownBy(() -> new AfPacketConfig(AfPacketConfig.RxRingVersion.TPACKET_V3, 4096, 64 * 1024, 16, 1, 256,
                false)).hasMessageContaining("rxBlockSize");
        assertThatThrownBy(() -> new AfPacketConfig(AfPacketConfig.RxRingVersion.TPACKET_V3, 4096, 256 * 1024, 16, 0, 256,
                false)).hasMessageContaining("rxRetireMillis");
    }
}
