package io.flowlb.controller.openflow;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFRequest;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;

/**
 * A {@link SwitchService} that knows no switch and sends nothing: a base for test doubles that
 * override only what they need.
 */
public class SwitchServiceAdapter implements SwitchService {

    @Override
    public Collection<OfSwitch> switches() {
        return List.of();
    }

    @Override
    public OfSwitch getSwitch(Dpid dpid) {
        return null;
    }

    @Override
    public boolean send(Dpid dpid, OFMessage msg) {
        return false;
    }

    @Override
    public boolean send(Dpid dpid, List<? extends OFMessage> msgs) {
        return false;
    }

    @Override
    public <R extends OFMessage> CompletableFuture<R> request(Dpid dpid, OFRequest<R> request) {
        return CompletableFuture.failedFuture(new SwitchNotConnectedException(dpid, "is not connected"));
    }

    @Override
    public <R extends OFStatsReply> CompletableFuture<List<R>> requestMultipart(Dpid dpid, OFStatsRequest<R> request) {
        return CompletableFuture.failedFuture(new SwitchNotConnectedException(dpid, "is not connected"));
    }

    @Override
    public CompletableFuture<Void> barrier(Dpid dpid) {
        return CompletableFuture.failedFuture(new SwitchNotConnectedException(dpid, "is not connected"));
    }

    @Override
    public CompletableFuture<Void> sendConfirmed(Dpid dpid, List<? extends OFMessage> msgs) {
        return CompletableFuture.failedFuture(new SwitchNotConnectedException(dpid, "is not connected"));
    }

    @Override
    public void addListener(SwitchListener listener) {
    }

    @Override
    public void removeListener(SwitchListener listener) {
    }

    @Override
    public void addMessageListener(OfMessageListener listener) {
    }

    @Override
    public void removeMessageListener(OfMessageListener listener) {
    }
}
