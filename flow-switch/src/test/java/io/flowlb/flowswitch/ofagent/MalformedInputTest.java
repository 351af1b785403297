package io.flowlb.flowswitch.ofagent;

import static io.flowlb.flowswitch.ofagent.AgentHarness.F13;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadRequestErrorMsg;

class MalformedInputTest {
    private final AgentHarness h = new AgentHarness();

    private static byte[] bytesOf(OFMessage m) {
        ByteBuf b = Unpooled.buffer();
        m.writeTo(b);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        b.release();
        return out;
    }

    @Test
    void answersAnUnknownMessageTypeWithBadTypeAndCarriesOn() {
        EmbeddedChannel ch = h.controller();
        h.sendBytes(ch, new byte[] {4, (byte) 200, 0, 8, 0, 0, 0, 9});
        OFBadRequestErrorMsg e = (OFBadRequestErrorMsg) AgentHarness.only(ch);
        assertThat(e.getCode()).isEqualTo(OFBadRequestCode.BAD_TYPE);
        assertThat(e.getXid()).isEqualTo(9);
        h.send(ch, F13.buildBarrierRequest().setXid(10).build());
        assertThat(AgentHarness.only(ch)).isInstanceOf(OFBarrierReply.class);
    }

    @Test
    void answersATruncatedBodyWithBadLenAndCarriesOn() {
        EmbeddedChannel ch = h.controller();
        byte[] flowMod = bytesOf(F13.buildFlowAdd().setXid(4).setMatch(F13.buildMatch().build()).build());
        byte[] cut = java.util.Arrays.copyOf(flowMod, 20);
        cut[2] = 0;
        cut[3] = 20;
        h.sendBytes(ch, cut);
        OFErrorMsg e = (OFErrorMsg) AgentHarness.only(ch);
        assertThat(((OFBadRequestErrorMsg) e).getCode()).isEqualTo(OFBadRequestCode.BAD_LEN);
        assertThat(ch.isOpen()).isTrue();
        assertThat(h.datapath.flowMods).isEmpty();
    }

    @Test
    void closesOnlyTheSessionWhoseStreamCannotBeFramed() {
        EmbeddedChannel bad = h.controller();
        EmbeddedChannel good = h.controller();
        h.sendBytes(bad, new byte[] {4, 0, 0, 3, 0, 0, 0, 1});
        assertThat(AgentHarness.read(bad)).singleElement().isInstanceOf(OFErrorMsg.class);
        assertThat(bad.isOpen()).isFalse();
        h.send(good, F13.buildFeaturesRequest().setXid(2).build());
        assertThat(AgentHarness.only(good)).isInstanceOf(OFFeaturesReply.class);
    }

    @Test
    void survivesRandomGarbageAndMutatedMessagesWithoutAnExceptionEscaping() {
        Random rnd = new Random(20261123);
        List<byte[]> seeds = List.of(
                bytesOf(F13.buildFlowAdd().setMatch(F13.buildMatch().build()).build()),
                bytesOf(F13.buildFeaturesRequest().build()),
                bytesOf(F13.buildFlowStatsRequest().setMatch(F13.buildMatch().build()).build()),
                bytesOf(F13.buildGroupDescStatsRequest().build()),
                bytesOf(F13.buildRoleRequest().setRole(org.projectfloodlight.openflow.protocol.OFControllerRole.ROLE_MASTER)
                        .setGenerationId(org.projectfloodlight.openflow.types.U64.of(1)).build()),
                bytesOf(F13.buildGroupAdd().setGroup(org.projectfloodlight.openflow.types.OFGroup.of(1))
                        .setGroupType(org.projectfloodlight.openflow.protocol.OFGroupType.SELECT).setBuckets(List.of()).build()));
        for (int round = 0; round < 2000; round++) {
            EmbeddedChannel ch = h.controller();
            byte[] msg;
            if (round % 3 == 0) {
                msg = new byte[8 + rnd.nextInt(120)];
                rnd.nextBytes(msg);
                msg[0] = 4;
            } else {
                byte[] seed = seeds.get(rnd.nextInt(seeds.size()));
                msg = seed.clone();
                for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                    msg[rnd.nextInt(msg.length)] = (byte) rnd.nextInt(256);
                }
                msg[0] = 4;
            }
            h.sendBytes(ch, msg);
            AgentHarness.read(ch);
            assertThat(ch.isOpen() || h.problems.count("openflow-unframeable") > 0).isTrue();
            ch.checkException();
            ch.finishAndReleaseAll();
        }
        EmbeddedChannel after = h.controller();
        h.send(after, F13.buildFeaturesRequest().setXid(77).build());
        assertThat(AgentHarness.only(after).getXid()).isEqualTo(77);
        assertThat(h.problems.counts()).containsKey("openflow-malformed");
    }
}
