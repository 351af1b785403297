package io.flowlb.controller.openflow;

import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * Settings of every switch session.
 *
 * @param versions the OpenFlow versions offered in HELLO (the highest common one is used)
 * @param echoIntervalMillis silence after which an ECHO_REQUEST probes the switch
 * @param echoMaxMissed silent echo periods before the session is closed
 * @param handshakeTimeoutMillis time from TCP connect to a connected switch before giving up
 * @param requestTimeoutMillis time a request waits for its reply
 * @param missSendLen the SET_CONFIG miss_send_len (0xffff: whole packets, no buffering)
 * @param cleanStart delete all flows and groups when a switch connects, then install table-miss
 * @param maxMalformed malformed messages a session may send before it is closed
 *
 * <p>Thread safety: immutable.
 */
public record SessionConfig(Set<OFVersion> versions, long echoIntervalMillis, int echoMaxMissed,
        long handshakeTimeoutMillis, long requestTimeoutMillis, int missSendLen, boolean cleanStart, int maxMalformed) {

    public SessionConfig {
        versions = Set.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("no OpenFlow version configured");
        }
    }

    /** The defaults documented in the controller configuration. */
    public static SessionConfig defaults() {
        return new SessionConfig(Set.of(OFVersion.OF_13, OFVersion.OF_10), 5_000, 3, 10_000, 10_000,
                SwitchSetup.NO_BUFFER, true, 100);
    }
}
