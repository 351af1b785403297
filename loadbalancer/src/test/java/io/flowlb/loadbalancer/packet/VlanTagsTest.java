package io.flowlb.loadbalancer.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class VlanTagsTest {
    private final byte[] untagged = Frames.udp4().payload(20).build();
    private final byte[] tagged = Frames.udp4().vlan(100, 5).payload(20).build();

    @Test
    void pushesATagIntoAnotherBuffer() {
        MemorySegment out = MemorySegment.ofArray(new byte[200]);
        int length = VlanTags.copyPushing(Frames.segment(untagged), 0, untagged.length, EtherType.VLAN,
                (5 << 13) | 100, out, 3);

        assertThat(Frames.bytes(out, 3, length)).isEqualTo(tagged);
    }

    @Test
    void popsATagIntoAnotherBuffer() {
        MemorySegment out = MemorySegment.ofArray(new byte[200]);
        int length = VlanTags.copyPopping(Frames.segment(tagged), 0, tagged.length, out, 7);

        assertThat(Frames.bytes(out, 7, length)).isEqualTo(untagged);
    }

    @Test
    void pushesInPlaceIntoHeadroomOrAtTheSameOffset() {
        for (int shift : new int[] {-4, 0}) {
            byte[] buf = new byte[200];
            System.arraycopy(untagged, 0, buf, 40, untagged.length);
            int length = VlanTags.copyPushing(Frames.segment(buf), 40, untagged.length, EtherType.VLAN,
                    (5 << 13) | 100, Frames.segment(buf), 40 + shift);

            assertThat(Frames.bytes(Frames.segment(buf), 40 + shift, length)).as("shift %d", shift).isEqualTo(tagged);
        }
    }

    @Test
    void popsInPlaceFourBytesLaterOrAtTheSameOffset() {
        for (int shift : new int[] {4, 0}) {
            byte[] buf = new byte[200];
            System.arraycopy(tagged, 0, buf, 40, tagged.length);
            int length = VlanTags.copyPopping(Frames.segment(buf), 40, tagged.length, Frames.segment(buf), 40 + shift);

            assertThat(Frames.bytes(Frames.segment(buf), 40 + shift, length)).as("shift %d", shift).isEqualTo(untagged);
        }
    }

    @Test
    void refusesToPopAnUntaggedFrameOrPushIntoTooLittleRoom() {
        MemorySegment out = MemorySegment.ofArray(new byte[untagged.length + 3]);

        assertThat(VlanTags.copyPopping(Frames.segment(untagged), 0, untagged.length, out, 0))
                .isEqualTo(BuildResult.NOT_APPLICABLE);
        assertThat(VlanTags.copyPushing(Frames.segment(untagged), 0, untagged.length, EtherType.VLAN, 1, out, 0))
                .isEqualTo(BuildResult.NO_ROOM);
        assertThat(VlanTags.copyPushing(Frames.segment(untagged), 0, 10, EtherType.VLAN, 1, out, 0))
                .isEqualTo(BuildResult.NOT_APPLICABLE);
        assertThat(VlanTags.copyPushing(Frames.segment(untagged), -1, 20, EtherType.VLAN, 1, out, 0))
                .isEqualTo(BuildResult.NOT_APPLICABLE);
        assertThat(VlanTags.copyPopping(Frames.segment(untagged), 8, untagged.length, out, 0))
                .isEqualTo(BuildResult.NOT_APPLICABLE);
    }
}
