package io.flowlb.controller.openflow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFStatsType;
import org.projectfloodlight.openflow.protocol.OFType;

/**
 * The requests of one session waiting for their replies, by xid.
 *
 * <p>Three kinds of entries: a single reply (FEATURES, BARRIER, ECHO, GET_CONFIG, ROLE...), a
 * multipart reply (parts are collected until one arrives without REPLY_MORE), and a watched
 * message of a {@linkplain #watch confirmed batch} (no reply expected, but an ERROR with its xid
 * fails the batch). An ERROR carrying a pending xid completes that entry exceptionally with
 * {@link OfErrorException}; a reply of the wrong type with a pending xid is not consumed.
 *
 * <p>Thread safety: entries are registered from any thread (before the request is written, so a
 * fast reply always finds its entry); replies, timeouts and {@link #failAll} run on the session's
 * event loop. Each entry is completed at most once (it is removed from the map first).
 */
final class RequestTracker {
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    private volatile String switchName;

    RequestTracker(String switchName) {
        this.switchName = switchName;
    }

    /** Renames the switch in error messages (once its DPID is known). */
    void switchName(String name) {
        this.switchName = name;
    }

    /** Registers a request expecting one reply. */
    <R extends OFMessage> CompletableFuture<R> expectReply(OFMessage request) {
        CompletableFuture<R> f = new CompletableFuture<>();
        pending.put(request.getXid(), new Single(replyTypeOf(request.getType()), f));
        return f;
    }

    /** Registers a multipart request expecting one or more STATS_REPLY parts. */
    <R extends OFStatsReply> CompletableFuture<List<R>> expectMultipart(OFStatsRequest<R> request) {
        CompletableFuture<List<R>> f = new CompletableFuture<>();
        pending.put(request.getXid(), new Multi<>(request.getStatsType(), f));
        return f;
    }

    /** Registers the xids of a batch whose errors must fail {@code batch}. */
    void watch(List<? extends OFMessage> msgs, ConfirmedBatch batch) {
        for (OFMessage m : msgs) {
            pending.put(m.getXid(), new Watched(batch));
            batch.xids.add(m.getXid());
        }
    }

    /** Forgets the watched xids of a finished batch. */
    void unwatch(ConfirmedBatch batch) {
        for (long xid : batch.xids) {
            pending.remove(xid);
        }
    }

    /**
     * Offers an incoming message. Returns true when it answered a pending entry (the caller must
     * not process it further).
     */
    boolean onMessage(OFMessage msg) {
        Pending p = pending.get(msg.getXid());
        if (p == null) {
            return false;
        }
        if (msg instanceof OFErrorMsg err) {
            pending.remove(msg.getXid(), p);
            p.fail(new OfErrorException(switchName, err));
            return true;
        }
        if (!p.accepts(msg)) {
            return false;
        }
        if (p.offer(msg)) {
            pending.remove(msg.getXid(), p);
        }
        return true;
    }

    /** Fails the entry for {@code xid} with a timeout, if it is still pending. */
    void timeout(long xid, long afterMillis) {
        Pending p = pending.remove(xid);
        if (p != null) {
            p.fail(new TimeoutException("switch " + switchName + " did not answer xid " + xid + " within " + afterMillis
                    + " ms"));
        }
    }

    /** Fails the entry for {@code xid}, if it is still pending. */
    void fail(long xid, Throwable cause) {
        Pending p = pending.remove(xid);
        if (p != null) {
            p.fail(cause);
        }
    }

    /** Fails every pending entry (the session ended). */
    void failAll(Throwable cause) {
        for (Long xid : new ArrayList<>(pending.keySet())) {
            Pending p = pending.remove(xid);
            if (p != null) {
                p.fail(cause);
            }
        }
    }

    int size() {
        return pending.size();
    }

    static OFType replyTypeOf(OFType request) {
        return switch (request) {
            case FEATURES_REQUEST -> OFType.FEATURES_REPLY;
            case BARRIER_REQUEST -> OFType.BARRIER_REPLY;
            case ECHO_REQUEST -> OFType.ECHO_REPLY;
            case GET_CONFIG_REQUEST -> OFType.GET_CONFIG_REPLY;
            case ROLE_REQUEST -> OFType.ROLE_REPLY;
            case QUEUE_GET_CONFIG_REQUEST -> OFType.QUEUE_GET_CONFIG_REPLY;
            case GET_ASYNC_REQUEST -> OFType.GET_ASYNC_REPLY;
            case STATS_REQUEST -> OFType.STATS_REPLY;
            case EXPERIMENTER -> OFType.EXPERIMENTER;
            default -> throw new IllegalArgumentException(request + " is not a request with a reply");
        };
    }

    /** A batch sent with {@link SwitchService#sendConfirmed}: the first error of its messages, if any. */
    static final class ConfirmedBatch {
        final List<Long> xids = new ArrayList<>();
        volatile OfErrorException firstError;
    }

    private sealed interface Pending permits Single, Multi, Watched {
        boolean accepts(OFMessage msg);

        /** Takes a reply; true when the entry is complete. */
        boolean offer(OFMessage msg);

        void fail(Throwable t);
    }

    private record Single(OFType replyType, CompletableFuture<?> future) implements Pending {
        @Override
        public boolean accepts(OFMessage msg) {
            return msg.getType() == replyType;
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean offer(OFMessage msg) {
            ((CompletableFuture<OFMessage>) future).complete(msg);
            return true;
        }

        @Override
        public void fail(Throwable t) {
            future.completeExceptionally(t);
        }
    }

    private static final class Multi<R extends OFStatsReply> implements Pending {
        private final OFStatsType statsType;
        private final CompletableFuture<List<R>> future;
        private final List<R> parts = new ArrayList<>();

        Multi(OFStatsType statsType, CompletableFuture<List<R>> future) {
            this.statsType = statsType;
            this.future = future;
        }

        @Override
        public boolean accepts(OFMessage msg) {
            return msg instanceof OFStatsReply r && r.getStatsType() == statsType;
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean offer(OFMessage msg) {
            OFStatsReply r = (OFStatsReply) msg;
            parts.add((R) r);
            if (r.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
                return false;
            }
            future.complete(List.copyOf(parts));
            return true;
        }

        @Override
        public void fail(Throwable t) {
            future.completeExceptionally(t);
        }
    }

    private record Watched(ConfirmedBatch batch) implements Pending {
        @Override
        public boolean accepts(OFMessage msg) {
            return false;
        }

        @Override
        public boolean offer(OFMessage msg) {
            return false;
        }

        @Override
        public void fail(Throwable t) {
            if (batch.firstError == null && t instanceof OfErrorException e) {
                batch.firstError = e;
            }
        }
    }
}
