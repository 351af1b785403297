package io.flowlb.controller.rest;

import io.flowlb.controller.view.DistributionView;
import io.flowlb.controller.view.NetworkView;
import io.flowlb.controller.view.NetworkViewAdapter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test with a fresh {@link RestHarness} per test method; override the hooks to change its parts. */
public abstract class HarnessTest {
    @TempDir
    protected Path dir;
    protected RestHarness h;

    protected RestSettings settings() {
        return RestSettings.defaults();
    }

    /** The distribution view, or null for the one the configuration implies. */
    protected DistributionView distribution() {
        return null;
    }

    protected NetworkView network() {
        return new NetworkViewAdapter();
    }

    @BeforeEach
    void startHarness() throws Exception {
        h = new RestHarness(dir, settings(), distribution(), network());
    }

    @AfterEach
    void stopHarness() {
        h.close();
    }
}
