package io.flowlb.bench.flowsetup;

import java.util.Locale;

/**
 * The outcome of one flowsetup run: the rate of every loop and the totals over the run.
 *
 * <p>Thread safety: immutable (the arrays are not exposed for writing by convention: callers
 * receive the same arrays and must not change them).
 *
 * @param options what was run
 * @param version the negotiated OpenFlow version
 * @param warmupRates responses/s of the warm-up loops (not counted)
 * @param rates responses/s of the measured loops
 * @param stats min/max/avg/stdev of {@code rates}
 * @param avgLatencyMicros mean round trip of the answered packet-ins during the measured loops
 * @param cpu CPU time per response of flowsetup and of the controller during the measured loops
 * @param totals counters summed over the switches at the end of the run
 * @param note what went wrong or is worth knowing (learning did not finish, no answers...), or null
 */
public record FlowSetupResult(FlowSetupOptions options, String version, double[] warmupRates, double[] rates,
        LoopStats stats, double avgLatencyMicros, CpuPerResponse cpu, Totals totals, String note) {

    /**
     * CPU microseconds per answered packet-in over the measured loops; -1 when unknown.
     *
     * @param tool flowsetup's own process
     * @param controller the controller's process (needs --controller-pid)
     */
    public record CpuPerResponse(double tool, double controller) {
        public static final CpuPerResponse UNKNOWN = new CpuPerResponse(-1, -1);
    }

    /**
     * Counters summed over all switches.
     *
     * @param sent packet-ins sent, learning included
     * @param answered packet-ins answered
     * @param flowMods FLOW_MODs received
     * @param packetOuts PACKET_OUTs received
     * @param unbufferedFlowMods FLOW_MODs without a buffer id
     * @param unmatched answers naming a packet-in that was not waiting
     * @param otherPacketOuts PACKET_OUTs of frames that are not flowsetup's (LLDP and the like)
     * @param expired packet-ins given up on
     * @param errors OpenFlow ERRORs received
     * @param firstError the first ERROR, described, or null
     * @param buffered whether the packet-ins carried buffer ids (at the end of the run)
     */
    public record Totals(long sent, long answered, long flowMods, long packetOuts, long unbufferedFlowMods,
            long unmatched, long otherPacketOuts, long expired, long errors, String firstError, boolean buffered) {
    }

    /** The cbench-style summary line. */
    public String resultLine() {
        return String.format(Locale.ROOT, "RESULT: %s %d switches %d tests %s (%s mode, %s)", options.label(),
                options.switches(), rates.length, stats.format(), options.modeName(), version);
    }

    public String toJson() {
        StringBuilder b = new StringBuilder(1024);
        b.append('{');
        field(b, "label", options.label()).append(',');
        field(b, "controller", options.host() + ":" + options.port()).append(',');
        field(b, "version", version).append(',');
        field(b, "mode", options.modeName()).append(',');
        b.append("\"switches\":").append(options.switches()).append(',');
        b.append("\"hostsPerSwitch\":").append(options.hosts()).append(',');
        b.append("\"window\":").append(options.window()).append(',');
        b.append("\"loopMillis\":").append(options.loopMillis()).append(',');
        b.append("\"warmupLoops\":").append(options.warmupLoops()).append(',');
        array(b, "warmupRates", warmupRates).append(',');
        array(b, "rates", rates).append(',');
        b.append(String.format(Locale.ROOT, "\"min\":%.2f,\"max\":%.2f,\"avg\":%.2f,\"stdev\":%.2f,", stats.min(),
                stats.max(), stats.avg(), stats.stdev()));
        b.append(String.format(Locale.ROOT, "\"avgLatencyMicros\":%.2f,", avgLatencyMicros));
        b.append(String.format(Locale.ROOT, "\"toolCpuMicrosPerResponse\":%.3f,", cpu.tool()));
        b.append(String.format(Locale.ROOT, "\"controllerCpuMicrosPerResponse\":%.3f,", cpu.controller()));
        b.append("\"sent\":").append(totals.sent()).append(',');
        b.append("\"answered\":").append(totals.answered()).append(',');
        b.append("\"flowMods\":").append(totals.flowMods()).append(',');
        b.append("\"packetOuts\":").append(totals.packetOuts()).append(',');
        b.append("\"unbufferedFlowMods\":").append(totals.unbufferedFlowMods()).append(',');
        b.append("\"unmatched\":").append(totals.unmatched()).append(',');
        b.append("\"otherPacketOuts\":").append(totals.otherPacketOuts()).append(',');
        b.append("\"expired\":").append(totals.expired()).append(',');
        b.append("\"errors\":").append(totals.errors()).append(',');
        field(b, "firstError", totals.firstError()).append(',');
        b.append("\"buffered\":").append(totals.buffered()).append(',');
        field(b, "note", note);
        return b.append('}').toString();
    }

    private static StringBuilder array(StringBuilder b, String name, double[] values) {
        b.append('"').append(name).append("\":[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", values[i]));
        }
        return b.append(']');
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":");
        if (value == null) {
            return b.append("null");
        }
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }
}
