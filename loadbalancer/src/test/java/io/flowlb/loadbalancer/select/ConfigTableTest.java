package io.flowlb.loadbalancer.select;

import io.flowlb.loadbalancer.packet.FlowKey;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTableTest {
    private static final int VIP2 = 0x0a00_0002;

    private static FlowKey to(int vip, int protocol, int port) {
        FlowKey k = new FlowKey();
        k.setV4(0xc0a8_0001, vip, protocol, 40000, port);
        return k;
    }

    @Test
    void findsTheExactPortFirstThenAllPortsThenAnyProtocol() {
        ConfigTable config = new ConfigTable();
        ConfigSnapshot.Builder next = config.nextBuilder();
        next.service(1).vipV4(Flows.VIP, 6, 80).backend(1, 1, true, true);
        next.service(2).vipV4(Flows.VIP, 6, ServiceTable.ALL).backend(2, 1, true, true);
        next.service(3).vipV4(Flows.VIP, ServiceTable.ALL, ServiceTable.ALL).backend(3, 1, true, true);
        next.service(4).vipV4(VIP2, 17, 53).backend(4, 1, true, true);
        ConfigSnapshot snap = config.publish(next);

        assertThat(snap.findService(to(Flows.VIP, 6, 80)).id()).isEqualTo(1);
        assertThat(snap.findService(to(Flows.VIP, 6, 443)).id()).isEqualTo(2);
        assertThat(snap.findService(to(Flows.VIP, 17, 80)).id()).isEqualTo(3);
        assertThat(snap.findService(to(Flows.VIP, 50, 0)).id()).as("ESP to the VIP").isEqualTo(3);
        assertThat(snap.findService(to(VIP2, 17, 53)).id()).isEqualTo(4);
        assertThat(snap.findService(to(VIP2, 17, 54))).isNull();
        assertThat(snap.findService(to(0x0a00_0003, 6, 80))).isNull();
        assertThat(snap.service(4).id()).isEqualTo(4);
        assertThat(snap.service(5)).isNull();
    }

    @Test
    void findsAVipAddressWhateverItsProtocolAndPort() {
        ConfigTable config = new ConfigTable();
        ConfigSnapshot.Builder next = config.nextBuilder();
        next.service(1).vipV4(Flows.VIP, 6, 80).vipMac(0x0200_0000_0a01L).backend(1, 1, true, true);
        next.service(2).vipV4(Flows.VIP, 17, 53).backend(2, 1, true, true);
        next.service(3).vip(0x2001_0db8_0000_0000L, 0x80L, 6, 443).backend(3, 1, true, true);
        ConfigSnapshot snap = config.publish(next);

        long mapped = FlowKey.V4_MAPPED_LO_PREFIX;
        assertThat(snap.findAddress(0, mapped | Flows.VIP).id()).as("the first service of the address").isEqualTo(1);
        assertThat(snap.findAddress(0, mapped | Flows.VIP).vipMac()).isEqualTo(0x0200_0000_0a01L);
        assertThat(snap.findAddress(0x2001_0db8_0000_0000L, 0x80L).id()).isEqualTo(3);
        assertThat(snap.findAddress(0, mapped | VIP2)).isNull();
        assertThat(ConfigSnapshot.EMPTY.findAddress(0, mapped | Flows.VIP)).isNull();
    }

    @Test
    void aChangedVipMacOrPolicyRebuildsTheService() {
        ConfigTable config = new ConfigTable();
        ConfigSnapshot.Builder b1 = config.nextBuilder();
        b1.service(1).vipV4(Flows.VIP, 6, 80).vipMac(1).backend(1, 1, true, true);
        ConfigSnapshot first = config.publish(b1);
        ConfigSnapshot.Builder b2 = config.nextBuilder();
        b2.service(1).vipV4(Flows.VIP, 6, 80).vipMac(1).midConnection(MidConnectionPolicy.STRICT).backend(1, 1, true, true);
        ConfigSnapshot second = config.publish(b2);
        assertThat(second.service(1)).isNotSameAs(first.service(1));
        assertThat(second.service(1).midConnection()).isEqualTo(MidConnectionPolicy.STRICT);
        ConfigSnapshot.Builder b3 = config.nextBuilder();
        b3.service(1).vipV4(Flows.VIP, 6, 80).vipMac(2).midConnection(MidConnectionPolicy.STRICT).backend(1, 1, true, true);
        assertThat(config.publish(b3).service(1)).isNotSameAs(second.service(1));
    }

    @Test
    void findsV6Vips() {
        ConfigTable config = new ConfigTable();
        ConfigSnapshot.Builder next = config.nextBuilder();
        next.service(6).vip(0x2001_0db8_0000_0000L, 0x80L, 6, 443).backend(1, 1, true, true);
        ConfigSnapshot snap = config.publish(next);
        FlowKey k = new FlowKey();
        k.setV6(0x2001_0db8_0000_0001L, 1, 0x2001_0db8_0000_0000L, 0x80L, 6, 50000, 443);
        assertThat(snap.findService(k).id()).isEqualTo(6);
        k.dstHi++;
        assertThat(snap.findService(k)).isNull();
    }

    @Test
    void publishingMakesANewerGenerationActiveAndReusesUnchangedServices() {
        ConfigTable config = new ConfigTable();
        assertThat(config.generation()).isZero();
        ConfigSnapshot.Builder b1 = config.nextBuilder();
        b1.service(1).vipV4(Flows.VIP, 6, 80).backend(1, 1, true, true).backend(2, 1, true, true);
        b1.service(2).vipV4(VIP2, 6, 80).backend(3, 1, true, true);
        ConfigSnapshot s1 = config.publish(b1);
        assertThat(config.current()).isSameAs(s1);
        assertThat(s1.generation()).isEqualTo(1);

        ConfigSnapshot.Builder b2 = config.nextBuilder();
        b2.service(1).vipV4(Flows.VIP, 6, 80).backend(1, 1, true, true).backend(2, 5, true, true);
        b2.service(2).vipV4(VIP2, 6, 80).backend(3, 1, true, true);
        ConfigSnapshot s2 = config.publish(b2);
        assertThat(s2.generation()).isEqualTo(2);
        assertThat(s2.service(2)).as("unchanged service kept").isSameAs(s1.service(2));
        assertThat(s2.service(1)).isNotSameAs(s1.service(1));
        assertThat(s2.service(1).generation()).isEqualTo(2);
        assertThat(s2.reusedCount()).isEqualTo(1);

        assertThatThrownBy(() -> config.publish(b1.build())).hasMessageContaining("not newer");
        assertThat(config.current()).isSameAs(s2);
    }

    @Test
    void conflictingServicesAreRefusedAndTheActiveSnapshotStays() {
        ConfigTable config = new ConfigTable();
        ConfigSnapshot.Builder b = config.nextBuilder();
        b.service(1).vipV4(Flows.VIP, 6, 80);
        b.service(2).vipV4(Flows.VIP, 6, 80);
        assertThatThrownBy(() -> config.publish(b)).hasMessageContaining("services 1 and 2 have the same VIP");
        ConfigSnapshot.Builder c = config.nextBuilder();
        c.service(1).vipV4(Flows.VIP, 6, 80);
        c.service(1).vipV4(VIP2, 6, 80);
        assertThatThrownBy(() -> config.publish(c)).hasMessageContaining("duplicate service id 1");
        assertThat(config.current()).isSameAs(ConfigSnapshot.EMPTY);
    }

    @Test
    void aReaderAlwaysSeesAWholeSnapshot() throws Exception {
        ConfigTable config = new ConfigTable();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                long last = 0;
                while (!stop.get()) {
                    ConfigSnapshot s = config.current();
                    assertThat(s.generation()).isGreaterThanOrEqualTo(last);
                    last = s.generation();
                    // Generation g has g services, each with g backends.
                    assertThat(s.serviceCount()).isEqualTo((int) last);
                    for (int i = 0; i < s.serviceCount(); i++) {
                        assertThat(s.serviceAt(i).backendCount()).isEqualTo((int) last);
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        reader.start();
        for (int g = 1; g <= 40; g++) {
            ConfigSnapshot.Builder b = config.nextBuilder();
            for (int s = 0; s < g; s++) {
                ServiceTable.Builder svc = b.service(s).vipV4(s, 6, 80).maglevSize(251);
                for (int m = 0; m < g; m++) {
                    svc.backend(m, 1, true, true);
                }
            }
            config.publish(b);
        }
        stop.set(true);
        reader.join();
        assertThat(failure.get()).isNull();
    }
}
