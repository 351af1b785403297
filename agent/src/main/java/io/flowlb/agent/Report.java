package io.flowlb.agent;

import java.time.Instant;

/**
 * One load report as sent to the controller (see {@link ReportJson} for the wire form).
 *
 * @param memberId the member id the controller knows this server by, or null to be matched by address and port
 * @param address the service address of this server (IPv4 or IPv6 literal)
 * @param port the service port
 * @param reading the load readings; unavailable ones are left out
 * @param state the operator's state
 * @param sequence 1 for the first report since the agent started, then +1 per report
 * @param sentAt when the report was built
 */
record Report(String memberId, String address, int port, LoadReading reading, AgentState state,
              long sequence, Instant sentAt) {
}
