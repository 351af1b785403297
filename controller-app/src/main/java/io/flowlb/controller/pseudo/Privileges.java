package io.flowlb.controller.pseudo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process may create network interfaces: {@code CAP_NET_ADMIN} in its effective
 * capability set ({@code CapEff} in {@code /proc/self/status}), which root has.
 *
 * <p>Thread safety: stateless.
 */
final class Privileges {
    static final int CAP_NET_ADMIN = 12;

    private Privileges() {
    }

    /** Null when the process holds CAP_NET_ADMIN; otherwise why it does not (for a log line). */
    static String missingNetAdmin() {
        try {
            return missingNetAdmin(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException e) {
            return "cannot read /proc/self/status: " + e.getMessage();
        }
    }

    /** As {@link #missingNetAdmin()}, from the text of a {@code /proc/PID/status} file. */
    static String missingNetAdmin(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("CapEff:")) {
                try {
                    long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (caps & (1L << CAP_NET_ADMIN)) != 0 ? null : "the process lacks CAP_NET_ADMIN";
                } catch (NumberFormatException e) {
                    return "unreadable CapEff line '" + line + "'";
                }
            }
        }
        return "no CapEff line in /proc/self/status";
    }
}
