package io.flowlb.controller.rest.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flowlb.controller.rest.HarnessTest;
import io.flowlb.controller.view.DistributionView;
import io.flowlb.controller.view.MemberDistribution;
import io.flowlb.controller.view.NetworkView;
import io.flowlb.controller.view.NetworkViewAdapter;
import io.flowlb.controller.view.VipDistribution;
import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.VipId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Loads the dashboard in headless Chromium against the real server and checks that the chart of a
 * VIP shows its three members, one series each; saves a screenshot under {@code test-artifacts/}.
 */
class DashboardTest extends HarnessTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final double[] SHARES = {0.5, 0.3, 0.2};

    @Override
    protected DistributionView distribution() {
        return () -> {
            List<MemberDistribution> members = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                members.add(new MemberDistribution(MemberId.of("m" + (i + 1)), IpAddress.parse("10.0.0." + (i + 1)), 80,
                        AdminState.UP, i == 2 ? Health.DOWN : Health.UP, 5 - 2 * i, i != 2, SHARES[i], 10 * (3 - i),
                        100, 0, 0, 0, 0));
            }
            return List.of(new VipDistribution(VipId.of("v1"), PoolId.of("web"), 1, members));
        };
    }

    @Override
    protected NetworkView network() {
        return new NetworkViewAdapter() {
            @Override
            public List<SwitchInfo> switches() {
                return List.of(new SwitchInfo("00:00:00:00:00:00:00:01", "127.0.0.1:50000", "OF_13", 9, 14, 1, 120, 0,
                        0));
            }
        };
    }

    @BeforeEach
    void threeMembers() {
        h.webPool("weighted", 3);
    }

    @Test
    void chartShowsOneSeriesPerMemberOfTheVip() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (Debian package chromium,"
                + " scripts/deps browser): the dashboard is not tested");
        String dom = chromium("--dump-dom", h.base() + "/");

        Matcher chart = Pattern.compile("<svg[^>]*class=\"share-chart\"[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(dom);
        assertThat(chart.find()).as("a share chart in the DOM:\n" + dom).isTrue();
        assertThat(chart.group(0)).contains("data-vip=\"v1\"");
        List<String> series = new ArrayList<>();
        Matcher polyline = Pattern.compile("<polyline[^>]*class=\"series\"[^>]*data-member=\"([^\"]+)\"[^>]*points=\"([^\"]+)\"")
                .matcher(chart.group(1));
        while (polyline.find()) {
            series.add(polyline.group(1));
            assertThat(polyline.group(2).split(" ")).as("points of " + polyline.group(1)).hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(series).containsExactly("m1", "m2", "m3");
        assertThat(dom).contains("10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80", "50.0%", "30.0%", "20.0%",
                "00:00:00:00:00:00:00:01", "data-state=\"ok\"");

        Path shot = artifacts().resolve("dashboard.png");
        Files.deleteIfExists(shot);
        chromium("--screenshot=" + shot, "--window-size=1280,900", h.base() + "/");
        assertThat(shot).exists();
        assertThat(Files.size(shot)).isGreaterThan(1000);
    }

    /** Runs headless Chromium with a fresh profile; answers its standard output. */
    private String chromium(String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("chromium.out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(dir.resolve("chromium.err")
                .toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(dir.resolve("chromium.err")));
        }
        assertThat(p.exitValue()).as("chromium exit status; stderr: " + Files.readString(dir.resolve("chromium.err")))
                .isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** {@code test-artifacts/} at the repository root (the directory holding the {@code flowlb} launcher). */
    static Path artifacts() throws IOException {
        Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (d != null && !Files.exists(d.resolve("flowlb"))) {
            d = d.getParent();
        }
        Path out = (d == null ? Path.of(System.getProperty("user.dir")) : d).resolve("test-artifacts");
        return Files.createDirectories(out);
    }
}
