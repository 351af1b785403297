package io.flowlb.controller.pseudo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.controller.config.ConfigException;
import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.loadbalancer.model.MacAddress;
import org.junit.jupiter.api.Test;

class PseudoConfigTest {

    @Test
    void byDefaultThePseudoInterfaceIsEnabledButHasNoControlVipSoItDoesNotRun() {
        PseudoConfig c = PseudoConfig.defaults();

        assertThat(c.enabled()).isTrue();
        assertThat(c.interfaceName()).isEqualTo("flowlb0");
        assertThat(c.mtu()).isEqualTo(1500);
        assertThat(c.wanted()).isFalse();
    }

    @Test
    void theDefaultMacCarriesTheControlVipSoItIsStableAcrossRestarts() {
        PseudoConfig c = PseudoConfig.parse(true, "flowlb0", "10.0.0.254/24", null, null, 1500);

        assertThat(c.wanted()).isTrue();
        assertThat(c.effectiveMac()).isEqualTo(MacAddress.parse("02:fb:0a:00:00:fe"));
        assertThat(c.tapSettings().ipv4()).hasToString("10.0.0.254/24");
        assertThat(PseudoConfig.parse(true, "flowlb0", "10.0.0.254/24", null, "02:00:00:00:00:aa", 1500)
                .effectiveMac()).isEqualTo(MacAddress.parse("02:00:00:00:00:aa"));
    }

    @Test
    void badValuesAreRejectedNamingTheirKey() {
        assertThatThrownBy(() -> PseudoConfig.parse(true, "flowlb0", "10.0.0.300/24", null, null, 1500))
                .hasMessageStartingWith("'pseudo.controlVip'");
        assertThatThrownBy(() -> PseudoConfig.parse(true, "flowlb0", "fd00::fe/64", null, null, 1500))
                .hasMessageStartingWith("'pseudo.controlVip'").hasMessageContaining("controlVip6");
        assertThatThrownBy(() -> PseudoConfig.parse(true, "flowlb0", "10.0.0.254/24", "10.0.0.1", null, 1500))
                .hasMessageStartingWith("'pseudo.controlVip6'");
        assertThatThrownBy(() -> PseudoConfig.parse(true, "flowlb0", null, "fd00::fe/64", null, 1500))
                .hasMessageStartingWith("'pseudo.controlVip6'").hasMessageContaining("needs 'pseudo.controlVip'");
        assertThatThrownBy(() -> PseudoConfig.parse(true, "flow lb", "10.0.0.254/24", null, null, 1500))
                .hasMessageStartingWith("'pseudo.interface'");
        assertThatThrownBy(() -> PseudoConfig.parse(true, "flowlb0", "10.0.0.254/24", null, "ff:ff:ff:ff:ff:ff", 1500))
                .hasMessageStartingWith("'pseudo.mac'");
        assertThatThrownBy(() -> PseudoConfig.parse(true, "flowlb0", "10.0.0.254/24", null, "nonsense", 1500))
                .hasMessageStartingWith("'pseudo.mac'");
        assertThatThrownBy(() -> PseudoConfig.parse(true, "flowlb0", "10.0.0.254/24", null, null, 65536))
                .hasMessageStartingWith("'pseudo.mtu'");
    }

    @Test
    void printsEveryKeyForPrintConfig() {
        PseudoConfig c = PseudoConfig.parse(false, "flowlb1", "10.0.0.254/24", "fd00::fe/64", null, 1400);

        assertThat(c.toJsonMap()).containsEntry("enabled", false).containsEntry("interface", "flowlb1")
                .containsEntry("controlVip", "10.0.0.254/24").containsEntry("controlVip6", "fd00::fe/64")
                .containsEntry("mac", null).containsEntry("mtu", 1400);
    }

    @Test
    void netAdminIsReadFromTheEffectiveCapabilities() {
        assertThat(Privileges.missingNetAdmin("Name:\tjava\nCapEff:\t000001ffffffffff\n")).isNull();
        assertThat(Privileges.missingNetAdmin("CapEff:\t0000000000000000\n")).contains("CAP_NET_ADMIN");
        assertThat(Privileges.missingNetAdmin("CapEff:\t0000000000001000\n")).isNull();
        assertThat(Privileges.missingNetAdmin("Name:\tjava\n")).contains("no CapEff");
    }

    @Test
    void theControllerConfigurationReadsThePseudoSection() {
        ControllerConfig c = ControllerConfig.parseJson("""
                {"pseudo": {"interface": "ctl0", "controlVip": "10.0.0.254/24", "mtu": 1400}}""");

        assertThat(c.pseudo().interfaceName()).isEqualTo("ctl0");
        assertThat(c.pseudo().controlVip()).hasToString("10.0.0.254/24");
        assertThat(c.pseudo().mtu()).isEqualTo(1400);
        assertThat(c.pseudo().wanted()).isTrue();
        assertThat(ControllerConfig.defaults().pseudo()).isEqualTo(PseudoConfig.defaults());
        assertThat(ControllerConfig.defaults().toJson()).contains("\"pseudo\"").contains("\"controlVip\" : null");
    }

    @Test
    void theControllerConfigurationRejectsUnknownAndBadPseudoKeysByName() {
        assertThatThrownBy(() -> ControllerConfig.parseJson("{\"pseudo\": {\"control_vip\": \"10.0.0.254/24\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'pseudo.control_vip'")
                .hasMessageContaining("controlVip");
        assertThatThrownBy(() -> ControllerConfig.parseJson("{\"pseudo\": {\"controlVip\": \"10.0.0.0/24\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'pseudo.controlVip'");
        assertThatThrownBy(() -> ControllerConfig.parseJson("{\"pseudo\": {\"mtu\": 100}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'pseudo.mtu'");
    }
}
