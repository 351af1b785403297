package io.flowlb.loadbalancer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {

    @Test
    void parsesColonOrDashAndPrintsLowerCaseWithColons() {
        assertThat(MacAddress.parse("00:1B:21:3a:4f:5c").value()).isEqualTo(0x001b_213a_4f5cL);
        assertThat(MacAddress.parse("00-1b-21-3a-4f-5c").toString()).isEqualTo("00:1b:21:3a:4f:5c");
        assertThat(MacAddress.BROADCAST.toString()).isEqualTo("ff:ff:ff:ff:ff:ff");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00:1b:21:3a:4f", "00:1b:21:3a:4f:5c:01", "001b.213a.4f5c", "00:1b-21:3a:4f:5c",
        "0g:1b:21:3a:4f:5c", "00:1b:21:3a:4f:5 ", "00 1b 21 3a 4f 5c"})
    void rejectsMalformedTextNamingTheField(String text) {
        assertThatThrownBy(() -> MacAddress.parse("virtual_mac", text))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("virtual_mac"));
    }

    @Test
    void rejectsValuesWiderThan48Bits() {
        assertThatThrownBy(() -> new MacAddress(1L << 48)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new MacAddress(-1)).isInstanceOf(ValidationException.class);
    }

    @Test
    void roundTripsThroughBytes() {
        MacAddress m = MacAddress.parse("02:00:5e:10:00:01");
        assertThat(m.toBytes()).containsExactly(0x02, 0x00, 0x5e, 0x10, 0x00, 0x01);
        assertThat(MacAddress.ofBytes(m.toBytes())).isEqualTo(m);
    }

    @Test
    void derivesTheSameLocallyAdministeredUnicastAddressFromTheSameSeed() {
        MacAddress a = MacAddress.derivedFrom(42);
        assertThat(MacAddress.derivedFrom(42)).isEqualTo(a);
        assertThat(MacAddress.derivedFrom(43)).isNotEqualTo(a);
        assertThat(a.value() >>> 40).isEqualTo(0x02);
        assertThat(a.isUnicastHost()).isTrue();
    }

    @Test
    void knowsGroupAddresses() {
        assertThat(MacAddress.parse("01:00:5e:00:00:01").isMulticast()).isTrue();
        assertThat(MacAddress.BROADCAST.isBroadcast()).isTrue();
        assertThat(MacAddress.parse("00:00:00:00:00:00").isUnicastHost()).isFalse();
    }
}
