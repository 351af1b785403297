package io.flowlb.controller.lb.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.view.ConnectionSampler;
import io.flowlb.controller.view.NetworkView;
import io.flowlb.controller.view.SwitchNetworkView;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.NotFoundException;
import io.flowlb.loadbalancer.model.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The network view: switches, flows and groups as ovs-ofctl would print them, hosts, tracked connections. */
class NetworkViewTest extends LbTestBase {
    static final String DPID = "00:00:00:00:00:00:00:01";

    private NetworkView view;

    /** The view a launched controller serves, over the simulated switches and the controller's hosts. */
    NetworkView view() {
        if (view == null) {
            view = new SwitchNetworkView(net.switches, net.controller().hostService(),
                    new ConnectionSampler(net.lb::config, net.controller().hostService(), 100), dpid -> null, Map::of);
        }
        return view;
    }

    @Test
    void listsTheSwitchItsLoadBalancerFlowsAndGroups() throws Exception {
        start(false);
        configure(ForwardingMode.NAT, 8080);

        assertThat(view().switches()).singleElement().satisfies(s -> {
            assertThat(s.dpid()).isEqualTo(DPID);
            assertThat(s.ports()).isEqualTo(4);
        });
        List<NetworkView.FlowInfo> flows = view().flows(DPID).get();
        assertThat(flows).anySatisfy(f -> {
            assertThat(f.match()).contains("nw_dst=10.0.0.100").contains("tp_dst=80");
            assertThat(f.instructions()).startsWith("group:");
        });
        assertThat(flows).anySatisfy(f -> assertThat(f.instructions()).isEqualTo("goto_table:1"));
        assertThat(view().groups(DPID).get()).singleElement().satisfies(g -> {
            assertThat(g.type()).isEqualTo("select");
            assertThat(g.buckets()).hasSize(3).allSatisfy(b -> assertThat(b).startsWith("weight:1,watch_port:")
                    .contains("set_field:8080->tcp_dst"));
        });
        assertThat(view().switches().get(0).flows()).isEqualTo(flows.size());
        assertThat(view().hosts()).extracting(NetworkView.HostInfo::ips).anySatisfy(ips ->
                assertThat(ips).contains("10.0.0.11"));
    }

    @Test
    void listsTheConnectionsTheReactiveInstallerTracks() throws Exception {
        ControllerConfig c = ControllerConfig.defaults();
        start(false, c.withLoadBalancer(c.loadBalancer().withInstaller("reactive")));
        configure(ForwardingMode.NAT, 8080);
        String server = connect(41_000).name;

        assertThat(view().connections().get()).singleElement().satisfies(k -> {
            assertThat(k.client()).isEqualTo("10.0.0.1:41000");
            assertThat(k.vip()).isEqualTo("10.0.0.100:80");
            assertThat(k.member()).isEqualTo("m" + server.substring(1));
            assertThat(k.protocol()).isEqualTo("tcp");
        });
    }

    @Test
    void namesBadAndUnknownSwitches() {
        start(false);
        assertThatThrownBy(() -> view().flows("not-a-dpid").get()).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> view().groups("00:00:00:00:00:00:00:09").get()).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(NotFoundException.class);
    }
}
