package io.flowlb.controller.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the load-balancer configuration lives (configuration section {@code state}).
 *
 * <pre>{@code
 * "state": {
 *   "dir": null,        // directory of the state file lb-state.json, written on every accepted change
 *                       // and read at start; default /var/lib/flowlb as root, else
 *                       // $XDG_STATE_HOME/flowlb, else ~/.local/state/flowlb
 *   "lbConfig": null    // a load-balancer configuration file (JSON, the document GET /api/v1/config
 *                       // returns) applied at start: it replaces the saved configuration and is saved
 * }
 * }</pre>
 *
 * <p>Precedence: with {@code lbConfig} the file wins (it is checked before anything starts,
 * unknown keys rejected by name, then applied and saved, so the next start without it has the same
 * configuration); without it the controller starts with what the state file holds. Relative paths
 * in a configuration file are resolved against that file's directory, and on the command line
 * against the working directory.
 *
 * @param dir the state directory (never null: the default is filled in)
 * @param lbConfig the load-balancer configuration file to apply at start, or null
 *
 * <p>Thread safety: immutable.
 */
public record StateConfig(Path dir, Path lbConfig) {

    public StateConfig {
        if (dir == null) {
            throw new IllegalArgumentException("the state directory is required");
        }
    }

    /** The default directory for this process (see the class comment). */
    public static StateConfig defaults() {
        return new StateConfig(defaultDir(isRoot(), System.getenv(), System.getProperty("user.home")), null);
    }

    /**
     * The default state directory: {@code /var/lib/flowlb} for root, else
     * {@code $XDG_STATE_HOME/flowlb} when that is an absolute path, else
     * {@code ~/.local/state/flowlb}.
     */
    public static Path defaultDir(boolean root, Map<String, String> env, String home) {
        if (root) {
            return Path.of("/var/lib/flowlb");
        }
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && xdg.startsWith("/")) {
            return Path.of(xdg, "flowlb");
        }
        return Path.of(home == null ? "." : home, ".local", "state", "flowlb");
    }

    /** True when the effective user id is 0 ({@code Uid:} in {@code /proc/self/status}). */
    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return ids.length > 1 && ids[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no /proc: fall back to the user name below.
        }
        return "root".equals(System.getProperty("user.name"));
    }

    static StateConfig parse(ConfigReader r, Path base) {
        String dir = r.string("dir", null);
        String lb = r.string("lbConfig", null);
        r.finish();
        return new StateConfig(dir == null ? defaults().dir() : path("state.dir", dir, base),
                lb == null ? null : path("state.lbConfig", lb, base));
    }

    private static Path path(String key, String text, Path base) {
        if (text.isBlank()) {
            throw new ConfigException("'" + key + "' must not be empty");
        }
        try {
            Path p = Path.of(text);
            return base == null || p.isAbsolute() ? p : base.resolve(p);
        } catch (InvalidPathException e) {
            throw new ConfigException("'" + key + "' is not a path: " + e.getMessage());
        }
    }

    public StateConfig withDir(Path d) {
        return new StateConfig(d, lbConfig);
    }

    public StateConfig withLbConfig(Path file) {
        return new StateConfig(dir, file);
    }

    Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", dir.toString());
        m.put("lbConfig", lbConfig == null ? null : lbConfig.toString());
        return m;
    }
}
