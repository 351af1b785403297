package io.flowlb.bench.flowsetup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFVersion;

class FlowSetupOptionsTest {

    @Test
    void defaultsAreSixteenSwitchesInThroughputModeOverOpenFlow13() {
        FlowSetupOptions o = FlowSetupOptions.parse();

        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(6653);
        assertThat(o.switches()).isEqualTo(16);
        assertThat(o.latencyMode()).isFalse();
        assertThat(o.window()).isEqualTo(64);
        assertThat(o.versions()).isEqualTo(Set.of(OFVersion.OF_13));
        assertThat(o.label()).isEqualTo("127.0.0.1:6653");
    }

    @Test
    void latencyModeKeepsOnePacketInOutstandingWhateverTheWindow() {
        FlowSetupOptions o = FlowSetupOptions.parse("--window", "32", "--mode", "latency", "--of10",
                "--controller", "10.0.0.9:6633", "--label=ours");

        assertThat(o.window()).isEqualTo(1);
        assertThat(o.versions()).isEqualTo(Set.of(OFVersion.OF_10));
        assertThat(o.port()).isEqualTo(6633);
        assertThat(o.label()).isEqualTo("ours");
    }

    @Test
    void mistakesNameTheOption() {
        assertThatThrownBy(() -> FlowSetupOptions.parse("--switches", "0")).hasMessageContaining("--switches 0");
        assertThatThrownBy(() -> FlowSetupOptions.parse("--mode", "fast"))
                .hasMessageContaining("throughput or latency");
        assertThatThrownBy(() -> FlowSetupOptions.parse("--protocols", "1.5")).hasMessageContaining("1.0 and 1.3");
        assertThatThrownBy(() -> FlowSetupOptions.parse("--bogus", "1")).hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> FlowSetupOptions.parse("--loops")).hasMessageContaining("needs a value");
    }

    @Test
    void resultJsonCarriesTheRatesAndEscapesText() {
        FlowSetupOptions o = FlowSetupOptions.parse("--label", "ovs \"test\"");
        FlowSetupResult r = new FlowSetupResult(o, "OF_13", new double[] {1}, new double[] {2, 4},
                LoopStats.of(new double[] {2, 4}), 12.5, new FlowSetupResult.CpuPerResponse(1.5, -1),
                new FlowSetupResult.Totals(10, 9, 8, 1, 0, 0, 0, 1, 0, null, true), null);

        assertThat(r.toJson()).contains("\"label\":\"ovs \\\"test\\\"\"", "\"rates\":[2.00,4.00]", "\"avg\":3.00",
                "\"stdev\":1.00", "\"firstError\":null",
                "\"toolCpuMicrosPerResponse\":1.500", "\"controllerCpuMicrosPerResponse\":-1.000");
        assertThat(r.resultLine()).contains("16 switches 2 tests min/max/avg/stdev = 2.00/4.00/3.00/1.00");
    }
}
