package io.flowlb.controller.lb.sim;

import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.loadbalancer.packet.ArpReplies;
import io.flowlb.loadbalancer.packet.PacketView;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An end host of the simulated network: what it received, and (like a real host) an answer to
 * ARP requests for its own address.
 */
public final class SimHost {
    public final String name;
    public final long mac;
    public final int ip;
    ConnectPoint at;
    boolean answersArp = true;
    private final List<byte[]> received = new ArrayList<>();

    SimHost(String name, long mac, int ip, ConnectPoint at) {
        this.name = name;
        this.mac = mac;
        this.ip = ip;
        this.at = at;
    }

    public ConnectPoint at() {
        return at;
    }

    /** Frames received, LLDP left out. */
    public List<byte[]> received() {
        List<byte[]> out = new ArrayList<>();
        for (byte[] f : received) {
            if (SimFields.view(f).etherType() != 0x88cc) {
                out.add(f);
            }
        }
        return out;
    }

    /** Received frames parsed, LLDP left out. */
    public List<PacketView> views() {
        List<PacketView> out = new ArrayList<>();
        for (byte[] f : received()) {
            out.add(SimFields.view(f));
        }
        return out;
    }

    /** IP packets received (ARP and LLDP left out). */
    public List<PacketView> ipPackets() {
        List<PacketView> out = new ArrayList<>();
        for (PacketView v : views()) {
            if (v.ipVersion() != 0) {
                out.add(v);
            }
        }
        return out;
    }

    public void clear() {
        received.clear();
    }

    /** Stops answering ARP (a host that is down or ignores ARP for its address). */
    public void silent() {
        answersArp = false;
    }

    /** Takes a frame; returns the answer the host sends back, or null. */
    byte[] deliver(byte[] frame) {
        received.add(frame);
        PacketView v = SimFields.view(frame);
        if (answersArp && ArpReplies.isRequest(v) && v.arpTpa() == ip) {
            byte[] out = new byte[64];
            int n = ArpReplies.write(v, mac, MemorySegment.ofArray(out), 0);
            return n > 0 ? Arrays.copyOf(out, n) : null;
        }
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
