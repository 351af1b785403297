package io.flowlb.flowswitch.datapath.spec;

import static io.flowlb.flowswitch.datapath.spec.MatchEntry.exact;
import static io.flowlb.flowswitch.datapath.spec.MatchEntry.masked;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatchTest {

    @Test
    void prerequisitesAreCheckedAlongTheChain() {
        assertThat(Match.of(exact(MatchField.ETH_TYPE, 0x0800), exact(MatchField.IP_PROTO, 6),
                exact(MatchField.TCP_DST, 80)).check()).isEqualTo(DatapathError.NONE);
        assertThat(Match.of(exact(MatchField.IP_PROTO, 6), exact(MatchField.TCP_DST, 80)).check())
                .isEqualTo(DatapathError.BAD_PREREQ);
        assertThat(Match.of(exact(MatchField.ETH_TYPE, 0x0806), exact(MatchField.IPV4_DST, 1)).check())
                .isEqualTo(DatapathError.BAD_PREREQ);
        assertThat(Match.of(exact(MatchField.ETH_TYPE, 0x86dd), exact(MatchField.IP_PROTO, 1),
                exact(MatchField.ICMPV4_TYPE, 8)).check()).isEqualTo(DatapathError.BAD_PREREQ);
        assertThat(Match.of(exact(MatchField.VLAN_PCP, 3)).check()).isEqualTo(DatapathError.BAD_PREREQ);
        assertThat(Match.of(exact(MatchField.VLAN_VID, MatchField.VLAN_PRESENT | 5), exact(MatchField.VLAN_PCP, 3))
                .check()).isEqualTo(DatapathError.NONE);
    }

    @Test
    void badMasksValuesAndDuplicatesAreReported() {
        assertThat(Match.of(masked(MatchField.TCP_DST, 80, 0xff)).check()).isEqualTo(DatapathError.BAD_MASK);
        assertThat(Match.of(exact(MatchField.ETH_TYPE, 0x1_0000)).check()).isEqualTo(DatapathError.BAD_VALUE);
        assertThat(Match.of(exact(MatchField.ETH_TYPE, 0x0800), exact(MatchField.ETH_TYPE, 0x0806)).check())
                .isEqualTo(DatapathError.DUP_FIELD);
    }

    @Test
    void equalMatchesCompareEqualWhateverTheOrderAndValueBitsOutsideTheMask() {
        Match a = Match.of(exact(MatchField.ETH_TYPE, 0x0800), masked(MatchField.IPV4_DST, 0x0a000001, 0xffffff00L));
        Match b = Match.of(masked(MatchField.IPV4_DST, 0x0a000000, 0xffffff00L), exact(MatchField.ETH_TYPE, 0x0800));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(Match.of(masked(MatchField.ETH_DST, 5, 0))).isEqualTo(Match.ALL);
    }

    @Test
    void coverageAndOverlap() {
        Match ip = Match.of(exact(MatchField.ETH_TYPE, 0x0800));
        Match net = Match.of(exact(MatchField.ETH_TYPE, 0x0800), masked(MatchField.IPV4_DST, 0x0a000000, 0xff000000L));
        Match host = Match.of(exact(MatchField.ETH_TYPE, 0x0800), exact(MatchField.IPV4_DST, 0x0a000001));
        Match other = Match.of(exact(MatchField.ETH_TYPE, 0x0800), exact(MatchField.IPV4_DST, 0x0b000001));
        assertThat(host.isCoveredBy(net)).isTrue();
        assertThat(net.isCoveredBy(host)).isFalse();
        assertThat(host.isCoveredBy(Match.ALL)).isTrue();
        assertThat(net.overlaps(host)).isTrue();
        assertThat(host.overlaps(other)).isFalse();
        assertThat(ip.overlaps(other)).isTrue();
    }
}
