package io.flowlb.controller.openflow;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.projectfloodlight.openflow.protocol.OFType;

/**
 * Counters of the OpenFlow layer, for logs, tests and the metrics endpoint. Bad input is counted
 * here and logged once per kind by the session; never per message.
 *
 * <p>Thread safety: all counters may be incremented and read from any thread.
 */
public final class OpenFlowStats {
    public final LongAdder sessionsOpened = new LongAdder();
    public final LongAdder switchesConnected = new LongAdder();
    public final LongAdder handshakeFailures = new LongAdder();
    public final LongAdder sessionsClosedOnError = new LongAdder();
    public final LongAdder malformedMessages = new LongAdder();
    public final LongAdder unsupportedMessages = new LongAdder();
    public final LongAdder unsolicitedErrors = new LongAdder();
    public final LongAdder packetInsReceived = new LongAdder();
    public final LongAdder packetInsDropped = new LongAdder();
    /** Of the dropped PACKET_INs, those of a switch that was not reading the controller's messages. */
    public final LongAdder packetInsDroppedUnread = new LongAdder();
    private final LongAdder[] received = adders();
    private final LongAdder[] sent = adders();

    private static LongAdder[] adders() {
        LongAdder[] a = new LongAdder[OFType.values().length];
        for (int i = 0; i < a.length; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    void received(OFType type) {
        received[type.ordinal()].increment();
    }

    void sent(OFType type) {
        sent[type.ordinal()].increment();
    }

    /**
     * OpenFlow messages since start by direction and type, as {@code in/packet_in} or
     * {@code out/flow_mod}; types never seen are left out.
     */
    public Map<String, Long> messages() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String dir : new String[] {"in", "out"}) {
            LongAdder[] counts = dir.equals("in") ? received : sent;
            for (OFType t : OFType.values()) {
                long n = counts[t.ordinal()].sum();
                if (n > 0) {
                    m.put(dir + "/" + t.name().toLowerCase(Locale.ROOT), n);
                }
            }
        }
        return m;
    }

    /** Name to value, in a stable order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("sessions_opened", sessionsOpened.sum());
        m.put("switches_connected", switchesConnected.sum());
        m.put("handshake_failures", handshakeFailures.sum());
        m.put("sessions_closed_on_error", sessionsClosedOnError.sum());
        m.put("malformed_messages", malformedMessages.sum());
        m.put("unsupported_messages", unsupportedMessages.sum());
        m.put("unsolicited_errors", unsolicitedErrors.sum());
        m.put("packet_ins_received", packetInsReceived.sum());
        m.put("packet_ins_dropped", packetInsDropped.sum());
        m.put("packet_ins_dropped_unread", packetInsDroppedUnread.sum());
        return m;
    }
}
