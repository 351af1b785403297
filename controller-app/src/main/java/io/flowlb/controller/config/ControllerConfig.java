package io.flowlb.controller.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flowlb.controller.fwd.L2Config;
import io.flowlb.controller.lb.app.LoadBalancerSettings;
import io.flowlb.controller.lb.install.InstallerSettings;
import io.flowlb.controller.openflow.SessionConfig;
import io.flowlb.controller.resource.ResourceSettings;
import io.flowlb.loadbalancer.distribution.DistributionSettings;
import io.flowlb.loadbalancer.model.VipId;
import io.flowlb.controller.pseudo.PseudoConfig;
import io.flowlb.controller.rest.RestSettings;
import io.flowlb.openflow.OfVersions;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 *     "workerThreads": 0,                // Netty event loops for the sessions (0: the event thread)
 *     "echoIntervalMillis": 5000,        // silence before an ECHO_REQUEST probes a switch
 *     "echoMaxMissed": 3,                // silent echo periods before a session is closed
 *     "handshakeTimeoutMillis": 10000,   // TCP connect to connected switch
 *     "requestTimeoutMillis": 10000,     // a request waiting for its reply
 *     "missSendLen": 65535,              // SET_CONFIG miss_send_len (65535: whole packets)
 *     "cleanStart": true,                // delete flows and groups when a switch connects
 *     "maxMalformedMessages": 100,       // malformed messages tolerated per session
 *     "packetInQueue": 4096              // PACKET_INs waiting for the event thread; more are dropped
 *   },
 *   "rest": {                            // REST API, metrics and dashboard
 *     "bindAddress": "0.0.0.0",          // address it listens on (all, so the control VIP reaches it)
 *     "port": 8080,                      // TCP port (0: no REST server)
 *     "token": null,                     // bearer token writes need (default: $FLOWLB_REST_TOKEN, else none)
 *     "authReads": false,                // reads need the token too (dashboard files stay open)
 *     "maxBodyBytes": 1048576            // larger request bodies get 413
 *   },
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
 *   "loadBalancer": {
 *     "installer": "proactive",          // "proactive": SELECT groups where the switch has them;
 *                                        // "reactive": per-connection flows on every switch
 *     "reactiveVips": [],                // VIP ids installed reactively whatever "installer" says
 *     "connectionIdleSeconds": 60,       // idle timeout of per-connection flows (reactive)
 *     "flowSettleMillis": 25,            // Open vSwitch: a SYN whose reused tuple moves to another
 *                                        // member waits this long after the barrier (datapath cache)
 *     "probeIntervalMillis": 1000,       // ARP probes for unresolved members (512 a round) and router health
 *     "routerDeadAfterProbes": 3,        // unanswered probes after which a router is failed
 *     "statsIntervalMillis": 5000        // group statistics for the distribution view (0: off)
 *   },
 *   "pseudo": {                          // the pseudo-interface (TAP holding the control VIP)
 *     "enabled": true,                   // runs when controlVip is set and the process is root
 *     "interface": "flowlb0",            // TAP device name
 *     "controlVip": null,                // e.g. "10.0.0.254/24": the controller behind the switches
 *     "controlVip6": null,               // optional IPv6 control VIP, e.g. "fd00::fe/64"
 *     "mac": null,                       // TAP MAC (default 02:fb + the control VIP's 4 bytes)
 *     "mtu": 1500                        // TAP MTU (576..9000)
 *   },
 *   "resource": {                        // health checks and agent-check polls
 *     "sourceAddress": "",               // local address probes are sent from ("": the kernel's choice)
 *     "jitterPercent": 10,               // each check interval varies this much either way (0-50)
 *     "agentCheckIntervalMillis": 2000,  // agent-check poll period (default: master.reportIntervalMillis)
 *     "agentCheckTimeoutMillis": 1000    // connect + read one line (default: 1000, at most half the period)
 *   },
 *   "master": {                          // the master module's weights
 *     "reportIntervalMillis": 2000,      // agents' report period; the weights are recomputed this often
 *     "staleAfterReports": 3,            // a load report older than this many periods is ignored
 *     "smoothing": 0.6,                  // weight of a new report in the moving average (0.01-1)
 *     "hysteresisRelative": 0.2,         // publish measured weights when a share moves by 20% of itself
 *     "hysteresisAbsolute": 0.005        // ... and by at least this much of the whole
 *   },
 *   "state": {                           // the load-balancer configuration (see StateConfig)
 *     "dir": null,                       // state directory (default /var/lib/flowlb as root,
 *                                        // else $XDG_STATE_HOME/flowlb or ~/.local/state/flowlb)
 *     "lbConfig": null                   // LB configuration file applied at start, replacing the saved one
 *   }
 * }
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public record ControllerConfig(OpenFlow openflow, RestSettings rest, L2Config l2, Discovery topology, Hosts hosts,
        LoadBalancer loadBalancer, PseudoConfig pseudo, Resource resource, Master master, StateConfig state) {

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

    /** LLDP link discovery. */
    public record Discovery(long lldpIntervalMillis, long linkTimeoutMillis) {
    }

    /** Host learning. */
    public record Hosts(long timeoutMillis, int maxIpsPerHost) {
    }

    /** The load-balancer application (see the class comment for meanings and defaults). */
    public record LoadBalancer(String installer, List<String> reactiveVips, int connectionIdleSeconds,
            int flowSettleMillis, long probeIntervalMillis, int routerDeadAfterProbes, long statsIntervalMillis) {

        public LoadBalancer {
            reactiveVips = List.copyOf(reactiveVips);
        }

        /** The settings the LB application takes. */
        public LoadBalancerSettings settings() {
            Set<VipId> vips = new LinkedHashSet<>();
            for (String v : reactiveVips) {
                vips.add(VipId.of(v));
            }
            return new LoadBalancerSettings(new InstallerSettings("reactive".equals(installer), vips,
                    connectionIdleSeconds, flowSettleMillis), probeIntervalMillis, routerDeadAfterProbes,
                    statsIntervalMillis);
        }

        public LoadBalancer withInstaller(String mode) {
            return new LoadBalancer(mode, reactiveVips, connectionIdleSeconds, flowSettleMillis, probeIntervalMillis,
                    routerDeadAfterProbes, statsIntervalMillis);
        }
    }

    /** Health checks and agent-check polls (see the class comment). */
    public record Resource(String sourceAddress, int jitterPercent, long agentCheckIntervalMillis,
                           long agentCheckTimeoutMillis) {

        public ResourceSettings settings() {
            return new ResourceSettings(sourceAddress.isEmpty() ? null : InetAddress.ofLiteral(sourceAddress),
                    jitterPercent, agentCheckIntervalMillis, agentCheckTimeoutMillis);
        }
    }

    /** The master module's tunables (see the class comment and {@link DistributionSettings}). */
    public record Master(long reportIntervalMillis, int staleAfterReports, double smoothing,
                         double hysteresisRelative, double hysteresisAbsolute) {

        public DistributionSettings settings() {
            return new DistributionSettings(reportIntervalMillis, staleAfterReports, smoothing, hysteresisRelative,
                    hysteresisAbsolute);
        }
    }

    /** Every default. */
    public static ControllerConfig defaults() {
        return parse(null, null);
    }

    /**
     * Reads a JSON file, or a YAML one ({@code .yaml}, {@code .yml}); a missing file, bad syntax
     * or a bad key is a {@link ConfigException}. Relative paths in it are resolved against its
     * directory.
     */
    public static ControllerConfig load(Path file) {
        try {
            JsonNode tree = ConfigSyntax.isYaml(file) ? ConfigSyntax.yamlTree(Files.readAllBytes(file))
                    : mapper().readTree(Files.readString(file));
            return parse(tree, file.toAbsolutePath().getParent());
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new ConfigException("configuration file " + file + " is not valid " + ConfigSyntax.name(file) + ": "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads JSON text (tests, inline configuration). */
    public static ControllerConfig parseJson(String json) {
        try {
            return parse(mapper().readTree(json), null);
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

    private static ControllerConfig parse(JsonNode root, Path base) {
        ConfigReader r = new ConfigReader(root, "");
        Master master = master(r.object("master"));
        ControllerConfig c = new ControllerConfig(openflow(r.object("openflow")), rest(r.object("rest")),
                l2(r.object("l2")), discovery(r.object("topology")), hosts(r.object("hosts")),
                loadBalancer(r.object("loadBalancer")), pseudo(r.object("pseudo")),
                resource(r.object("resource"), master), master, StateConfig.parse(r.object("state"), base));
        r.finish();
        return c;
    }

    private static OpenFlow openflow(ConfigReader r) {
        OpenFlow o = new OpenFlow(
                r.string("bindAddress", "0.0.0.0"),
                r.ports("ports", List.of(6653, 6633)),
                r.strings("versions", List.of("1.3", "1.0")),
                r.integer("workerThreads", 0, 0, 64),
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

    /** The REST section; {@code port} 0 means no REST server (the controller does not start one). */
    private static RestSettings rest(ConfigReader r) {
        String bind = r.string("bindAddress", RestSettings.DEFAULT_BIND);
        int port = r.integer("port", RestSettings.DEFAULT_PORT, 0, 65535);
        String token = r.string("token", null);
        boolean authReads = r.bool("authReads", false);
        int maxBody = r.integer("maxBodyBytes", RestSettings.DEFAULT_MAX_BODY, 1024, 1 << 30);
        r.finish();
        try {
            InetAddress.ofLiteral(bind);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("'rest.bindAddress' must be an IPv4 or IPv6 address, not \"" + bind + "\"");
        }
        try {
            return new RestSettings(bind, port, token, authReads, maxBody);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage().replaceFirst("^(rest\\.\\w+)", "'$1'"));
        }
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

    private static LoadBalancer loadBalancer(ConfigReader r) {
        String installer = r.string("installer", "proactive");
        if (!installer.equals("proactive") && !installer.equals("reactive")) {
            throw new ConfigException("'loadBalancer.installer' must be \"proactive\" or \"reactive\", got \""
                    + installer + "\"");
        }
        LoadBalancer lb = new LoadBalancer(installer, r.strings("reactiveVips", List.of()),
                r.integer("connectionIdleSeconds", InstallerSettings.DEFAULT_CONNECTION_IDLE_SECONDS, 1, 65535),
                r.integer("flowSettleMillis", InstallerSettings.DEFAULT_FLOW_SETTLE_MILLIS, 0, 1000),
                r.number("probeIntervalMillis", LoadBalancerSettings.DEFAULT_PROBE_INTERVAL_MILLIS, 100, 3_600_000),
                r.integer("routerDeadAfterProbes", LoadBalancerSettings.DEFAULT_ROUTER_DEAD_AFTER_PROBES, 1, 1000),
                r.number("statsIntervalMillis", LoadBalancerSettings.DEFAULT_STATS_INTERVAL_MILLIS, 0, 3_600_000));
        r.finish();
        for (String v : lb.reactiveVips()) {
            try {
                VipId.of(v);
            } catch (RuntimeException e) {
                throw new ConfigException("'loadBalancer.reactiveVips': \"" + v + "\" is not a VIP id: " + e.getMessage());
            }
        }
        return lb;
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

    private static Resource resource(ConfigReader r, Master master) {
        String source = r.string("sourceAddress", "");
        int jitter = r.integer("jitterPercent", ResourceSettings.DEFAULT_JITTER_PERCENT, 0, 50);
        long interval = r.number("agentCheckIntervalMillis", master.reportIntervalMillis(), 100, 3_600_000);
        long timeout = r.number("agentCheckTimeoutMillis",
                Math.min(ResourceSettings.DEFAULT_AGENT_CHECK_TIMEOUT_MILLIS, interval / 2), 10, 3_600_000);
        r.finish();
        if (!source.isEmpty()) {
            try {
                InetAddress.ofLiteral(source);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("'resource.sourceAddress' must be an IPv4 or IPv6 address, not \"" + source
                        + "\"");
            }
        }
        if (timeout >= interval) {
            throw new ConfigException("'resource.agentCheckTimeoutMillis' (" + timeout
                    + ") must be shorter than 'resource.agentCheckIntervalMillis' (" + interval + ")");
        }
        return new Resource(source, jitter, interval, timeout);
    }

    private static Master master(ConfigReader r) {
        Master m = new Master(
                r.number("reportIntervalMillis", DistributionSettings.DEFAULT_REPORT_INTERVAL_MS, 100, 3_600_000),
                r.integer("staleAfterReports", DistributionSettings.DEFAULT_STALE_AFTER_REPORTS, 1, 100),
                r.decimal("smoothing", DistributionSettings.DEFAULT_SMOOTHING, 0.01, 1.0),
                r.decimal("hysteresisRelative", DistributionSettings.DEFAULT_HYSTERESIS_RELATIVE, 0.0, 1.0),
                r.decimal("hysteresisAbsolute", DistributionSettings.DEFAULT_HYSTERESIS_ABSOLUTE, 0.0, 1.0));
        r.finish();
        return m;
    }

    public ControllerConfig withOpenflow(OpenFlow o) {
        return new ControllerConfig(o, rest, l2, topology, hosts, loadBalancer, pseudo, resource, master, state);
    }

    public ControllerConfig withRest(RestSettings r) {
        return new ControllerConfig(openflow, r, l2, topology, hosts, loadBalancer, pseudo, resource, master, state);
    }

    public ControllerConfig withL2(L2Config c) {
        return new ControllerConfig(openflow, rest, c, topology, hosts, loadBalancer, pseudo, resource, master, state);
    }

    public ControllerConfig withLoadBalancer(LoadBalancer lb) {
        return new ControllerConfig(openflow, rest, l2, topology, hosts, lb, pseudo, resource, master, state);
    }

    public ControllerConfig withPseudo(PseudoConfig p) {
        return new ControllerConfig(openflow, rest, l2, topology, hosts, loadBalancer, p, resource, master, state);
    }

    public ControllerConfig withResource(Resource r) {
        return new ControllerConfig(openflow, rest, l2, topology, hosts, loadBalancer, pseudo, r, master, state);
    }

    public ControllerConfig withMaster(Master m) {
        return new ControllerConfig(openflow, rest, l2, topology, hosts, loadBalancer, pseudo, resource, m, state);
    }

    public ControllerConfig withState(StateConfig st) {
        return new ControllerConfig(openflow, rest, l2, topology, hosts, loadBalancer, pseudo, resource, master, st);
    }

    /** The REST section with the token masked: a printed configuration must not leak it. */
    private Map<String, Object> restJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bindAddress", rest.bind());
        m.put("port", rest.port());
        m.put("token", rest.token() == null ? null : "(set; not shown)");
        m.put("authReads", rest.authReads());
        m.put("maxBodyBytes", rest.maxBodyBytes());
        return m;
    }

    /** The effective configuration as JSON, every key present (for {@code --print-config}). */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("openflow", openflow);
        root.put("rest", restJson());
        root.put("l2", l2);
        root.put("topology", topology);
        root.put("hosts", hosts);
        root.put("loadBalancer", loadBalancer);
        root.put("pseudo", pseudo.toJsonMap());
        root.put("resource", resource);
        root.put("master", master);
        root.put("state", state.toJsonMap());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
