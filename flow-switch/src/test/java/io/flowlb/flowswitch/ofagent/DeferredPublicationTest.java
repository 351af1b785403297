package io.flowlb.flowswitch.ofagent;

import static io.flowlb.flowswitch.ofagent.WireClient.F13;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * When publishing is dear (a big table), FLOW_MODs read one after another share a publication
 * a little later; a barrier still gets its reply only after they are published.
 */
class DeferredPublicationTest {
    private final AgentHarness h = new AgentHarness();
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final EmbeddedChannel ctl;

    DeferredPublicationTest() {
        h.agent.setScheduler((task, delay) -> {
            scheduled.add(task);
            delays.add(delay);
        });
        ctl = h.connect(OfSession.Kind.CONTROLLER);
    }

    private static OFMessage add(int priority) {
        return F13.buildFlowAdd().setPriority(priority).setMatch(F13.buildMatch().build()).build();
    }

    @Test
    void cheapPublicationsHappenWhenTheReadIsDone() {
        int before = h.datapath.commits;
        WireClient.send(ctl, add(1));
        assertThat(h.datapath.commits).isEqualTo(before + 1);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void dearPublicationsAreSharedByTheModsOfSeveralReadsYetPrecedeTheBarrierReply() {
        h.datapath.publishCost = 200_000;
        int before = h.datapath.commits;
        WireClient.send(ctl, add(1));
        WireClient.send(ctl, add(2));
        assertThat(h.datapath.commits).isEqualTo(before);
        assertThat(delays).containsExactly(1_600_000L);
        scheduled.get(0).run();
        assertThat(h.datapath.commits).isEqualTo(before + 1);

        WireClient.send(ctl, add(3));
        assertThat(h.datapath.commits).isEqualTo(before + 1);
        WireClient.send(ctl, F13.buildBarrierRequest().setXid(5).build());
        assertThat(h.datapath.commits).isEqualTo(before + 2);
        assertThat(WireClient.only(ctl)).isInstanceOf(OFBarrierReply.class);
        assertThat(h.datapath.flowMods).hasSize(3);
    }
}
