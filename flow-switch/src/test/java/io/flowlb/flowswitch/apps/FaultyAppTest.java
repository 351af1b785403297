package io.flowlb.flowswitch.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.datapath.Datapath;
import io.flowlb.flowswitch.datapath.DatapathConfig;
import io.flowlb.flowswitch.datapath.NanoClock;
import io.flowlb.flowswitch.datapath.Pipeline;
import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.PacketView;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultyAppTest {

    /** An application that fails on every frame. */
    static final class Crashing implements SwitchApp {
        @Override
        public void onFrame(AppContext ctx, int inPort, PacketView frame) {
            throw new IllegalStateException("bug");
        }

        @Override
        public String[] counterNames() {
            return new String[0];
        }

        @Override
        public long counter(int index) {
            return 0;
        }
    }

    @Test
    void aFailingApplicationIsCountedAndThePollerGoesOn() {
        int port = PortNumbers.APP_FIRST + 0x10;
        Datapath dp = new Datapath(DatapathConfig.defaults(1, List.of(new AppDescriptor(port, "app-crash",
                Crashing::new))).withConnectionsPerPoller(1024), NanoClock.SYSTEM);
        Pipeline p = dp.newPipeline();
        dp.flowMod(FlowMod.add(FlowSpec.apply(0, 0, Match.ALL, new Action.Output(port))));
        byte[] frame = FrameBuilder.ethernet(1, 2).ipv4(1, 2).udp(1, 2).build();
        for (int i = 0; i < 3; i++) {
            p.onFrame(1, MemorySegment.ofArray(frame.clone()), 0, frame.length, 0);
            p.endOfBurst();
        }
        assertThat(dp.counters()).containsEntry("app_errors", 3L);
        assertThat(dp.portDesc()).anyMatch(d -> d.name().equals("app-crash") && d.portNo() == port);
    }
}
