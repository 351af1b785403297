package io.flowlb.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.controller.resource.ResourceSettings;
import io.flowlb.loadbalancer.distribution.DistributionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.projectfloodlight.openflow.protocol.OFVersion;

class ControllerConfigTest {

    @Test
    void defaultsListenOnBothOpenFlowPortsWithL2On() {
        ControllerConfig c = ControllerConfig.defaults();

        assertThat(c.openflow().ports()).containsExactly(6653, 6633);
        assertThat(c.openflow().ofVersions()).containsExactlyInAnyOrder(OFVersion.OF_13, OFVersion.OF_10);
        assertThat(c.rest().port()).isEqualTo(8080);
        assertThat(c.l2().enabled()).isTrue();
        assertThat(c.l2().idleTimeoutSeconds()).isEqualTo(30);
        assertThat(c.topology().lldpIntervalMillis()).isEqualTo(5000);
    }

    @Test
    void fileOverridesOnlyTheKeysItHas() {
        ControllerConfig c = ControllerConfig.parseJson("""
                { "openflow": { "ports": 7000, "versions": ["1.0"] },   // comments are allowed
                  "l2": { "idleTimeoutSeconds": 5 } }
                """);

        assertThat(c.openflow().ports()).containsExactly(7000);
        assertThat(c.openflow().ofVersions()).containsExactly(OFVersion.OF_10);
        assertThat(c.openflow().echoIntervalMillis()).isEqualTo(5000);
        assertThat(c.l2().idleTimeoutSeconds()).isEqualTo(5);
        assertThat(c.l2().enabled()).isTrue();
    }

    @Test
    void unknownKeysAreRejectedByTheirFullName() {
        assertThatThrownBy(() -> ControllerConfig.parseJson("{ \"openflow\": { \"prots\": [1], \"bindAdress\": \"x\" } }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'openflow.bindAdress', 'openflow.prots'")
                .hasMessageContaining("ports");
        assertThatThrownBy(() -> ControllerConfig.parseJson("{ \"l3\": {} }"))
                .hasMessageContaining("unknown configuration key 'l3'");
    }

    @Test
    void wrongTypesAndRangesNameTheKey() {
        assertThatThrownBy(() -> ControllerConfig.parseJson("{ \"openflow\": { \"ports\": [70000] } }"))
                .hasMessageContaining("'openflow.ports' must be between 0 and 65535");
        assertThatThrownBy(() -> ControllerConfig.parseJson("{ \"l2\": { \"enabled\": \"yes\" } }"))
                .hasMessageContaining("'l2.enabled' must be true or false");
        assertThatThrownBy(() -> ControllerConfig.parseJson("{ \"openflow\": { \"versions\": [\"2.0\"] } }"))
                .hasMessageContaining("'openflow.versions'");
        assertThatThrownBy(() -> ControllerConfig.parseJson("{ \"topology\": { \"linkTimeoutMillis\": 1000 } }"))
                .hasMessageContaining("linkTimeoutMillis");
        assertThatThrownBy(() -> ControllerConfig.parseJson("{ \"rest\": { \"port\": 1, \"port\": 2 } }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("port");
    }

    @Test
    void missingOrBrokenFileIsAClearError(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ControllerConfig.load(dir.resolve("none.json")))
                .hasMessageContaining("does not exist");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{ \"openflow\": ");
        assertThatThrownBy(() -> ControllerConfig.load(bad)).hasMessageContaining("not valid JSON");
    }

    @Test
    void printedConfigReadsBackToTheSameConfig() {
        ControllerConfig c = ControllerConfig.parseJson("{ \"hosts\": { \"timeoutMillis\": 5000 } }");

        assertThat(ControllerConfig.parseJson(c.toJson())).isEqualTo(c);
    }

    @Test
    void resourceAndMasterDefaultsMatchTheDocumentedOnes() {
        ControllerConfig c = ControllerConfig.defaults();

        assertThat(c.master().settings()).isEqualTo(DistributionSettings.DEFAULTS);
        assertThat(c.resource().settings()).isEqualTo(ResourceSettings.DEFAULTS);
        assertThat(c.resource().sourceAddress()).isEmpty();
    }

    @Test
    void agentCheckPeriodFollowsTheReportIntervalUnlessGiven() {
        ControllerConfig c = ControllerConfig.parseJson("{ \"master\": { \"reportIntervalMillis\": 500 } }");
        assertThat(c.resource().agentCheckIntervalMillis()).isEqualTo(500);
        assertThat(c.resource().agentCheckTimeoutMillis()).isEqualTo(250);

        ControllerConfig d = ControllerConfig.parseJson("""
                { "resource": { "sourceAddress": "10.0.0.254", "agentCheckIntervalMillis": 3000, "jitterPercent": 0 },
                  "master": { "smoothing": 0.8, "hysteresisRelative": 0.1 } }
                """);
        assertThat(d.resource().settings().sourceAddress().getHostAddress()).isEqualTo("10.0.0.254");
        assertThat(d.resource().agentCheckIntervalMillis()).isEqualTo(3000);
        assertThat(d.resource().agentCheckTimeoutMillis()).isEqualTo(1000);
        assertThat(d.master().settings().smoothing()).isEqualTo(0.8);
        assertThat(d.master().settings().staleAfterReports()).isEqualTo(3);
        assertThat(ControllerConfig.parseJson(d.toJson())).isEqualTo(d);
    }

    @Test
    void badResourceAndMasterSettingsNameTheirKey() {
        assertThatThrownBy(() -> ControllerConfig.parseJson("{ \"resource\": { \"sourceAdress\": \"x\" } }"))
                .hasMessageContaining("'resource.sourceAdress'").hasMessageContaining("sourceAddress");
        assertThatThrownBy(() -> ControllerConfig.parseJson("{ \"resource\": { \"sourceAddress\": \"vip\" } }"))
                .hasMessageContaining("'resource.sourceAddress' must be an IPv4 or IPv6 address");
        assertThatThrownBy(() -> ControllerConfig.parseJson(
                "{ \"resource\": { \"agentCheckIntervalMillis\": 1000, \"agentCheckTimeoutMillis\": 1000 } }"))
                .hasMessageContaining("'resource.agentCheckTimeoutMillis' (1000) must be shorter");
        assertThatThrownBy(() -> ControllerConfig.parseJson("{ \"master\": { \"smoothing\": 0 } }"))
                .hasMessageContaining("'master.smoothing' must be between 0.01 and 1.0");
        assertThatThrownBy(() -> ControllerConfig.parseJson("{ \"master\": { \"smoothing\": \"high\" } }"))
                .hasMessageContaining("'master.smoothing' must be a number");
        assertThatThrownBy(() -> ControllerConfig.parseJson("{ \"master\": { \"hysteresis\": 1 } }"))
                .hasMessageContaining("unknown configuration key 'master.hysteresis'");
    }
}
