package io.flowlb.agent;

/**
 * One immutable set of readings, published by the reporter thread each interval and read by the
 * agent-check server. A reading that is not available is NaN ({@code activeClients}: -1) and is
 * left out of reports rather than sent as null or zero.
 *
 * @param cpuPercent CPU busy percent over the last interval, 0..100
 * @param memoryPercent memory in use, 0..100
 * @param activeClients established TCP connections on the service port
 * @param avgServiceTimeMs average time to serve one request, from the service's statistics
 * @param requestsPerSecond requests per second, from the service's statistics
 */
record LoadReading(double cpuPercent, double memoryPercent, int activeClients,
                   double avgServiceTimeMs, double requestsPerSecond) {

    /** No readings yet. */
    static final LoadReading NONE = new LoadReading(Double.NaN, Double.NaN, -1, Double.NaN, Double.NaN);

    boolean hasActiveClients() {
        return activeClients >= 0;
    }
}
