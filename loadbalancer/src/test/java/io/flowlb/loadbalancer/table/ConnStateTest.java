package io.flowlb.loadbalancer.table;

import org.junit.jupiter.api.Test;

import static io.flowlb.loadbalancer.table.ConnState.*;
import static org.assertj.core.api.Assertions.assertThat;

class ConnStateTest {
    @Test
    void tcpHandshakeMovesFromSynSeenToEstablishedOnTheClientsAck() {
        int s = initial(PROTO_TCP, TCP_SYN);
        assertThat(s).isEqualTo(SYN_SEEN);
        s = next(s, TCP_SYN | TCP_ACK);
        assertThat(s).isEqualTo(SYN_SEEN);
        s = next(s, TCP_ACK);
        assertThat(s).isEqualTo(ESTABLISHED);
        assertThat(next(s, TCP_ACK | 0x08)).isEqualTo(ESTABLISHED);
    }

    @Test
    void finOrRstClosesFromAnyTcpState() {
        for (int s : new int[] {SYN_SEEN, ESTABLISHED, CLOSING}) {
            assertThat(next(s, TCP_FIN | TCP_ACK)).isEqualTo(CLOSING);
            assertThat(next(s, TCP_RST)).isEqualTo(CLOSING);
        }
        assertThat(next(CLOSING, TCP_ACK)).as("a last ACK does not reopen").isEqualTo(CLOSING);
    }

    @Test
    void aNewSynReusesAClosingOrEstablishedTuple() {
        assertThat(next(CLOSING, TCP_SYN)).isEqualTo(SYN_SEEN);
        assertThat(next(ESTABLISHED, TCP_SYN)).isEqualTo(SYN_SEEN);
    }

    @Test
    void midConnectionTcpPacketStartsEstablishedAndOtherProtocolsHaveTheirOwnState() {
        assertThat(initial(PROTO_TCP, TCP_ACK)).isEqualTo(ESTABLISHED);
        assertThat(initial(PROTO_TCP, TCP_FIN | TCP_ACK)).isEqualTo(CLOSING);
        assertThat(initial(PROTO_UDP, 0)).isEqualTo(UDP);
        assertThat(initial(50, 0)).isEqualTo(OTHER);
        assertThat(next(UDP, TCP_FIN)).as("flags mean nothing outside TCP").isEqualTo(UDP);
        assertThat(isMidConnection(PROTO_TCP, TCP_ACK)).isTrue();
        assertThat(isMidConnection(PROTO_TCP, TCP_SYN)).isFalse();
        assertThat(isMidConnection(PROTO_UDP, 0)).isFalse();
    }
}
