package io.flowlb.flowswitch.io.afpacket;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the commands integration tests need (ip, ethtool, ping, python) and reports failures with their output. */
final class Shell {
    record Result(int exitCode, String output) {
    }

    private Shell() {
    }

    /** Integration tests build namespaces and veths: only inside scripts/sandbox, never on the host. */
    static void requireSandbox() {
        assumeTrue("1".equals(System.getenv("FLOWLB_IN_SANDBOX")),
                "needs root inside scripts/sandbox (private network namespace)");
    }

    /** Runs a command to completion; returns its exit code and merged output. */
    static Result exec(long timeoutSeconds, String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs a command that must succeed; returns its output. */
    static String run(String... command) {
        Result r = exec(30, command);
        if (r.exitCode() != 0) {
            throw new AssertionError("'" + String.join(" ", command) + "' exited " + r.exitCode() + ": " + r.output());
        }
        return r.output();
    }

    /** Starts a command in the background (output discarded unless it fails the test elsewhere). */
    static Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code condition} every 20 ms until it holds or {@code timeoutMillis} pass. */
    static boolean eventually(long timeoutMillis, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
