package io.flowlb.controller.packet;

import io.flowlb.controller.core.EventScheduler;
import io.flowlb.controller.core.FaultLog;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfMessageListener;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.openflow.SwitchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PacketService}: takes every PACKET_IN from the {@link SwitchService}, parses its
 * frame once, and runs the processors in priority order.
 *
 * <p>Design (after ONOS's packet manager): processors sit in priority bands; a processor marks a
 * packet handled by sending or blocking it, after which only observers see it. A processor that
 * throws is caught, counted, logged once per processor and exception class, and skipped; the
 * next processor runs as if nothing happened. Flooding asks the {@link FloodScope} (the
 * topology's spanning tree) which ports are safe.
 *
 * <p>Thread safety: {@link #messageReceived} runs on the event thread (the switch manager
 * delivers there), so processors do too. The processor list is an immutable list replaced whole
 * (under a lock, published through a volatile field), so processors may be added or removed from
 * any thread; emitting is thread-safe.
 */
public final class PacketManager implements PacketService, OfMessageListener {
    private static final Logger LOG = LoggerFactory.getLogger(PacketManager.class);

    private final SwitchService switches;
    private final EventScheduler events;
    /** Replaced whole under {@link #lock}, so a dispatch always iterates one consistent list. */
    private volatile List<Entry> processors = List.of();
    private final Object lock = new Object();
    private final AtomicLong order = new AtomicLong();
    private final FaultLog faults = new FaultLog(LOG, "packet processor");
    private final LongAdder packets = new LongAdder();
    private final LongAdder unhandled = new LongAdder();
    private volatile FloodScope floodScope = FloodScope.ALL_PORTS;

    public PacketManager(SwitchService switches, EventScheduler events) {
        this.switches = switches;
        this.events = events;
        switches.addMessageListener(this);
    }

    /** Sets who decides the safe flood ports (the topology service, once it exists). */
    public void floodScope(FloodScope scope) {
        this.floodScope = scope;
    }

    /** PACKET_INs processed. */
    public long packets() {
        return packets.sum();
    }

    /** PACKET_INs no processor handled. */
    public long unhandled() {
        return unhandled.sum();
    }

    // ---------------------------------------------------------------- processors

    @Override
    public void addProcessor(PacketProcessor processor, int priority) {
        synchronized (lock) {
            List<Entry> next = new ArrayList<>(processors);
            next.add(new Entry(processor, priority, order.incrementAndGet()));
            next.sort((a, b) -> a.priority != b.priority ? Integer.compare(b.priority, a.priority)
                    : Long.compare(a.order, b.order));
            processors = List.copyOf(next);
        }
    }

    @Override
    public void removeProcessor(PacketProcessor processor) {
        synchronized (lock) {
            List<Entry> next = new ArrayList<>(processors);
            next.removeIf(e -> e.processor == processor);
            processors = List.copyOf(next);
        }
    }

    @Override
    public List<ProcessorInfo> processors() {
        List<ProcessorInfo> out = new ArrayList<>();
        for (Entry e : processors) {
            out.add(new ProcessorInfo(e.processor.name(), e.priority, PacketPriority.bandOf(e.priority),
                    e.failures.sum()));
        }
        return out;
    }

    @Override
    public void messageReceived(OfSwitch sw, OFMessage msg) {
        if (msg instanceof OFPacketIn pi) {
            process(sw, pi);
        }
    }

    private void process(OfSwitch sw, OFPacketIn pi) {
        packets.increment();
        PacketContext ctx = new PacketContext(this, sw, pi, OfPackets.inPort(pi), events.nowMillis());
        for (Entry e : processors) {
            if (ctx.isHandled() && !PacketPriority.isObserver(e.priority)) {
                continue;
            }
            try {
                e.processor.process(ctx);
            } catch (RuntimeException ex) {
                e.failures.increment();
                faults.record(e.processor.name(), ex);
            }
        }
        if (!ctx.isHandled()) {
            unhandled.increment();
        }
    }

    // ---------------------------------------------------------------- emitting

    void packetOut(OfSwitch sw, OFPacketIn pi, List<OFAction> actions) {
        switches.send(sw.dpid(), OfPackets.packetOut(sw.factory(), pi, actions));
    }

    void packetOut(OfSwitch sw, OFPacketIn pi, PortNo inPort, PortNo outPort) {
        switches.send(sw.dpid(), OfPackets.packetOut(sw.version(), pi, inPort, outPort));
    }

    void flood(OfSwitch sw, OFPacketIn pi, PortNo inPort) {
        List<PortNo> ports = floodScope.floodPorts(sw, inPort);
        if (ports == null) {
            packetOut(sw, pi, inPort, PortNo.FLOOD);
        } else if (!ports.isEmpty()) {
            packetOut(sw, pi, OfPackets.outputs(sw.factory(), ports));
        }
    }

    @Override
    public boolean emit(Dpid dpid, PortNo outPort, byte[] frame) {
        OfSwitch sw = switches.getSwitch(dpid);
        return sw != null && switches.send(dpid, OfPackets.packetOut(sw.factory(), PortNo.CONTROLLER,
                List.of(OfPackets.output(sw.factory(), outPort)), frame));
    }

    @Override
    public boolean emitToTable(Dpid dpid, PortNo inPort, byte[] frame) {
        OfSwitch sw = switches.getSwitch(dpid);
        return sw != null && switches.send(dpid, OfPackets.packetOut(sw.factory(), inPort,
                List.of(OfPackets.output(sw.factory(), PortNo.TABLE)), frame));
    }

    @Override
    public boolean flood(Dpid dpid, PortNo inPort, byte[] frame) {
        OfSwitch sw = switches.getSwitch(dpid);
        if (sw == null) {
            return false;
        }
        List<PortNo> ports = floodScope.floodPorts(sw, inPort);
        List<OFAction> actions = ports == null ? List.of(OfPackets.output(sw.factory(), PortNo.FLOOD))
                : OfPackets.outputs(sw.factory(), ports);
        return actions.isEmpty() || switches.send(dpid, OfPackets.packetOut(sw.factory(), inPort, actions, frame));
    }

    private static final class Entry {
        final PacketProcessor processor;
        final int priority;
        final long order;
        final LongAdder failures = new LongAdder();

        Entry(PacketProcessor processor, int priority, long order) {
            this.processor = processor;
            this.priority = priority;
            this.order = order;
        }
    }
}
