package io.flowlb.flowswitch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.flowswitch.SwitchArgs.BadArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupChecksTest {
    @TempDir
    Path dir;

    private StartupChecks checks(String capEff) throws IOException {
        Path net = Files.createDirectories(dir.resolve("net"));
        Files.createDirectories(net.resolve("veth0"));
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nCapInh:\t0000000000000000\nCapEff:\t" + capEff + "\n");
        return new StartupChecks(net, status);
    }

    @Test
    void namesAMissingInterface() throws IOException {
        assertThatThrownBy(() -> checks("000001ffffffffff").check(SwitchArgs.parse("--port", "veth0", "--port", "eth9")))
                .isInstanceOf(BadArgumentException.class).hasMessage("no such interface eth9");
    }

    @Test
    void saysRootIsNeededWithoutCapNetRaw() throws IOException {
        assertThatThrownBy(() -> checks("0000000000000000").check(SwitchArgs.parse("--port", "veth0")))
                .isInstanceOf(BadArgumentException.class).hasMessageStartingWith("needs root (CAP_NET_RAW)");
    }

    @Test
    void acceptsExistingInterfacesWithCapNetRaw() throws IOException {
        assertThatCode(() -> checks("0000000000002000").check(SwitchArgs.parse("--port", "veth0")))
                .doesNotThrowAnyException();
    }
}
