package io.flowlb.flowswitch;

import java.util.List;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The switch's configuration, validated once by {@link SwitchArgs} before anything starts.
 *
 * <p>Defaults (what {@code ./flowlb switch --help} prints): no controller, no passive listener,
 * datapath id derived from the first port's MAC, one poller, fail mode {@code standalone}
 * (as Open vSwitch), name {@code flowswitch}, OpenFlow 1.3, echo every 5 s and three
 * missed echoes before a session is closed.
 *
 * @param name the switch's name, in logs and in the DESC reply
 * @param ports the interfaces and their OpenFlow port numbers, in order
 * @param controllers controllers to connect to (active connections)
 * @param listen the passive listener for tools such as ovs-ofctl, or null for none
 * @param dpid the datapath id, or {@link #DPID_FROM_MAC} to derive it from the first port
 * @param pollers the number of poller threads
 * @param failMode what the switch does with table misses while no controller is connected
 * @param versions the OpenFlow versions offered in HELLO
 * @param echoIntervalMillis silence after which an ECHO_REQUEST probes a peer
 * @param maxMissedEchoes silent periods tolerated before a session is closed
 * @param dataPlane table sizes, poller threads, rings and the statistics file
 *
 * <p>Thread safety: immutable.
 */
public record SwitchConfig(String name, List<PortBinding> ports, List<ControllerTarget> controllers,
        ListenTarget listen, long dpid, int pollers, FailMode failMode, Set<OFVersion> versions,
        long echoIntervalMillis, int maxMissedEchoes, DataPlaneOptions dataPlane) {

    /** Marks a datapath id to be derived from the first port's hardware address. */
    public static final long DPID_FROM_MAC = -1L;

    public SwitchConfig {
        ports = List.copyOf(ports);
        controllers = List.copyOf(controllers);
        versions = Set.copyOf(versions);
    }

    /** The datapath id to announce: the configured one, else 0000 followed by the MAC. */
    public long effectiveDpid(long firstPortMac) {
        return dpid == DPID_FROM_MAC ? firstPortMac & 0xffff_ffff_ffffL : dpid;
    }

    /** What the switch does with misses while no controller is connected (Open vSwitch semantics). */
    public enum FailMode {
        /** Keep installed flows and groups; misses are dropped. */
        SECURE,
        /** Act as a MAC-learning switch for misses until a controller connects. */
        STANDALONE
    }

    /**
     * One switch port.
     *
     * @param ifName the Linux interface name
     * @param portNo the OpenFlow port number (1..0xfdff, below the application ports)
     */
    public record PortBinding(String ifName, int portNo) {
    }

    /** An active controller connection: {@code tcp:HOST:PORT}. */
    public record ControllerTarget(String host, int port) {
        @Override
        public String toString() {
            return "tcp:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** A passive listener: {@code ptcp:PORT[:ADDR]}. */
    public record ListenTarget(int port, String bindAddress) {
        @Override
        public String toString() {
            return "ptcp:" + port + ":" + bindAddress;
        }
    }
}
