package io.flowlb.controller;

import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.core.ThreadEventScheduler;
import io.flowlb.controller.fwd.L2Forwarding;
import io.flowlb.controller.lb.DistributionSink;
import io.flowlb.controller.lb.LbService;
import io.flowlb.controller.lb.agent.AgentRegistry;
import io.flowlb.controller.master.ControlScheduler;
import io.flowlb.controller.master.MasterModule;
import io.flowlb.controller.master.MasterService;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.lb.app.LoadBalancerApp;
import io.flowlb.controller.openflow.OpenFlowServer;
import io.flowlb.controller.openflow.SwitchManager;
import io.flowlb.controller.openflow.SwitchService;
import io.flowlb.controller.packet.PacketManager;
import io.flowlb.controller.packet.PacketService;
import io.flowlb.controller.pseudo.PseudoInterface;
import io.flowlb.controller.resource.ResourceManager;
import io.flowlb.controller.topology.HostManager;
import io.flowlb.controller.topology.HostService;
import io.flowlb.controller.topology.LinkDiscovery;
import io.flowlb.controller.topology.TopologyManager;
import io.flowlb.controller.topology.TopologyService;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's object graph: every service, wired once by constructor injection.
 *
 * <p>Two ways in: {@link #launch} builds the real thing (event thread, switch manager, OpenFlow
 * listener); the constructor wires the applications onto any {@link SwitchService} and
 * {@link EventScheduler}, which is how tests run the whole controller against simulated switches
 * on the test thread.
 *
 * <p>The load-balancer application joins with {@link #startLoadBalancer} once the LB control
 * loop exists.
 *
 * <p>Order matters: applications register as listeners and processors before the listener
 * accepts the first switch. Later components (LB application, resource manager, REST API,
 * pseudo-interface) are added here the same way, using the services below.
 *
 * <p>Thread safety: built and closed by one thread; the services it hands out are thread-safe
 * as their interfaces document.
 */
public final class Controller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

    private final ControllerConfig config;
    private final SwitchService switches;
    private final EventScheduler events;
    private final PacketManager packets;
    private final TopologyManager topology;
    private final LinkDiscovery links;
    private final HostManager hosts;
    private final L2Forwarding l2;
    private LbService lbService;
    private ControlScheduler controlScheduler;
    private ResourceManager resourceManager;
    private MasterModule masterModule;
    private LoadBalancerApp loadBalancer;
    private SwitchManager switchManager;
    private OpenFlowServer server;
    private ThreadEventScheduler ownEvents;
    private PseudoInterface pseudo;

    /** Wires the applications onto a switch service (tests use simulated switches). */
    public Controller(ControllerConfig config, SwitchService switches, EventScheduler events) {
        this.config = config;
        this.switches = switches;
        this.events = events;
        this.packets = new PacketManager(switches, events);
        this.topology = new TopologyManager(switches);
        this.links = new LinkDiscovery(switches, packets, events, config.topology().lldpIntervalMillis(),
                config.topology().linkTimeoutMillis(), new SecureRandom().nextLong());
        links.addListener(topology);
        packets.floodScope(topology);
        links.start();
        this.hosts = new HostManager(topology, events, config.hosts().timeoutMillis(), config.hosts().maxIpsPerHost());
        hosts.start(packets, switches);
        if (config.l2().enabled()) {
            this.l2 = new L2Forwarding(switches, hosts, topology, config.l2());
            l2.start(packets);
        } else {
            this.l2 = null;
        }
    }

    /**
     * Starts a controller: the event thread, the switch manager, the applications, then the
     * OpenFlow listener. A port that cannot be bound fails the start with a message naming it.
     */
    public static Controller launch(ControllerConfig config) {
        ThreadEventScheduler events = new ThreadEventScheduler("flowlb-events");
        SwitchManager manager = new SwitchManager(events, config.openflow().sessionConfig(),
                config.openflow().packetInQueue());
        Controller c = new Controller(config, manager, events);
        c.ownEvents = events;
        c.switchManager = manager;
        c.server = new OpenFlowServer(manager, config.openflow().bindAddress(), config.openflow().ports(),
                config.openflow().workerThreads());
        try {
            c.pseudo = PseudoInterface.launch(config.pseudo(), manager, c.packets, c.hosts, c.topology);
            c.server.start();
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        LOG.info("flowlb controller started (L2 forwarding {})", config.l2().enabled() ? "on" : "off");
        return c;
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
     *
     * @return the master module's read side, for the distribution view and the LB application
     */
    public MasterService startMasterModule(LbService lb, AgentRegistry agents, DistributionSink sink,
                                           MetricRegistry metrics) {
        if (masterModule != null) {
            throw new IllegalStateException("the master module is already running");
        }
        ControlScheduler control = new ControlScheduler(lb, metrics);
        MasterModule master = new MasterModule(control, sink, config.master().settings(), metrics);
        ResourceManager resources = ResourceManager.create(control, config.resource().settings(), metrics, master);
        master.details(resources);
        lb.addListenerAndReplay(master).join();
        lb.addListenerAndReplay(resources).join();
        lb.submit(() -> null).join();
        agents.addListener(master);
        master.start();
        this.lbService = lb;
        this.controlScheduler = control;
        this.resourceManager = resources;
        this.masterModule = master;
        return master;
    }

    /** The master module when started ({@link #startMasterModule}), else null. */
    public MasterService masterService() {
        return masterModule;
    }

    /**
     * Starts the load-balancer application on the LB control loop {@code lb} (which owns the LB
     * configuration): it installs VIPs on every capable switch, connected now or later, and keeps
     * host learning away from VIP addresses and virtual MACs. Call once, after construction.
     */
    public LoadBalancerApp startLoadBalancer(LbService lb) {
        if (loadBalancer != null) {
            throw new IllegalStateException("the load balancer is already started");
        }
        loadBalancer = new LoadBalancerApp(lb, switches, packets, hosts, topology, events,
                config.loadBalancer().settings());
        hosts.reserve(loadBalancer.reservedAddresses());
        loadBalancer.start();
        return loadBalancer;
    }

    /** The load-balancer application, or null until {@link #startLoadBalancer} ran. */
    public LoadBalancerApp loadBalancer() {
        return loadBalancer;
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

    /**
     * Stops the master module and the resource manager on the control thread, or on this one when
     * the control loop has already stopped (nothing else can touch them then).
     */
    private void stopMasterModule() {
        if (masterModule == null) {
            return;
        }
        controlScheduler.close();
        lbService.removeListener(masterModule);
        lbService.removeListener(resourceManager);
        MasterModule master = masterModule;
        ResourceManager resources = resourceManager;
        masterModule = null;
        Callable<Void> stop = () -> {
            master.close();
            resources.close();
            return null;
        };
        try {
            lbService.submit(stop).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RejectedExecutionException) {
                runQuietly(stop);
            } else {
                LOG.warn("stopping the resource manager and master module: {}", e.getCause().toString());
            }
        } catch (TimeoutException e) {
            LOG.warn("the LB control thread did not stop the resource manager and master module within 5 s");
        }
    }

    private static void runQuietly(Callable<Void> task) {
        try {
            task.call();
        } catch (Exception e) {
            LOG.warn("stopping the resource manager and master module: {}", e.toString());
        }
    }

    /** Stops the listener, closes every session, stops timers and the event thread. */
    @Override
    public void close() {
        stopMasterModule();
        if (loadBalancer != null) {
            loadBalancer.close();
        }
        links.stop();
        hosts.stop();
        if (pseudo != null) {
            pseudo.close();
        }
        if (server != null) {
            server.close();
        }
        if (ownEvents != null) {
            ownEvents.close();
            LOG.info("flowlb controller stopped");
        }
    }
}
