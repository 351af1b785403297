package io.flowlb.controller.resource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IcmpEchoTest {

    @Test
    void ipv4RequestCarriesTypeIdentifierSequenceAndAValidChecksum() {
        byte[] p = IcmpEcho.request(false, 0x1234, 0xbeef);
        assertThat(p[0]).isEqualTo((byte) 8);
        assertThat(p[1]).isZero();
        assertThat(((p[4] & 0xff) << 8) | (p[5] & 0xff)).isEqualTo(0x1234);
        assertThat(((p[6] & 0xff) << 8) | (p[7] & 0xff)).isEqualTo(0xbeef);
        assertThat(IcmpEcho.checksum(p, 0, p.length)).as("a correct checksum sums to zero").isZero();
    }

    @Test
    void ipv6RequestLeavesTheChecksumToTheKernel() {
        byte[] p = IcmpEcho.request(true, 1, 2);
        assertThat(p[0] & 0xff).isEqualTo(128);
        assertThat(p[2]).isZero();
        assertThat(p[3]).isZero();
    }

    @Test
    void readsAnEchoReplyWithOrWithoutTheIpHeaderInFront() {
        byte[] reply = IcmpEcho.request(false, 7, 9);
        reply[0] = 0;
        assertThat(IcmpEcho.parse(false, false, reply, reply.length))
                .isEqualTo(new IcmpEcho.Answer(IcmpEcho.Kind.REPLY, 7, 9, 0));
        byte[] withIp = new byte[20 + reply.length];
        withIp[0] = 0x45;
        System.arraycopy(reply, 0, withIp, 20, reply.length);
        assertThat(IcmpEcho.parse(false, true, withIp, withIp.length))
                .isEqualTo(new IcmpEcho.Answer(IcmpEcho.Kind.REPLY, 7, 9, 0));
        byte[] v6 = IcmpEcho.request(true, 7, 9);
        v6[0] = (byte) 129;
        assertThat(IcmpEcho.parse(true, false, v6, v6.length).kind()).isEqualTo(IcmpEcho.Kind.REPLY);
    }

    @Test
    void recognisesDestinationUnreachableThatQuotesOurRequest() {
        byte[] request = IcmpEcho.request(false, 0x0a0b, 3);
        byte[] error = new byte[8 + 20 + 8];
        error[0] = 3;
        error[1] = 1;
        error[8] = 0x45;
        System.arraycopy(request, 0, error, 28, 8);
        assertThat(IcmpEcho.parse(false, false, error, error.length))
                .isEqualTo(new IcmpEcho.Answer(IcmpEcho.Kind.UNREACHABLE, 0x0a0b, 3, 1));
    }

    @Test
    void ignoresRequestsOtherMessagesAndTruncatedPackets() {
        byte[] request = IcmpEcho.request(false, 1, 1);
        assertThat(IcmpEcho.parse(false, false, request, request.length)).isNull();
        assertThat(IcmpEcho.parse(false, false, request, 5)).isNull();
        byte[] timeExceeded = new byte[36];
        timeExceeded[0] = 11;
        assertThat(IcmpEcho.parse(false, false, timeExceeded, timeExceeded.length)).isNull();
        byte[] notIpv4 = new byte[40];
        notIpv4[0] = 0x60;
        assertThat(IcmpEcho.parse(false, true, notIpv4, notIpv4.length)).isNull();
    }
}
