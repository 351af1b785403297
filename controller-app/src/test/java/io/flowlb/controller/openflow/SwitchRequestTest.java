package io.flowlb.controller.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.core.ManualEventScheduler;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFBsnGenericStatsReply;
import org.projectfloodlight.openflow.protocol.OFBsnGenericStatsRequest;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowModFailedCode;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.projectfloodlight.openflow.protocol.bsntlv.OFBsnTlvUint64List;

class SwitchRequestTest {
    private static final Dpid DPID = Dpid.of(0x42);
    private final ManualEventScheduler events = new ManualEventScheduler();
    private final SwitchManager manager = new SwitchManager(events, SessionConfig.defaults(), 2);

    private FakeSwitch connected(OFType... silent) {
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_13, DPID.value(), 1, 2).connect();
        for (OFType t : silent) {
            s.silentFor(t);
        }
        s.clearReceived();
        return s;
    }

    private OFFlowStatsReply flowStatsPart(FakeSwitch s, long xid, boolean more, int entries) {
        List<OFFlowStatsEntry> list = new java.util.ArrayList<>();
        for (int i = 0; i < entries; i++) {
            list.add(s.factory.buildFlowStatsEntry().setPriority(i).setTableId(TableId.of(0))
                    .setMatch(s.factory.matchWildcardAll()).build());
        }
        return s.factory.buildFlowStatsReply().setXid(xid)
                .setFlags(more ? EnumSet.of(OFStatsReplyFlags.REPLY_MORE) : EnumSet.noneOf(OFStatsReplyFlags.class))
                .setEntries(list).build();
    }

    @Test
    void multipartReplyCompletesOnlyWithTheLastPartAndHoldsEveryPart() throws Exception {
        FakeSwitch s = connected();
        CompletableFuture<List<OFFlowStatsReply>> f = manager.requestMultipart(DPID,
                s.factory.buildFlowStatsRequest().setMatch(s.factory.matchWildcardAll()).build());
        s.pump();
        long xid = s.received(OFFlowStatsRequest.class).get(0).getXid();

        s.send(flowStatsPart(s, xid, true, 2));
        assertThat(f).isNotDone();
        s.send(flowStatsPart(s, xid, false, 1));

        assertThat(f).isDone();
        assertThat(f.get()).hasSize(2);
        assertThat(f.get().get(0).getEntries().size() + f.get().get(1).getEntries().size()).isEqualTo(3);
    }

    @Test
    void bsnGenericStatsArriveInPartsAndCompleteWithEveryEntryDecoded() throws Exception {
        FakeSwitch s = connected();
        CompletableFuture<List<OFBsnGenericStatsReply>> f = manager.requestMultipart(DPID,
                s.factory.buildBsnGenericStatsRequest().setName("flowlb.select_connections").build());
        s.pump();
        OFBsnGenericStatsRequest req = s.received(OFBsnGenericStatsRequest.class).get(0);
        assertThat(req.getName()).isEqualTo("flowlb.select_connections");

        s.send(bsnPart(s, req.getXid(), true, 7, 1, 2, 3));
        assertThat(f).isNotDone();
        s.send(bsnPart(s, req.getXid(), false, 9, 1, 4, 5));

        assertThat(f.get()).hasSize(2);
        OFBsnTlvUint64List last = (OFBsnTlvUint64List) f.get().get(1).getEntries().get(0).getTlvs().get(0);
        assertThat(last.getValue()).containsExactly(U64.of(9), U64.of(1), U64.of(4), U64.of(5));
    }

    private static OFBsnGenericStatsReply bsnPart(FakeSwitch s, long xid, boolean more, long... values) {
        List<U64> list = new java.util.ArrayList<>();
        for (long v : values) {
            list.add(U64.of(v));
        }
        return s.factory.buildBsnGenericStatsReply().setXid(xid)
                .setFlags(more ? EnumSet.of(OFStatsReplyFlags.REPLY_MORE) : EnumSet.noneOf(OFStatsReplyFlags.class))
                .setEntries(List.of(s.factory.buildBsnGenericStatsEntry().setTlvs(List.of(
                        s.factory.bsnTlvs().buildUint64List().setValue(list).build())).build())).build();
    }

    @Test
    void errorReplyCompletesTheRequestExceptionallyWithTypeAndCode() {
        FakeSwitch s = connected();
        CompletableFuture<List<OFDescStatsReply>> f = manager.requestMultipart(DPID,
                s.factory.buildDescStatsRequest().build());
        s.pump();
        long xid = s.received(OFDescStatsRequest.class).get(0).getXid();
        s.send(s.factory.errorMsgs().buildBadRequestErrorMsg().setXid(xid)
                .setCode(org.projectfloodlight.openflow.protocol.OFBadRequestCode.BAD_STAT).build());

        assertThat(f).isCompletedExceptionally();
        Throwable cause = catchCause(f);
        assertThat(cause).isInstanceOf(OfErrorException.class);
        OfErrorException e = (OfErrorException) cause;
        assertThat(e.wireType()).isEqualTo(1);
        assertThat(e.wireCode()).isEqualTo(2);
        assertThat(manager.stats().unsolicitedErrors.sum()).isZero();
    }

    @Test
    void unansweredRequestTimesOut() {
        FakeSwitch s = connected(OFType.BARRIER_REQUEST);
        CompletableFuture<Void> f = manager.barrier(DPID);
        s.advance(SessionConfig.defaults().requestTimeoutMillis() - 1);
        assertThat(f).isNotDone();
        s.advance(2);

        assertThat(catchCause(f)).isInstanceOf(TimeoutException.class);
    }

    @Test
    void disconnectFailsPendingRequests() {
        FakeSwitch s = connected(OFType.BARRIER_REQUEST);
        CompletableFuture<Void> f = manager.barrier(DPID);
        s.disconnect();

        assertThat(catchCause(f)).isInstanceOf(SwitchNotConnectedException.class);
        assertThat(catchCause(manager.barrier(DPID))).isInstanceOf(SwitchNotConnectedException.class);
    }

    @Test
    void barrierCompletesWhenTheSwitchAnswers() {
        FakeSwitch s = connected();
        CompletableFuture<Void> f = manager.barrier(DPID);
        s.pump();

        assertThat(f).isCompleted();
        assertThat(s.received(OFBarrierRequest.class)).hasSize(1);
    }

    @Test
    void confirmedBatchFailsWhenTheSwitchRejectsOneOfItsMessages() {
        FakeSwitch s = connected(OFType.BARRIER_REQUEST);
        OFFlowAdd good = s.factory.buildFlowAdd().setMatch(s.factory.matchWildcardAll()).setPriority(5).build();
        OFFlowAdd bad = s.factory.buildFlowAdd().setMatch(s.factory.matchWildcardAll()).setPriority(6).build();
        CompletableFuture<Void> f = manager.sendConfirmed(DPID, List.of(good, bad));
        s.pump();
        List<OFFlowAdd> sent = s.received(OFFlowAdd.class);
        assertThat(sent).hasSize(2);
        s.send(s.factory.errorMsgs().buildFlowModFailedErrorMsg().setXid(sent.get(1).getXid())
                .setCode(OFFlowModFailedCode.TABLE_FULL).build());
        assertThat(f).isNotDone();
        s.send(s.factory.buildBarrierReply().setXid(s.received(OFBarrierRequest.class).get(0).getXid()).build());

        assertThat(catchCause(f)).isInstanceOf(OfErrorException.class).hasMessageContaining("FLOW_MOD_FAILED");
    }

    @Test
    void confirmedBatchSucceedsWhenEverythingIsAccepted() {
        FakeSwitch s = connected();
        OFFlowAdd add = s.factory.buildFlowAdd().setMatch(s.factory.matchWildcardAll()).setPriority(5).build();
        CompletableFuture<Void> f = manager.sendConfirmed(DPID, List.of(add));
        s.pump();

        assertThat(f).isCompleted();
        assertThat(s.received(OFFlowAdd.class).get(0).getXid()).isNotZero();
    }

    @Test
    void messageInAnotherVersionIsRefusedBeforeItIsSent() {
        connected();
        OFMessage of10 = org.projectfloodlight.openflow.protocol.OFFactories.getFactory(OFVersion.OF_10)
                .buildBarrierRequest().build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> manager.send(DPID, of10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factory");
    }

    @Test
    void packetInsBeyondTheQueueLimitAreDroppedAndCounted() {
        ManualEventScheduler queued = new ManualEventScheduler();
        queued.hold(true);
        SwitchManager m = new SwitchManager(queued, SessionConfig.defaults(), 2);
        FakeSwitch s = new FakeSwitch(m, OFVersion.OF_13, 1, 1).connect();
        for (int i = 0; i < 5; i++) {
            s.send(s.factory.buildPacketIn().setBufferId(OFBufferId.NO_BUFFER).setReason(OFPacketInReason.NO_MATCH)
                    .setMatch(s.factory.buildMatch().setExact(org.projectfloodlight.openflow.protocol.match.MatchField.IN_PORT,
                            OFPort.of(1)).build()).setData(new byte[60]).build());
        }
        assertThat(m.stats().packetInsReceived.sum()).isEqualTo(5);
        assertThat(m.stats().packetInsDropped.sum()).isEqualTo(3);
        List<OFMessage> delivered = new java.util.ArrayList<>();
        m.addMessageListener((sw, msg) -> delivered.add(msg));
        queued.runQueued();
        assertThat(delivered).hasSize(2);
    }

    private static Throwable catchCause(CompletableFuture<?> f) {
        assertThat(f).isDone();
        try {
            f.get();
            throw new AssertionError("completed normally");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
