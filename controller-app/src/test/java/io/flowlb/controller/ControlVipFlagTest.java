package io.flowlb.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code ./flowlb controller --control-vip}: the pseudo-interface's address from the command line. */
class ControlVipFlagTest {

    @Test
    void theFlagSetsTheControlVipOfThePseudoInterface() {
        ControllerMain.Options o = ControllerMain.parse(new String[] {"--control-vip", "10.0.0.254/24"});

        assertThat(o.config().pseudo().controlVip()).hasToString("10.0.0.254/24");
        assertThat(o.config().pseudo().wanted()).isTrue();
        assertThat(ControllerMain.parse(new String[] {"--control-vip=10.0.0.253/24"}).config().pseudo().controlVip())
                .hasToString("10.0.0.253/24");
    }

    @Test
    void aBadControlVipExitsWithStatusTwoNamingTheFlag() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ControllerMain.run(new String[] {"--control-vip", "fd00::fe/64"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--control-vip").contains("IPv4");
    }

    @Test
    void helpDescribesTheFlag() {
        assertThat(ControllerMain.USAGE).contains("--control-vip CIDR");
    }
}
