package io.flowlb.flowswitch;

import io.flowlb.flowswitch.SwitchConfig.FailMode;
import io.flowlb.flowswitch.SwitchConfig.PortBinding;
import io.flowlb.flowswitch.apps.StandardApps;
import io.flowlb.flowswitch.datapath.Datapath;
import io.flowlb.flowswitch.datapath.DatapathConfig;
import io.flowlb.flowswitch.datapath.NanoClock;
import io.flowlb.flowswitch.engine.SwitchEngine;
import io.flowlb.flowswitch.io.NetPort;
import io.flowlb.flowswitch.io.afpacket.AfPacketConfig;
import io.flowlb.flowswitch.io.afpacket.AfPacketPort;
import io.flowlb.flowswitch.io.afpacket.LinkMonitor;
import io.flowlb.flowswitch.io.afpacket.NativeException;
import io.flowlb.flowswitch.ofagent.FailModePolicy;
import io.flowlb.flowswitch.ofagent.OfAgent;
import io.flowlb.flowswitch.ofagent.ProblemLog;
import io.flowlb.flowswitch.ofagent.StandaloneLearning;
import io.flowlb.flowswitch.ofagent.SwitchAgent;
import io.flowlb.flowswitch.ofagent.SwitchIdentity;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of flow-switch: opens the ports, builds the datapath, the pollers and the
 * OpenFlow agent from a {@link SwitchConfig}, and takes them down in the safe order. Nothing here
 * is static; two switches can live in one JVM (tests do that).
 *
 * <p>Start order: ports, datapath (with every port), link monitor, poller engine (one pipeline
 * per poller), agent (listener bound, controllers dialled), then the poller threads. Close order
 * is the reverse where it matters: the agent first (its thread transmits packet-outs), then the
 * engine, which stops the pollers and closes the ports (unmapping their rings).
 *
 * <p>Thread safety: {@link #start} and {@link #close} from one controlling thread.
 */
public final class FlowSwitch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FlowSwitch.class);
    /** The version flow-switch reports in the DESC statistics. */
    public static final String SOFTWARE_VERSION = "flowlb flow-switch 0.1";

    private final SwitchConfig config;
    private final Datapath datapath;
    private final SwitchEngine engine;
    private final OfAgent agent;
    private final SwitchAgent switchAgent;
    private final SwitchIdentity identity;
    private boolean closed;

    private FlowSwitch(SwitchConfig config, Datapath datapath, SwitchEngine engine, OfAgent agent,
            SwitchAgent switchAgent, SwitchIdentity identity) {
        this.config = config;
        this.datapath = datapath;
        this.engine = engine;
        this.agent = agent;
        this.switchAgent = switchAgent;
        this.identity = identity;
    }

    /**
     * Builds and starts the switch; on failure closes what was opened and throws
     * {@link IllegalStateException} with a message for the user.
     */
    public static FlowSwitch start(SwitchConfig config) throws InterruptedException {
        List<AfPacketPort> ports = new ArrayList<>();
        LinkMonitor monitor = null;
        OfAgent ofAgent = null;
        DataPlaneOptions dp = config.dataPlane();
        AfPacketConfig portConfig = AfPacketConfig.DEFAULT.withRxRing(dp.rxRing()).withQdiscBypass(dp.qdiscBypass());
        try {
            for (PortBinding b : config.ports()) {
                AfPacketPort p = AfPacketPort.open(b.ifName(), b.portNo(), portConfig);
                ports.add(p);
                LOG.info("port {} ({}): opened, mtu {}, link {}", b.portNo(), b.ifName(), p.mtu(),
                        p.linkUp() ? "up" : "down");
            }
            long dpid = config.effectiveDpid(ports.get(0).hwAddr());
            SwitchIdentity identity = new SwitchIdentity(dpid, config.name(), SOFTWARE_VERSION);
            Datapath datapath = new Datapath(datapathConfig(config), NanoClock.SYSTEM);
            for (NetPort p : ports) {
                datapath.addPort(p);
            }
            ProblemLog problems = new ProblemLog();
            FailModePolicy failMode = config.failMode() == FailMode.STANDALONE ? new StandaloneLearning(datapath)
                    : FailModePolicy.SECURE;
            SwitchAgent switchAgent = new SwitchAgent(datapath, identity, failMode, problems);
            ofAgent = new OfAgent(switchAgent, datapath, config.versions(), config.echoIntervalMillis(),
                    config.maxMissedEchoes(), problems);
            OfAgent wake = ofAgent;
            // Link changes arrive on the housekeeping thread; the datapath notices them in doWork on the agent thread.
            monitor = LinkMonitor.open(ports, port -> wake.wakeup());
            SwitchEngine.Builder builder = SwitchEngine.builder()
                    .ports(ports)
                    .pollers(config.pollers())
                    .pipelines(i -> datapath.newPipeline())
                    .linkMonitor(monitor)
                    .idleMode(dp.idle())
                    .cpus(dp.cpus());
            if (dp.statsFile() != null) {
                builder.housekeeping(new StatsFile(dp.statsFile(), config.name(), datapath, ports, NanoClock.SYSTEM));
            }
            SwitchEngine engine = builder.build();
            ofAgent.start(config.controllers(), config.listen());
            engine.start();
            LOG.info("{} started: dpid {}, {} port(s), {} poller(s), fail mode {}", config.name(),
                    identity.dpidString(), ports.size(), config.pollers(), config.failMode().name().toLowerCase());
            return new FlowSwitch(config, datapath, engine, ofAgent, switchAgent, identity);
        } catch (NativeException | RuntimeException e) {
            if (ofAgent != null) {
                ofAgent.close();
            }
            if (monitor != null) {
                monitor.close();
            }
            for (AfPacketPort p : ports) {
                p.close();
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The datapath's defaults, with the configured connection tables and room for the highest port number. */
    static DatapathConfig datapathConfig(SwitchConfig config) {
        DatapathConfig d = DatapathConfig.defaults(config.pollers(), StandardApps.all())
                .withConnectionsPerPoller(config.dataPlane().connectionsPerPoller())
                .withMaxFlows(config.dataPlane().maxFlows());
        int maxPortNo = 0;
        for (PortBinding b : config.ports()) {
            maxPortNo = Math.max(maxPortNo, b.portNo());
        }
        if (maxPortNo < d.maxPorts()) {
            return d;
        }
        return d.withMaxPorts(maxPortNo + 1);
    }

    public SwitchIdentity identity() {
        return identity;
    }

    public Datapath datapath() {
        return datapath;
    }

    public OfAgent agent() {
        return agent;
    }

    /**
     * The OpenFlow side (sessions, counters). Its state belongs to the agent thread: read it there
     * ({@code agent().loop().submit(...)}).
     */
    public SwitchAgent switchAgent() {
        return switchAgent;
    }

    /** Stops the agent, the pollers and the link monitor, and closes the ports. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        agent.close();
        engine.close();
        LOG.info("{} stopped", config.name());
    }
}
