package io.flowlb.controller.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flowlb.controller.fwd.L2Config;
import io.flowlb.controller.openflow.SessionConfig;
import io.flowlb.controller.pseudo.PseudoConfig;
import io.flowlb.openflow.OfVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The controller's configuration: every setting with its default, read from a JSON file
 * ({@code --config}) whose keys are all optional and whose unknown keys are rejected by name.
 *
 * <pre>{@code
 * {
 *   "openflow": {
 *     "bindAddress": "0.0.0.0",          // address the OpenFlow listener binds
 *     "ports": [6653, 6633],             // TCP ports switches connect to (IANA and legacy)
 *     "versions": ["1.3", "1.0"],        // versions offered; the highest common one is used
 *     "workerThreads": 2,                // Netty event loops shared by all sessions
 *     "echoIntervalMillis": 5000,        // silence before an ECHO_REQUEST probes a switch
 *     "echoMaxMissed": 3,                // silent echo periods before a session is closed
 *     "handshakeTimeoutMillis": 10000,   // TCP connect to connected switch
 *     "requestTimeoutMillis": 10000,     // a request waiting for its reply
 *     "missSendLen": 65535,              // SET_CONFIG miss_send_len (65535: whole packets)
 *     "cleanStart": true,                // delete flows and groups when a switch connects
 *     "maxMalformedMessages": 100,       // malformed messages tolerated per session
 *     "packetInQueue": 4096              // PACKET_INs waiting for the event thread; more are dropped
 *   },
 *   "rest": { "bindAddress": "0.0.0.0", "port": 8080 },   // REST API (reserved)
 *   "l2": {
 *     "enabled": true,                   // L2 forwarding on
 *     "idleTimeoutSeconds": 30,          // idle timeout of forwarding flows
 *     "hardTimeoutSeconds": 0,           // hard timeout (0: none)
 *     "matchInPort": true,               // flows match the input port too
 *     "matchEthSrc": false               // flows match the source MAC too
 *   },
 *   "topology": {
 *     "lldpIntervalMillis": 5000,        // LLDP probe period
 *     "linkTimeoutMillis": 17500         // a link not confirmed for this long is removed
 *   },
 *   "hosts": {
 *     "timeoutMillis": 300000,           // a host silent this long is forgotten
 *     "maxIpsPerHost": 8                 // IPs a host may gain from data packets (ARP/ND unlimited)
 *   },
 *   "pseudo": {                          // the pseudo-interface (TAP holding the control VIP)
 *     "enabled": true,                   // runs when controlVip is set and the process is root
 *     "interface": "flowlb0",            // TAP device name
 *     "controlVip": null,                // e.g. "10.0.0.254/24": the controller behind the switches
 *     "controlVip6": null,               // optional IPv6 control VIP, e.g. "fd00::fe/64"
 *     "mac": null,                       // TAP MAC (default 02:fb + the control VIP's 4 bytes)
 *     "mtu": 1500                        // TAP MTU (576..9000)
 *   }
 * }
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public record ControllerConfig(OpenFlow openflow, Rest rest, L2Config l2, Discovery topology, Hosts hosts,
        PseudoConfig pseudo) {

    /** OpenFlow listener and session settings (see the class comment for meanings and defaults). */
    public record OpenFlow(String bindAddress, List<Integer> ports, List<String> versions, int workerThreads,
            long echoIntervalMillis, int echoMaxMissed, long handshakeTimeoutMillis, long requestTimeoutMillis,
            int missSendLen, boolean cleanStart, int maxMalformedMessages, int packetInQueue) {

        public OpenFlow {
            ports = List.copyOf(ports);
            versions = List.copyOf(versions);
        }

        public Set<OFVersion> ofVersions() {
            return OfVersions.parse(String.join(",", versions));
        }

        public SessionConfig sessionConfig() {
            return new SessionConfig(ofVersions(), echoIntervalMillis, echoMaxMissed, handshakeTimeoutMillis,
                    requestTimeoutMillis, missSendLen, cleanStart, maxMalformedMessages);
        }

        public OpenFlow withPorts(List<Integer> p) {
            return new OpenFlow(bindAddress, p, versions, workerThreads, echoIntervalMillis, echoMaxMissed,
                    handshakeTimeoutMillis, requestTimeoutMillis, missSendLen, cleanStart, maxMalformedMessages,
                    packetInQueue);
        }
    }

    /** The REST API's listener (the server itself is added later). */
    public record Rest(String bindAddress, int port) {
    }

    /** LLDP link discovery. */
    public record Discovery(long lldpIntervalMillis, long linkTimeoutMillis) {
    }

    /** Host learning. */
    public record Hosts(long timeoutMillis, int maxIpsPerHost) {
    }

    /** Every default. */
    public static ControllerConfig defaults() {
        return parse(null);
    }

    /** Reads a JSON file; a missing file, bad JSON or a bad key is a {@link ConfigException}. */
    public static ControllerConfig load(Path file) {
        try {
            return parse(mapper().readTree(Files.readString(file)));
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new ConfigException("configuration file " + file + " is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads JSON text (tests, inline configuration). */
    public static ControllerConfig parseJson(String json) {
        try {
            return parse(mapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new ConfigException("configuration is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.enable(JsonParser.Feature.ALLOW_COMMENTS);
        return m;
    }

    private static ControllerConfig parse(JsonNode root) {
        ConfigReader r = new ConfigReader(root, "");
        ControllerConfig c = new ControllerConfig(openflow(r.object("openflow")), rest(r.object("rest")),
                l2(r.object("l2")), discovery(r.object("topology")), hosts(r.object("hosts")),
                pseudo(r.object("pseudo")));
        r.finish();
        return c;
    }

    private static OpenFlow openflow(ConfigReader r) {
        OpenFlow o = new OpenFlow(
                r.string("bindAddress", "0.0.0.0"),
                r.ports("ports", List.of(6653, 6633)),
                r.strings("versions", List.of("1.3", "1.0")),
                r.integer("workerThreads", 2, 1, 64),
                r.number("echoIntervalMillis", 5_000, 100, 3_600_000),
                r.integer("echoMaxMissed", 3, 1, 100),
                r.number("handshakeTimeoutMillis", 10_000, 100, 600_000),
                r.number("requestTimeoutMillis", 10_000, 100, 600_000),
                r.integer("missSendLen", 0xffff, 0, 0xffff),
                r.bool("cleanStart", true),
                r.integer("maxMalformedMessages", 100, 0, 1_000_000),
                r.integer("packetInQueue", 4096, 1, 1_000_000));
        r.finish();
        try {
            o.ofVersions();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("'openflow.versions': " + e.getMessage());
        }
        return o;
    }

    private static Rest rest(ConfigReader r) {
        Rest rest = new Rest(r.string("bindAddress", "0.0.0.0"), r.integer("port", 8080, 0, 65535));
        r.finish();
        return rest;
    }

    private static L2Config l2(ConfigReader r) {
        L2Config c = new L2Config(r.bool("enabled", true), r.integer("idleTimeoutSeconds", 30, 0, 65535),
                r.integer("hardTimeoutSeconds", 0, 0, 65535), r.bool("matchInPort", true), r.bool("matchEthSrc", false));
        r.finish();
        return c;
    }

    private static Discovery discovery(ConfigReader r) {
        Discovery d = new Discovery(r.number("lldpIntervalMillis", 5_000, 100, 3_600_000),
                r.number("linkTimeoutMillis", 17_500, 300, 36_000_000));
        r.finish();
        if (d.linkTimeoutMillis() <= d.lldpIntervalMillis()) {
            throw new ConfigException("'topology.linkTimeoutMillis' (" + d.linkTimeoutMillis()
                    + ") must be longer than 'topology.lldpIntervalMillis' (" + d.lldpIntervalMillis() + ")");
        }
        return d;
    }

    private static Hosts hosts(ConfigReader r) {
        Hosts h = new Hosts(r.number("timeoutMillis", 300_000, 1_000, 86_400_000L * 365),
                r.integer("maxIpsPerHost", 8, 1, 1024));
        r.finish();
        return h;
    }

    private static PseudoConfig pseudo(ConfigReader r) {
        boolean enabled = r.bool("enabled", true);
        String name = r.string("interface", PseudoConfig.DEFAULT_INTERFACE);
        String vip = r.string("controlVip", null);
        String vip6 = r.string("controlVip6", null);
        String mac = r.string("mac", null);
        int mtu = r.integer("mtu", PseudoConfig.DEFAULT_MTU, 576, 9000);
        r.finish();
        try {
            return PseudoConfig.parse(enabled, name, vip, vip6, mac, mtu);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    public ControllerConfig withOpenflow(OpenFlow o) {
        return new ControllerConfig(o, rest, l2, topology, hosts, pseudo);
    }

    public ControllerConfig withRest(Rest r) {
        return new ControllerConfig(openflow, r, l2, topology, hosts, pseudo);
    }

    public ControllerConfig withL2(L2Config c) {
        return new ControllerConfig(openflow, rest, c, topology, hosts, pseudo);
    }

    public ControllerConfig withPseudo(PseudoConfig p) {
        return new ControllerConfig(openflow, rest, l2, topology, hosts, p);
    }

    /** The effective configuration as JSON, every key present (for {@code --print-config}). */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("openflow", openflow);
        root.put("rest", rest);
        root.put("l2", l2);
        root.put("topology", topology);
        root.put("hosts", hosts);
        root.put("pseudo", pseudo.toJsonMap());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
