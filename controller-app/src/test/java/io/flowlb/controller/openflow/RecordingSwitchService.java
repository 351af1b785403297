package io.flowlb.controller.openflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.MacAddress;

/**
 * A {@link SwitchService} double for application tests: switches are declared by the test, and
 * everything sent is recorded per switch (barriers and confirmed batches succeed at once).
 * Listeners are kept so the test can fire switch events.
 */
public class RecordingSwitchService extends SwitchServiceAdapter {
    private final Map<Dpid, OfSwitch> switches = new LinkedHashMap<>();
    private final List<Sent> sent = new ArrayList<>();
    public final List<SwitchListener> listeners = new ArrayList<>();
    public final List<OfMessageListener> messageListeners = new ArrayList<>();

    /** A sent message and the switch it went to. */
    public record Sent(Dpid dpid, OFMessage msg) {
    }

    /** Declares a connected switch with up ports 1..{@code ports}. */
    public OfSwitch addSwitch(long dpid, OFVersion version, int ports) {
        Map<PortNo, PortDesc> map = new LinkedHashMap<>();
        for (int p = 1; p <= ports; p++) {
            map.put(PortNo.of(p), new PortDesc(PortNo.of(p), "s" + dpid + "-eth" + p,
                    MacAddress.of(0x0200_0000_0000L | (dpid & 0xff) << 8 | p), true, true, false, 10_000_000));
        }
        OfSwitch sw = new OfSwitch(Dpid.of(dpid), version, dpid, 0, 1, EnumSet.noneOf(
                org.projectfloodlight.openflow.protocol.OFCapabilities.class), map, "test", 0);
        switches.put(sw.dpid(), sw);
        return sw;
    }

    public void put(OfSwitch sw) {
        switches.put(sw.dpid(), sw);
    }

    public void remove(Dpid dpid) {
        switches.remove(dpid);
    }

    public List<Sent> sent() {
        return sent;
    }

    /** The messages of one type sent to one switch. */
    @SuppressWarnings("unchecked")
    public <T extends OFMessage> List<T> sent(Dpid dpid, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Sent s : sent) {
            if (s.dpid.equals(dpid) && type.isInstance(s.msg)) {
                out.add((T) s.msg);
            }
        }
        return out;
    }

    public void clearSent() {
        sent.clear();
    }

    @Override
    public Collection<OfSwitch> switches() {
        return List.copyOf(switches.values());
    }

    @Override
    public OfSwitch getSwitch(Dpid dpid) {
        return switches.get(dpid);
    }

    @Override
    public boolean send(Dpid dpid, OFMessage msg) {
        if (!switches.containsKey(dpid)) {
            return false;
        }
        sent.add(new Sent(dpid, msg));
        return true;
    }

    @Override
    public boolean send(Dpid dpid, List<? extends OFMessage> msgs) {
        if (!switches.containsKey(dpid)) {
            return false;
        }
        for (OFMessage m : msgs) {
            sent.add(new Sent(dpid, m));
        }
        return true;
    }

    @Override
    public CompletableFuture<Void> barrier(Dpid dpid) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> sendConfirmed(Dpid dpid, List<? extends OFMessage> msgs) {
        send(dpid, msgs);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void addListener(SwitchListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(SwitchListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void addMessageListener(OfMessageListener listener) {
        messageListeners.add(listener);
    }

    @Override
    public void removeMessageListener(OfMessageListener listener) {
        messageListeners.remove(listener);
    }

    /** Delivers a message from a switch to the message listeners, as the manager would. */
    public void receive(Dpid dpid, OFMessage msg) {
        OfSwitch sw = switches.get(dpid);
        for (OfMessageListener l : List.copyOf(messageListeners)) {
            l.messageReceived(sw, msg);
        }
    }

    public void fireConnected(Dpid dpid) {
        for (SwitchListener l : List.copyOf(listeners)) {
            l.switchConnected(switches.get(dpid));
        }
    }

    public void fireDisconnected(Dpid dpid) {
        OfSwitch sw = switches.remove(dpid);
        for (SwitchListener l : List.copyOf(listeners)) {
            l.switchDisconnected(sw);
        }
    }

    public void firePortChanged(Dpid dpid, PortDesc port, PortChange change) {
        OfSwitch before = switches.get(dpid);
        PortDesc previous = before.port(port.number());
        OfSwitch after = change == PortChange.DELETED ? before.withoutPort(port.number()) : before.withPort(port);
        switches.put(dpid, after);
        for (SwitchListener l : List.copyOf(listeners)) {
            l.portChanged(after, port, previous, change);
        }
    }
}
