package io.flowlb.controller.openflow;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;

/**
 * The connected OpenFlow switches: inventory, sending, request/reply.
 *
 * <p>Messages are built with the switch's own factory ({@link OfSwitch#factory()}) so they are in
 * the negotiated version. A message whose xid is 0 gets a fresh xid from the session.
 *
 * <p>Futures complete on the switch's Netty event loop: a dependent stage that does real work
 * must use an {@code ...Async} variant with its own executor, and no code may block on a future
 * while running on an event loop. Every future completes: with the reply, exceptionally with
 * {@link OfErrorException} (the switch answered ERROR), {@link SwitchNotConnectedException}
 * (the session ended first) or {@link java.util.concurrent.TimeoutException}.
 *
 * <p>Thread safety: every method may be called from any thread.
 */
public interface SwitchService {

    /** The connected switches (a snapshot). */
    Collection<OfSwitch> switches();

    /** The switch with this DPID, or null when it is not connected. */
    OfSwitch getSwitch(Dpid dpid);

    default boolean isConnected(Dpid dpid) {
        return getSwitch(dpid) != null;
    }

    /** Sends one message; false when the switch is not connected. */
    boolean send(Dpid dpid, OFMessage msg);

    /** Sends messages in order with one flush; false when the switch is not connected. */
    boolean send(Dpid dpid, List<? extends OFMessage> msgs);

    /** Sends a request and completes with its single reply. */
    <R extends OFMessage> CompletableFuture<R> request(Dpid dpid, OFRequest<R> request);

    /** Sends a multipart (stats) request and completes with every part once the last has arrived. */
    <R extends OFStatsReply> CompletableFuture<List<R>> requestMultipart(Dpid dpid, OFStatsRequest<R> request);

    /** Completes when the switch has processed everything sent to it before. */
    CompletableFuture<Void> barrier(Dpid dpid);

    /**
     * Sends {@code msgs} followed by a barrier and completes when the barrier reply arrives, or
     * exceptionally with {@link OfErrorException} if the switch rejected any of the messages
     * (OpenFlow sends an error for a message before the reply to a later barrier).
     */
    CompletableFuture<Void> sendConfirmed(Dpid dpid, List<? extends OFMessage> msgs);

    void addListener(SwitchListener listener);

    void removeListener(SwitchListener listener);

    void addMessageListener(OfMessageListener listener);

    void removeMessageListener(OfMessageListener listener);
}
