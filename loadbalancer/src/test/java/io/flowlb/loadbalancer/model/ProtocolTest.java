package io.flowlb.loadbalancer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"tcp,6,tcp", "UDP,17,udp", "esp,50,esp", "50,50,esp", "Any,0,any", "0,0,any", "icmpv6,58,icmpv6", "253,253,253"})
    void parsesNamesAndNumbers(String text, int number, String printed) {
        Protocol p = Protocol.parse(text);
        assertThat(p.number()).isEqualTo(number);
        assertThat(p.toString()).isEqualTo(printed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"255", "256", "-1", "tcpp", ""})
    void rejectsUnknownNamesAndReservedNumbers(String text) {
        assertThatThrownBy(() -> Protocol.parse(text))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("protocol"));
    }

    @Test
    void onlyTcpUdpAndSctpCarryPorts() {
        assertThat(Protocol.TCP.hasPorts()).isTrue();
        assertThat(Protocol.UDP.hasPorts()).isTrue();
        assertThat(Protocol.SCTP.hasPorts()).isTrue();
        assertThat(Protocol.ESP.hasPorts()).isFalse();
        assertThat(Protocol.ICMP.hasPorts()).isFalse();
        assertThat(Protocol.ANY.hasPorts()).isFalse();
    }

    @Test
    void anyMatchesEveryProtocol() {
        assertThat(Protocol.ANY.matches(50)).isTrue();
        assertThat(Protocol.TCP.matches(6)).isTrue();
        assertThat(Protocol.TCP.matches(17)).isFalse();
    }
}
