package io.flowlb.openflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFVersion;

class OfVersionsTest {
    private static final Set<OFVersion> OURS = EnumSet.of(OFVersion.OF_10, OFVersion.OF_13);

    @Test
    void picksHighestCommonVersionFromBitmap() {
        OFHello peer = OfVersions.hello(EnumSet.of(OFVersion.OF_10, OFVersion.OF_13, OFVersion.OF_14), 1);
        assertThat(OfVersions.negotiate(peer, OURS)).isEqualTo(OFVersion.OF_13);
    }

    @Test
    void fallsBackToOpenFlow10ForAnOldPeer() {
        OFHello peer = OFFactories.getFactory(OFVersion.OF_10).buildHello().setXid(1).build();
        assertThat(OfVersions.negotiate(peer, OURS)).isEqualTo(OFVersion.OF_10);
    }

    @Test
    void refusesWhenNothingInCommon() {
        OFHello peer = OfVersions.hello(EnumSet.of(OFVersion.OF_14, OFVersion.OF_15), 1);
        assertThat(OfVersions.negotiate(peer, OURS)).isNull();
        OFHello old = OFFactories.getFactory(OFVersion.OF_12).buildHello().setXid(1).build();
        assertThat(OfVersions.negotiate(old, EnumSet.of(OFVersion.OF_13))).isNull();
    }

    @Test
    void peerWithoutBitmapAboveUsSettlesOnOurHighest() {
        OFHello peer = OFFactories.getFactory(OFVersion.OF_14).buildHello().setXid(1).build();
        assertThat(OfVersions.negotiate(peer, OURS)).isEqualTo(OFVersion.OF_13);
    }

    @Test
    void parsesVersionLists() {
        assertThat(OfVersions.parse("1.0, OpenFlow13")).containsExactlyInAnyOrder(OFVersion.OF_10, OFVersion.OF_13);
        assertThatThrownBy(() -> OfVersions.parse("1.7")).hasMessageContaining("1.7");
    }
}
