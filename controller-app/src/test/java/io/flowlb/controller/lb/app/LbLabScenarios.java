package io.flowlb.controller.lb.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.pseudo.Fabric;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frame of the load balancer's integration tests: an {@link LbLab} on the kind of switch the
 * subclass names, its hosts declared by the scenario, started, and removed after each test.
 */
abstract class LbLabScenarios {
    @TempDir
    Path dir;
    LbLab lab;

    /** The kind of switch under test. */
    abstract Fabric fabric(Lab lab);

    /** Declares the scenario's hosts (and starts what runs on them) before the switch starts. */
    abstract void hosts() throws Exception;

    @BeforeEach
    void startLab() throws Exception {
        Lab.requireSandbox();
        lab = new LbLab(dir, this::fabric);
        hosts();
        assertThat(lab.start()).as("the switch connects").isTrue();
    }

    @AfterEach
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }
}
