package io.flowlb.controller.pseudo;

import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.SwitchListener;
import io.flowlb.controller.openflow.SwitchService;
import io.flowlb.controller.packet.PacketContext;
import io.flowlb.controller.packet.PacketPriority;
import io.flowlb.controller.packet.PacketProcessor;
import io.flowlb.controller.packet.PacketService;
import io.flowlb.controller.topology.HostService;
import io.flowlb.controller.topology.TopologyService;
import io.flowlb.loadbalancer.model.MacAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packet-in pseudo-interface: the controller host reaches the network, and the network
 * reaches the controller host, only through the switches.
 *
 * <p>Inbound: a packet processor at {@link PacketPriority#CONTROL_VIP} (a director, before the
 * load balancer and L2 forwarding; after host learning, so hosts talking to the controller are
 * learned) writes every PACKET_IN its {@link ControlVipMatcher} claims into the TAP and marks it
 * handled (a PACKET_IN the switch cut short is dropped and counted: the kernel would discard a
 * partial packet anyway). ARP for the control VIP is answered by the host's own kernel: the request goes into
 * the TAP, the reply comes out and is sent back. On each switch that connects, the
 * {@link ControlVipFlows} make the switch send the control VIP's traffic to the controller.
 *
 * <p>Outbound: the TAP's reader thread hands every frame the kernel sends to {@link Outbound},
 * which sends it as PACKET_OUT where its destination was learned, or floods it on edge ports.
 *
 * <p>Life cycle: {@link #launch} decides from the configuration and the process's privileges
 * whether to run at all; {@link #start} registers and starts reading; {@link #close} removes the
 * flows from connected switches, unregisters, and removes the TAP device.
 *
 * <p>Thread safety: {@link #process} and the switch callbacks run on the event thread; the TAP's
 * reader thread runs {@link Outbound}; {@link #close} may be called from any thread, once or more.
 */
public final class PseudoInterface implements PacketProcessor, SwitchListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PseudoInterface.class);

    private final PseudoConfig config;
    private final TapPort tap;
    private final SwitchService switches;
    private final PacketService packets;
    private final ControlVipMatcher matcher;
    private final Outbound outbound;
    private final PseudoStats stats = new PseudoStats();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean writeErrorLogged;
    private volatile boolean flowErrorLogged;

    /** Wires the pseudo-interface onto a TAP (tests pass a recording one); call {@link #start} next. */
    public PseudoInterface(PseudoConfig config, TapPort tap, SwitchService switches, PacketService packets,
            HostService hosts, TopologyService topology) {
        if (config.controlVip() == null) {
            throw new IllegalArgumentException("the pseudo-interface needs a control VIP (pseudo.controlVip)");
        }
        this.config = config;
        this.tap = tap;
        this.switches = switches;
        this.packets = packets;
        this.matcher = new ControlVipMatcher(config);
        this.outbound = new Outbound(switches, hosts, topology, stats);
    }

    /**
     * Creates the TAP device and starts the pseudo-interface when the configuration asks for it
     * and the process may create interfaces; otherwise logs one line saying why not and returns
     * null.
     *
     * @throws TapException when the device cannot be created (a name in use, say): a start-up
     *         error the operator must fix
     */
    public static PseudoInterface launch(PseudoConfig config, SwitchService switches, PacketService packets,
            HostService hosts, TopologyService topology) {
        if (!config.enabled()) {
            LOG.info("pseudo-interface off (pseudo.enabled is false)");
            return null;
        }
        if (config.controlVip() == null) {
            LOG.info("pseudo-interface off: no control VIP configured (pseudo.controlVip, or --control-vip)");
            return null;
        }
        String why = Privileges.missingNetAdmin();
        if (why != null) {
            LOG.warn("pseudo-interface off: creating TAP device {} for control VIP {} needs root or CAP_NET_ADMIN ({})",
                    config.interfaceName(), config.controlVip(), why);
            return null;
        }
        TapDevice tap = TapDevice.create(config.tapSettings());
        PseudoInterface p = new PseudoInterface(config, tap, switches, packets, hosts, topology);
        p.start();
        LOG.info("pseudo-interface {} holds control VIP {}{}: programs bound to it are reachable through the switches",
                config.interfaceName(), config.controlVip(),
                config.controlVip6() == null ? "" : " and " + config.controlVip6());
        return p;
    }

    /** Registers the processor and switch listener, installs the flows on connected switches, reads the TAP. */
    public void start() {
        packets.addProcessor(this, PacketPriority.CONTROL_VIP);
        switches.addListener(this);
        for (OfSwitch sw : switches.switches()) {
            installFlows(sw);
        }
        tap.startReading(outbound);
    }

    @Override
    public String name() {
        return "pseudo-interface";
    }

    public PseudoConfig config() {
        return config;
    }

    /** The TAP's MAC address. */
    public MacAddress mac() {
        return config.effectiveMac();
    }

    public String interfaceName() {
        return tap.name();
    }

    public PseudoStats stats() {
        return stats;
    }

    // ---------------------------------------------------------------- inbound (event thread)

    @Override
    public void process(PacketContext ctx) {
        int verdict = matcher.classify(ctx.view(), ctx.data());
        if (verdict == ControlVipMatcher.PASS) {
            return;
        }
        ctx.block();
        if (verdict == ControlVipMatcher.LOOPED) {
            stats.loopedFrames.increment();
            return;
        }
        byte[] frame = ctx.data();
        if (ctx.packetIn().getTotalLen() > frame.length) {
            stats.truncatedFrames.increment();
            return;
        }
        int errno = tap.write(frame, frame.length);
        if (errno != 0) {
            stats.tapWriteErrors.increment();
            if (!writeErrorLogged) {
                writeErrorLogged = true;
                LOG.warn("writing a frame for the control VIP into {} failed: {}; further failures are only counted",
                        tap.name(), Libc.strerror(errno));
            }
            return;
        }
        stats.inboundFrames.increment();
        stats.inboundBytes.add(frame.length);
    }

    // ---------------------------------------------------------------- switches (event thread)

    @Override
    public void switchConnected(OfSwitch sw) {
        installFlows(sw);
    }

    private void installFlows(OfSwitch sw) {
        var flows = ControlVipFlows.install(sw, config);
        if (flows.isEmpty()) {
            return;
        }
        switches.sendConfirmed(sw.dpid(), flows).whenComplete((ok, error) -> {
            if (error != null) {
                stats.flowErrors.increment();
                if (!flowErrorLogged) {
                    flowErrorLogged = true;
                    LOG.warn("{} rejected the control VIP flows ({}); traffic for {} may be forwarded instead of"
                            + " reaching the controller host", sw, error.toString(), config.controlVip());
                }
            }
        });
    }

    /** Removes the flows from connected switches, unregisters, and removes the TAP device. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        packets.removeProcessor(this);
        switches.removeListener(this);
        for (OfSwitch sw : switches.switches()) {
            var delete = ControlVipFlows.remove(sw);
            if (!delete.isEmpty()) {
                switches.send(sw.dpid(), delete);
            }
        }
        tap.close();
    }
}
