package io.flowlb.loadbalancer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.loadbalancer.packet.FlowKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1              | 10.0.0.1",
        "0.0.0.0               | 0.0.0.0",
        "255.255.255.255       | 255.255.255.255",
        "::ffff:192.0.2.7      | 192.0.2.7",
        "::FFFF:c000:0207      | 192.0.2.7",
        "2001:db8::1           | 2001:db8::1",
        "2001:0DB8:0000:0000:0000:0000:0000:0001 | 2001:db8::1",
        "2001:db8:0:0:1:0:0:1  | 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1  | 2001:db8:0:1:1:1:1:1",
        "::                    | ::",
        "::1                   | ::1",
        "fe80::                | fe80::",
        "1:2:3:4:5:6:7::       | 1:2:3:4:5:6:7:0",
        "64:ff9b::192.0.2.33   | 64:ff9b::c000:221",
    })
    void parsesAndPrintsCanonicalText(String text, String canonical) {
        IpAddress a = IpAddress.parse(text);
        assertThat(a.toString()).isEqualTo(canonical);
        assertThat(IpAddress.parse(a.toString())).isEqualTo(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0", "10.0.0.1.2", "10.0.0.256", "010.0.0.1", "10.0.0.-1", "10..0.1",
        "1.2.3.4 ", "a.b.c.d", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::1", ":1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:", "::1.2.3", "1.2.3.4::", "example.com", "fe80::1%eth0"})
    void rejectsMalformedTextNamingTheField(String text) {
        assertThatThrownBy(() -> IpAddress.parse("gateway_address", text))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("gateway_address"));
    }

    @Test
    void storesIpv4ExactlyAsFlowKeyDoes() {
        FlowKey key = new FlowKey();
        key.setV4(0x0a00_0001, 0xc000_0207, 6, 1234, 80);
        IpAddress src = IpAddress.parse("10.0.0.1");
        IpAddress dst = IpAddress.parse("192.0.2.7");
        assertThat(src.toFlowKeyHi()).isEqualTo(key.srcHi);
        assertThat(src.toFlowKeyLo()).isEqualTo(key.srcLo);
        assertThat(dst.toFlowKeyHi()).isEqualTo(key.dstHi);
        assertThat(dst.toFlowKeyLo()).isEqualTo(key.dstLo);
        assertThat(dst.isV4()).isTrue();
        assertThat(dst.v4()).isEqualTo(0xc000_0207);
    }

    @Test
    void storesIpv6AsItsTwoHalves() {
        IpAddress a = IpAddress.parse("2001:db8::8:800:200c:417a");
        assertThat(a.hi()).isEqualTo(0x2001_0db8_0000_0000L);
        assertThat(a.lo()).isEqualTo(0x0000_0008_0800_200cL << 16 | 0x417a);
        assertThat(a.isV4()).isFalse();
        assertThatThrownBy(a::v4).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void roundTripsThroughNetworkOrderBytes() {
        for (String s : new String[] {"10.1.2.3", "2001:db8::ff00:42:8329", "::"}) {
            IpAddress a = IpAddress.parse(s);
            assertThat(IpAddress.ofBytes(a.toBytes())).isEqualTo(a);
        }
        assertThat(IpAddress.parse("10.1.2.3").toBytes()).containsExactly(10, 1, 2, 3);
    }

    @Test
    void classifiesAddressesThatCannotNameAHost() {
        assertThat(IpAddress.parse("0.0.0.0").isUnicastHost()).isFalse();
        assertThat(IpAddress.parse("224.0.0.5").isUnicastHost()).isFalse();
        assertThat(IpAddress.parse("255.255.255.255").isUnicastHost()).isFalse();
        assertThat(IpAddress.parse("127.0.0.1").isUnicastHost()).isFalse();
        assertThat(IpAddress.parse("::1").isUnicastHost()).isFalse();
        assertThat(IpAddress.parse("ff02::1").isUnicastHost()).isFalse();
        assertThat(IpAddress.parse("10.0.0.1").isUnicastHost()).isTrue();
        assertThat(IpAddress.parse("2001:db8::1").isUnicastHost()).isTrue();
    }

    @Test
    void ordersIpv4BeforeIpv6AndNumerically() {
        assertThat(IpAddress.parse("10.0.0.2")).isGreaterThan(IpAddress.parse("10.0.0.1"));
        assertThat(IpAddress.parse("2001:db8::1")).isGreaterThan(IpAddress.parse("255.255.255.255"));
        assertThat(IpAddress.parse("ff00::1")).isGreaterThan(IpAddress.parse("2001:db8::1"));
    }
}
