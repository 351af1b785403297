package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.apps.AppDescriptor;
import io.flowlb.loadbalancer.select.MidConnectionPolicy;
import io.flowlb.loadbalancer.select.Selector;
import io.flowlb.loadbalancer.table.Timeouts;
import java.util.List;

/**
 * Sizes and policies of the datapath, fixed at start.
 *
 * @param pollers number of poller pipelines (each gets counters, a cache, a connection table)
 * @param tables number of flow tables (OpenFlow n_tables), 1..16; default 8
 * @param maxFlows flows across all tables; default 65,536
 * @param maxGroups groups; default 4,096
 * @param maxPorts the largest physical port number + 1; default 256
 * @param microflowEntries exact-match cache entries per poller (power of two); default 8,192
 * @param microflowInsertOneIn a cache miss is cached with probability 1/N, as Open vSwitch's
 *     {@code emc-insert-inv-prob}: with more live flows than entries (a million connections through
 *     one VIP) the cache then keeps the flows it holds instead of overwriting an entry on every
 *     miss, and misses cost no writes; 1 caches every miss; default 100
 * @param microflowMinSubtables the cache is consulted only while the tables hold at least this
 *     many subtables (distinct masks) in all: with fewer, walking the classifier costs no more
 *     than a cache probe, and with many live flows the probe itself misses the CPU caches (JMH:
 *     a NAT VIP with one mask forwards 10,100 or 1,000,000 connections 100-150 ns faster per
 *     frame without the cache); 0 consults it always; default 8
 * @param connectionsPerPoller connection-table capacity per poller (SELECT groups); default 1,048,576
 * @param connectionTimeouts idle timeouts of connection entries; default {@link Timeouts#DEFAULTS}
 * @param midConnection policy for mid-connection TCP packets without an entry; default CONSISTENT
 * @param hashSeed flow hash seed shared by every switch of a deployment; default the core's
 * @param packetInRing packet-in ring slots per poller; default 1,024
 * @param packetInBytes bytes kept per packet-in (larger frames are cut); default 9,216
 * @param packetInRate packet-ins per second per poller (token bucket); default 2,000
 * @param packetInBurst token bucket depth; default 200
 * @param appBuffers application transmit buffers per poller; default 64
 * @param apps the in-switch applications and their logical ports
 *
 * <p>Thread safety: immutable.
 */
public record DatapathConfig(int pollers, int tables, int maxFlows, int maxGroups, int maxPorts, int microflowEntries,
        int microflowInsertOneIn, int microflowMinSubtables, int connectionsPerPoller, Timeouts connectionTimeouts, MidConnectionPolicy midConnection, long hashSeed,
        int packetInRing, int packetInBytes, int packetInRate, int packetInBurst, int appBuffers,
        List<AppDescriptor> apps) {

    public DatapathConfig {
        apps = List.copyOf(apps);
        require(pollers >= 1 && pollers <= 64, "pollers must be 1..64: " + pollers);
        require(tables >= 1 && tables <= MicroflowCache.MAX_HITS, "tables must be 1..16: " + tables);
        require(maxFlows >= 1, "maxFlows must be positive: " + maxFlows);
        require(maxGroups >= 1, "maxGroups must be positive: " + maxGroups);
        require(maxPorts >= 2, "maxPorts must be at least 2: " + maxPorts);
        require(Integer.bitCount(microflowEntries) == 1 && microflowEntries >= 2,
                "microflowEntries must be a power of two >= 2: " + microflowEntries);
        require(microflowInsertOneIn >= 1 && microflowInsertOneIn <= 65_536,
                "microflowInsertOneIn must be 1..65536: " + microflowInsertOneIn);
        require(microflowMinSubtables >= 0, "microflowMinSubtables must not be negative: " + microflowMinSubtables);
        require(connectionsPerPoller >= 16, "connectionsPerPoller must be at least 16: " + connectionsPerPoller);
        require(packetInRing >= 1 && packetInBytes >= 64, "packet-in ring too small");
        require(packetInRate >= 1 && packetInBurst >= 1, "packet-in rate and burst must be positive");
        require(appBuffers >= 1, "appBuffers must be positive: " + appBuffers);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The defaults above, with {@code pollers} pipelines and the given applications. */
    public static DatapathConfig defaults(int pollers, List<AppDescriptor> apps) {
        return new DatapathConfig(pollers, 8, 65_536, 4_096, 256, 8_192, 100, 8, 1 << 20, Timeouts.DEFAULTS,
                MidConnectionPolicy.CONSISTENT, Selector.DEFAULT_HASH_SEED, 1_024, 9_216, 2_000, 200, 64, apps);
    }

    public DatapathConfig withConnectionsPerPoller(int n) {
        return new DatapathConfig(pollers, tables, maxFlows, maxGroups, maxPorts, microflowEntries,
                microflowInsertOneIn, microflowMinSubtables, n, connectionTimeouts, midConnection, hashSeed,
                packetInRing, packetInBytes, packetInRate, packetInBurst, appBuffers, apps);
    }

    public DatapathConfig withPacketIn(int ring, int rate, int burst) {
        return new DatapathConfig(pollers, tables, maxFlows, maxGroups, maxPorts, microflowEntries,
                microflowInsertOneIn, microflowMinSubtables, connectionsPerPoller, connectionTimeouts, midConnection,
                hashSeed, ring, packetInBytes, rate, burst, appBuffers, apps);
    }

    public DatapathConfig withMicroflowEntries(int n) {
        return new DatapathConfig(pollers, tables, maxFlows, maxGroups, maxPorts, n, microflowInsertOneIn,
                microflowMinSubtables, connectionsPerPoller, connectionTimeouts, midConnection, hashSeed,
                packetInRing, packetInBytes, packetInRate, packetInBurst, appBuffers, apps);
    }

    /** Sampled inserts (1 in {@code insertOneIn}) and the subtables below which the cache is skipped. */
    public DatapathConfig withMicroflowPolicy(int insertOneIn, int minSubtables) {
        return new DatapathConfig(pollers, tables, maxFlows, maxGroups, maxPorts, microflowEntries, insertOneIn,
                minSubtables, connectionsPerPoller, connectionTimeouts, midConnection, hashSeed, packetInRing,
                packetInBytes, packetInRate, packetInBurst, appBuffers, apps);
    }

    public DatapathConfig withMaxFlows(int n) {
        return new DatapathConfig(pollers, tables, n, maxGroups, maxPorts, microflowEntries, microflowInsertOneIn,
                microflowMinSubtables, connectionsPerPoller, connectionTimeouts, midConnection, hashSeed,
                packetInRing, packetInBytes, packetInRate, packetInBurst, appBuffers, apps);
    }

    public DatapathConfig withMaxPorts(int n) {
        return new DatapathConfig(pollers, tables, maxFlows, maxGroups, n, microflowEntries, microflowInsertOneIn,
                microflowMinSubtables, connectionsPerPoller, connectionTimeouts, midConnection, hashSeed,
                packetInRing, packetInBytes, packetInRate, packetInBurst, appBuffers, apps);
    }
}
