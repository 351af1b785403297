package io.flowlb.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowlb.controller.config.ConfigException;
import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.config.StateConfig;
import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.core.LoopEventScheduler;
import io.flowlb.controller.fwd.L2Forwarding;
import io.flowlb.controller.lb.DistributionSink;
import io.flowlb.controller.lb.LbManager;
import io.flowlb.controller.lb.LbService;
import io.flowlb.controller.lb.agent.AgentRegistry;
import io.flowlb.controller.lb.agent.AgentReportIntake;
import io.flowlb.controller.lb.app.LoadBalancerApp;
import io.flowlb.controller.lb.json.LbJson;
import io.flowlb.controller.master.MasterDistributionView;
import io.flowlb.controller.master.MasterService;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.openflow.OpenFlowServer;
import io.flowlb.controller.openflow.SwitchManager;
import io.flowlb.controller.openflow.SwitchService;
import io.flowlb.controller.packet.PacketManager;
import io.flowlb.controller.packet.PacketService;
import io.flowlb.controller.persist.ConfigFileException;
import io.flowlb.controller.persist.ConfigFiles;
import io.flowlb.controller.persist.StateStore;
import io.flowlb.controller.pseudo.InterfaceAddress;
import io.flowlb.controller.pseudo.PseudoInterface;
import io.flowlb.controller.rest.RestServer;
import io.flowlb.controller.rest.RestSettings;
import io.flowlb.controller.rest.api.RestApi;
import io.flowlb.controller.rest.api.RestContext;
import io.flowlb.controller.topology.HostManager;
import io.flowlb.controller.topology.HostService;
import io.flowlb.controller.topology.LinkDiscovery;
import io.flowlb.controller.topology.TopologyManager;
import io.flowlb.controller.topology.TopologyService;
import io.flowlb.controller.view.ConnectionSampler;
import io.flowlb.controller.view.DistributionView;
import io.flowlb.controller.view.NetworkView;
import io.flowlb.controller.view.SwitchNetworkView;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's object graph: every service, wired once by constructor injection.
 *
 * <p>Two ways in: {@link #launch} builds the real thing (metrics, the load-balancer control loop
 * over its state file, the agent intake, the event thread, the switch manager, the LB
 * application, the resource manager and master module, the REST server, the OpenFlow listener,
 * the pseudo-interface); the constructor wires the applications onto any {@link SwitchService}
 * and {@link EventScheduler}, which is how tests run the whole controller against simulated
 * switches on the test thread, and {@link #startLoadBalancer} and {@link #startMasterModule} add
 * the LB side there on an LB control loop of the test's own.
 *
 * <p>Order matters: applications register as listeners and processors before the listener
 * accepts the first switch, and every part is stopped in the reverse order of its start
 * ({@link Shutdown}), so a start that fails half-way stops exactly what it had started.
 *
 * <p>Thread safety: built and closed by one thread; the services it hands out are thread-safe
 * as their interfaces document.
 */
public final class Controller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
    /** How often each switch is asked for its flow and group counts (for the switch list and /metrics). */
    private static final long SWITCH_COUNTS_INTERVAL_MILLIS = 10_000;
    /** The largest connection sample {@code GET /api/v1/connections} returns. */
    private static final int MAX_CONNECTIONS_SAMPLED = 1000;

    private final ControllerConfig config;
    private final SwitchService switches;
    private final EventScheduler events;
    private final PacketManager packets;
    private final TopologyManager topology;
    private final LinkDiscovery links;
    private final HostManager hosts;
    private final L2Forwarding l2;
    private final Shutdown shutdown;
    private final List<DistributionSink> distributionListeners = new CopyOnWriteArrayList<>();
    private LoadBalancerApp loadBalancer;
    private MasterRunner masterRunner;
    private SwitchManager switchManager;
    private OpenFlowServer server;
    private PseudoInterface pseudo;
    private MetricRegistry metrics;
    private LbManager lb;
    private AgentReportIntake agents;
    private SwitchNetworkView network;
    private DistributionView distribution;
    private RestServer rest;

    /** Wires the applications onto a switch service (tests use simulated switches). */
    public Controller(ControllerConfig config, SwitchService switches, EventScheduler events) {
        this(config, switches, events, new Shutdown());
    }

    private Controller(ControllerConfig config, SwitchService switches, EventScheduler events, Shutdown shutdown) {
        this.config = config;
        this.switches = switches;
        this.events = events;
        this.shutdown = shutdown;
        this.packets = new PacketManager(switches, events);
        this.topology = new TopologyManager(switches);
        this.links = new LinkDiscovery(switches, packets, events, config.topology().lldpIntervalMillis(),
                config.topology().linkTimeoutMillis(), new SecureRandom().nextLong());
        links.addListener(topology);
        packets.floodScope(topology);
        links.start();
        this.hosts = new HostManager(topology, events, config.hosts().timeoutMillis(), config.hosts().maxIpsPerHost());
        hosts.start(packets, switches);
        shutdown.add("topology and host timers", () -> {
            links.stop();
            hosts.stop();
        });
        if (config.l2().enabled()) {
            this.l2 = new L2Forwarding(switches, hosts, topology, config.l2());
            l2.start(packets);
        } else {
            this.l2 = null;
        }
    }

    /**
     * Starts a controller, each part once the parts it needs run: the metrics registry; the
     * load-balancer control loop (which loads the state file and applies {@code state.lbConfig});
     * the agent report intake; the event thread, the switch manager and the OpenFlow applications
     * (topology, hosts, L2 forwarding); the LB application; the resource manager and master
     * module, which publish distributions to the LB application; the REST server; the OpenFlow
     * listener; the pseudo-interface. (When the REST server binds to the
     * control VIP itself, it starts after the pseudo-interface, which brings that address up.)
     *
     * @throws ConfigException when the load-balancer configuration file or the state file cannot
     *         be used (the message names the file, the field and the problem)
     * @throws IllegalStateException when a port cannot be bound or a device not created (the
     *         message names it)
     */
    public static Controller launch(ControllerConfig config) {
        Shutdown shutdown = new Shutdown();
        AtomicBoolean started = new AtomicBoolean();
        shutdown.add("log", () -> {
            if (started.get()) {
                LOG.info("flowlb controller stopped");
            }
        });
        try {
            Controller c = start(config, shutdown);
            started.set(true);
            return c;
        } catch (RuntimeException e) {
            shutdown.run();
            throw e;
        }
    }

    private static Controller start(ControllerConfig config, Shutdown shutdown) {
        MetricRegistry metrics = new MetricRegistry();
        ObjectMapper mapper = LbJson.newMapper();
        LbConfig given = readLbConfig(config.state().lbConfig(), mapper);
        LbManager lb = shutdown.add("load-balancer control loop", startLb(config.state(), given, mapper, metrics));
        AgentReportIntake agents = new AgentReportIntake(lb, mapper, Clock.systemUTC(), metrics);
        LoopEventScheduler events = shutdown.add("event thread", new LoopEventScheduler("flowlb-events"));
        SwitchManager manager = new SwitchManager(events, config.openflow().sessionConfig(),
                config.openflow().packetInQueue());
        Controller c = new Controller(config, manager, events, shutdown);
        c.switchManager = manager;
        c.metrics = metrics;
        c.lb = lb;
        c.agents = agents;
        LoadBalancerApp app = c.startLoadBalancer(lb);
        MasterService master = c.startMasterModule(lb, agents, (pool, weights) -> {
            app.publish(pool, weights);
            for (DistributionSink l : c.distributionListeners) {
                l.publish(pool, weights);
            }
        }, metrics);
        c.network = shutdown.add("network view", new SwitchNetworkView(manager, c.hosts,
                new ConnectionSampler(lb::config, c.hosts, MAX_CONNECTIONS_SAMPLED)));
        c.network.start(events, SWITCH_COUNTS_INTERVAL_MILLIS);
        c.distribution = new MasterDistributionView(lb::config, master, new LbTraffic(app.distributionView()));
        metrics.register(ControllerMetrics.openflow(manager.stats()));
        metrics.register(ControllerMetrics.reactive(app));
        metrics.register(ControllerMetrics.selectConnections(app));
        boolean restOnControlVip = restBindsToControlVip(config);
        if (!restOnControlVip) {
            c.startRest(mapper);
        }
        OpenFlowServer server = new OpenFlowServer(manager, config.openflow().bindAddress(), config.openflow().ports(),
                config.openflow().workerThreads(), events.loop());
        server.start();
        c.server = shutdown.add("OpenFlow listener", server);
        c.pseudo = PseudoInterface.launch(config.pseudo(), manager, c.packets, c.hosts, c.topology);
        if (c.pseudo != null) {
            shutdown.add("pseudo-interface", c.pseudo);
            metrics.register(ControllerMetrics.pseudo(c.pseudo.interfaceName(), c.pseudo.stats()));
        }
        if (restOnControlVip) {
            c.startRest(mapper);
        }
        LOG.info("flowlb controller started (L2 forwarding {}, REST API {}, state in {})",
                config.l2().enabled() ? "on" : "off", c.rest == null ? "off" : "on port " + c.rest.port(),
                config.state().dir());
        return c;
    }

    /** The load-balancer configuration file to apply, checked before anything starts; null when none is given. */
    private static LbConfig readLbConfig(Path file, ObjectMapper mapper) {
        if (file == null) {
            return null;
        }
        try {
            return new ConfigFiles(mapper).read(file);
        } catch (ConfigFileException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /**
     * Starts the control loop over the state file; then a configuration from a file replaces the
     * saved one (and is saved, so the next start without the file has it too).
     */
    private static LbManager startLb(StateConfig state, LbConfig given, ObjectMapper mapper, MetricRegistry metrics) {
        LbManager lb;
        try {
            lb = LbManager.start(new StateStore(state.dir(), mapper), metrics);
        } catch (ConfigFileException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        if (given != null) {
            try {
                lb.replaceConfig(given).join();
            } catch (CompletionException e) {
                lb.close();
                throw new IllegalStateException("cannot apply " + state.lbConfig() + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
            LOG.info("applied the load-balancer configuration in {} ({}), replacing the saved one", state.lbConfig(),
                    given);
        }
        return lb;
    }

    private static boolean restBindsToControlVip(ControllerConfig config) {
        InterfaceAddress vip = config.pseudo().controlVip();
        return config.pseudo().enabled() && vip != null
                && IpAddress.parse(config.rest().bind()).equals(vip.address());
    }

    private void startRest(ObjectMapper mapper) {
        RestSettings s = config.rest();
        if (s.port() == 0) {
            LOG.info("REST API off (rest.port is 0)");
            return;
        }
        RestContext ctx = new RestContext(lb, agents, distribution, network, metrics, mapper,
                Duration.ofMillis(config.openflow().requestTimeoutMillis()));
        try {
            rest = shutdown.add("REST server", RestApi.start(s, ctx));
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IllegalStateException("cannot serve the REST API on " + s.bind() + ":" + s.port() + ": " + why
                    + (why.contains("in use") ? " (is another controller running? --rest-port picks another port)"
                    : ""), e);
        }
    }

    public ControllerConfig config() {
        return config;
    }

    public SwitchService switchService() {
        return switches;
    }

    public PacketService packetService() {
        return packets;
    }

    public TopologyService topologyService() {
        return topology;
    }

    public HostService hostService() {
        return hosts;
    }

    public LinkDiscovery linkDiscovery() {
        return links;
    }

    /** L2 forwarding, or null when disabled. */
    public L2Forwarding l2Forwarding() {
        return l2;
    }

    public EventScheduler events() {
        return events;
    }

    /**
     * Starts the resource manager (health checks, agent-check polls) and the master module on the
     * LB control loop of {@code lb}: they follow its configuration, take agent reports from
     * {@code agents}, and hand every changed distribution to {@code sink} (the LB application).
     * Timing and thresholds come from the {@code resource} and {@code master} configuration.
     * Call once, after the LB service and its agent intake exist; on return the distributions of
     * the pools already configured have been published. {@link #close} stops them.
     * ({@link #launch} calls it.)
     *
     * @return the master module's read side, for the distribution view and the LB application
     */
    public MasterService startMasterModule(LbService lb, AgentRegistry agents, DistributionSink sink,
                                           MetricRegistry metrics) {
        if (masterRunner != null) {
            throw new IllegalStateException("the master module is already running");
        }
        MasterRunner runner = MasterRunner.start(config, lb, agents, sink, metrics);
        masterRunner = runner;
        shutdown.add("master module and resource manager", () -> {
            masterRunner = null;
            runner.close();
        });
        return runner.master();
    }

    /** The master module when started ({@link #startMasterModule}) and not stopped, else null. */
    public MasterService masterService() {
        MasterRunner r = masterRunner;
        return r == null ? null : r.master();
    }

    /**
     * Starts the load-balancer application on the LB control loop {@code lb} (which owns the LB
     * configuration): it installs VIPs on every capable switch, connected now or later, and keeps
     * host learning away from VIP addresses and virtual MACs. Call once, after construction
     * ({@link #launch} calls it).
     */
    public LoadBalancerApp startLoadBalancer(LbService lb) {
        if (loadBalancer != null) {
            throw new IllegalStateException("the load balancer is already started");
        }
        loadBalancer = new LoadBalancerApp(lb, switches, packets, hosts, topology, events,
                config.loadBalancer().settings());
        hosts.reserve(loadBalancer.reservedAddresses());
        loadBalancer.start();
        return shutdown.add("load-balancer application", loadBalancer);
    }

    /** The load-balancer application, or null until {@link #startLoadBalancer} ran. */
    public LoadBalancerApp loadBalancer() {
        return loadBalancer;
    }

    /**
     * Also hands every distribution the master module publishes to {@code listener}, after the
     * LB application (on the LB control thread; launched controllers only).
     */
    public void addDistributionListener(DistributionSink listener) {
        distributionListeners.add(listener);
    }

    /** The switch manager when launched, else null. */
    public SwitchManager switchManager() {
        return switchManager;
    }

    /** The pseudo-interface when launched with a control VIP (and allowed to create it), else null. */
    public PseudoInterface pseudoInterface() {
        return pseudo;
    }

    /** The OpenFlow ports actually listened on (empty unless launched). */
    public List<Integer> openflowPorts() {
        return server == null ? List.of() : server.boundPorts();
    }

    /** The metrics registry when launched, else null. */
    public MetricRegistry metrics() {
        return metrics;
    }

    /** The load-balancer configuration service when launched, else null. */
    public LbService lbService() {
        return lb;
    }

    /** The agent report intake when launched, else null. */
    public AgentReportIntake agentIntake() {
        return agents;
    }

    /** The network view the REST API and metrics read, when launched, else null. */
    public NetworkView networkView() {
        return network;
    }

    /** The distribution view the REST API and metrics read, when launched, else null. */
    public DistributionView distributionView() {
        return distribution;
    }

    /** The port the REST API listens on, or -1 when it does not run. */
    public int restPort() {
        return rest == null ? -1 : rest.port();
    }

    /**
     * Stops what runs, in the reverse order of the start: pseudo-interface, OpenFlow listener
     * (closing every session), REST server, network view, master module and resource manager, LB
     * application, timers, event thread, and last the load-balancer control loop after the
     * changes already queued.
     */
    @Override
    public void close() {
        shutdown.run();
    }
}
