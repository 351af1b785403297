package io.flowlb.controller.pseudo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Commands the TAP integration tests run; they refuse to run outside scripts/sandbox. */
final class Sandbox {
    private Sandbox() {
    }

    /** TAP devices and veths are made only inside the sandbox's private network namespace. */
    static void require() {
        assumeTrue("1".equals(System.getenv("FLOWLB_IN_SANDBOX")),
                "needs root inside scripts/sandbox (private network namespace)");
    }

    record Result(int code, String out) {
    }

    static Result exec(String... cmd) {
        try {
            Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** Runs a command that must succeed; returns its output. */
    static String sh(String... cmd) {
        Result r = exec(cmd);
        if (r.code() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed (" + r.code() + "): " + r.out());
        }
        return r.out();
    }
}
