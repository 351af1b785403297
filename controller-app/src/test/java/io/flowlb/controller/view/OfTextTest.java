package io.flowlb.controller.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.TransportPort;

class OfTextTest {
    private final OFFactory of13 = OFFactories.getFactory(OFVersion.OF_13);
    private final OFFactory of10 = OFFactories.getFactory(OFVersion.OF_10);

    @Test
    void matchesReadAsOvsOfctlPrintsThem() {
        var vipFlow = of13.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
                .setExact(MatchField.IP_PROTO, IpProtocol.TCP).setExact(MatchField.IN_PORT, OFPort.of(3))
                .setExact(MatchField.IPV4_DST, IPv4Address.of("10.0.0.100"))
                .setExact(MatchField.TCP_DST, TransportPort.of(80)).build();
        var subnet = of13.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
                .setMasked(MatchField.IPV4_SRC, IPv4Address.of("10.0.0.0"), IPv4Address.of("255.255.255.0")).build();
        var esp = of13.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
                .setExact(MatchField.IP_PROTO, IpProtocol.of((short) 50)).build();
        var arp = of13.buildMatch().setExact(MatchField.ETH_TYPE, EthType.ARP)
                .setExact(MatchField.ARP_TPA, IPv4Address.of("10.0.0.254")).build();

        assertThat(OfText.match(vipFlow)).isEqualTo("tcp,in_port=3,nw_dst=10.0.0.100,tp_dst=80");
        assertThat(OfText.match(subnet)).isEqualTo("ip,nw_src=10.0.0.0/24");
        assertThat(OfText.match(esp)).isEqualTo("ip,nw_proto=50");
        assertThat(OfText.match(arp)).isEqualTo("arp,arp_tpa=10.0.0.254");
        assertThat(OfText.match(of13.matchWildcardAll())).isEmpty();
    }

    @Test
    void instructionsAndActionsReadAsOvsOfctlPrintsThem() {
        var rewrite = of13.instructions().applyActions(List.of(
                of13.actions().setField(of13.oxms().ethDst(MacAddress.of("02:00:00:00:00:01"))),
                of13.actions().output(OFPort.of(2), 0xffff)));
        var toController = of13.instructions().applyActions(List.of(of13.actions().output(OFPort.CONTROLLER, 0xffff)));

        assertThat(OfText.instructions(List.of(rewrite, of13.instructions().gotoTable(TableId.of(1)))))
                .isEqualTo("set_field:02:00:00:00:00:01->eth_dst,output:2,goto_table:1");
        assertThat(OfText.instructions(List.of(toController))).isEqualTo("CONTROLLER:65535");
        assertThat(OfText.instructions(List.of(of13.instructions().applyActions(
                List.of(of13.actions().group(OFGroup.of(7))))))).isEqualTo("group:7");
        assertThat(OfText.instructions(List.of())).isEqualTo("drop");
        assertThat(OfText.actions(List.of(of10.actions().setDlDst(MacAddress.of("02:00:00:00:00:02")),
                of10.actions().output(OFPort.FLOOD, 0)))).isEqualTo("mod_dl_dst:02:00:00:00:00:02,FLOOD");
    }

    @Test
    void selectBucketsShowWeightWatchPortAndActions() {
        var bucket = of13.buildBucket().setWeight(30).setWatchPort(OFPort.of(4)).setWatchGroup(OFGroup.ANY)
                .setActions(List.of(of13.actions().output(OFPort.of(4), 0))).build();

        assertThat(OfText.bucket(OFGroupType.SELECT, bucket)).isEqualTo("weight:30,watch_port:4,actions=output:4");
        assertThat(OfText.groupType(OFGroupType.SELECT)).isEqualTo("select");
        assertThat(OfText.groupType(OFGroupType.FF)).isEqualTo("ff");
    }
}
