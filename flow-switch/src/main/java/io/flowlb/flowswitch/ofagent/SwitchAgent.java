package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.datapath.DatapathControl;
import io.flowlb.flowswitch.datapath.DatapathListener;
import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.FlowRemoved;
import io.flowlb.flowswitch.datapath.spec.PacketIn;
import io.flowlb.flowswitch.datapath.spec.PacketInReason;
import io.flowlb.flowswitch.datapath.spec.PortDesc;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import io.flowlb.flowswitch.datapath.spec.PortStatusReason;
import io.flowlb.openflow.OfErrors;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFAsyncSet;
import org.projectfloodlight.openflow.protocol.OFCapabilities;
import org.projectfloodlight.openflow.protocol.OFConfigFlags;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFGroupMod;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFPortMod;
import org.projectfloodlight.openflow.protocol.OFQueueGetConfigRequest;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFSetConfig;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.ver13.OFConfigFlagsSerializerVer13;
import org.projectfloodlight.openflow.protocol.ver13.OFPortConfigSerializerVer13;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenFlow side of the switch: answers every session's requests from the datapath, turns
 * the datapath's events into PACKET_IN, FLOW_REMOVED and PORT_STATUS for the sessions that want
 * them, keeps the controller roles, and tells the fail-mode policy when controllers come and go.
 *
 * <p>Requests are applied in arrival order. FLOW_MODs and GROUP_MODs are staged: each changes
 * the datapath's control state at once (so its error, if any, is final), and the changes are
 * published together (one new snapshot for a whole batch) when the session's socket has been
 * read dry (a little later when publishing is dear: see {@link #readComplete}), before any
 * other request is handled (BARRIER_REQUEST, PACKET_OUT, statistics...),
 * and before an error reply is sent. So a BARRIER_REPLY, a reply or an error always follows
 * the publication of every modification that came before it, and a PACKET_OUT with
 * output:TABLE sees the flows added before it.
 *
 * <p>Thread safety: agent thread only. Sessions and datapath events all reach it there (one
 * event loop thread runs every OpenFlow channel and the datapath housekeeping), so it is the
 * single writer of the datapath's control state.
 */
public final class SwitchAgent implements SessionHandler, DatapathListener {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchAgent.class);
    private static final int NO_BUFFER_LEN = 0xffff;
    /** A deferral this short is not worth it: publish at once. */
    private static final long IMMEDIATE_COMMIT_NANOS = 100_000;
    private static final long DEFER_FACTOR = 8;
    private static final long MAX_DEFER_NANOS = 4_000_000;

    private final DatapathControl datapath;
    private final SwitchIdentity identity;
    private final FailModePolicy failMode;
    private final MultipartHandler multipart;
    private final GenericStatsHandler genericStats;
    private final List<OfSession> sessions = new ArrayList<>();
    private boolean generationKnown;
    private long generationId;
    private int controllers;
    private long asyncDropped;
    private long packetInsFromDatapath;
    private long packetInsSent;
    private Scheduler scheduler;
    private boolean commitScheduled;
    private final Runnable scheduledCommit = this::scheduledCommit;

    public SwitchAgent(DatapathControl datapath, SwitchIdentity identity, FailModePolicy failMode) {
        this(datapath, identity, failMode, new ProblemLog());
    }

    /** @param problems where refused requests that need a count and a log line are reported */
    public SwitchAgent(DatapathControl datapath, SwitchIdentity identity, FailModePolicy failMode,
            ProblemLog problems) {
        this.datapath = datapath;
        this.identity = identity;
        this.failMode = failMode;
        this.genericStats = new GenericStatsHandler(datapath, problems);
        this.multipart = new MultipartHandler(datapath, identity, genericStats);
    }

    /**
     * Where the connection-table walks of BSN generic statistics run, and their replies are sent
     * from (default: on the agent thread). Call before the sessions start.
     */
    public void setStatsExecutor(java.util.concurrent.Executor scans) {
        genericStats.setExecutor(scans);
    }

    /** Tells the fail-mode policy the starting state (no controller yet); run on the agent thread. */
    public void start() {
        failMode.controllersChanged(controllers);
    }

    /** Connected controllers (active sessions that finished the handshake). */
    public int connectedControllers() {
        return controllers;
    }

    /** Asynchronous messages dropped because a peer was not reading. */
    public long asyncDropped() {
        return asyncDropped;
    }

    /** Packet-ins the datapath handed over. */
    public long packetInsFromDatapath() {
        return packetInsFromDatapath;
    }

    /** PACKET_IN messages sent to sessions. */
    public long packetInsSent() {
        return packetInsSent;
    }

    @Override
    public void sessionUp(OfSession s) {
        sessions.add(s);
        if (s.kind() == OfSession.Kind.CONTROLLER) {
            LOG.info("controller {} connected (OpenFlow {})", s.peerName(), OfSession.versionName(s.version()));
            controllers++;
            failMode.controllersChanged(controllers);
        } else {
            LOG.debug("tool session {} up (OpenFlow {})", s.peerName(), s.version());
        }
    }

    @Override
    public void sessionDown(OfSession s) {
        sessions.remove(s);
        if (s.kind() == OfSession.Kind.CONTROLLER) {
            LOG.info("controller {} disconnected", s.peerName());
            controllers--;
            failMode.controllersChanged(controllers);
        }
    }

    @Override
    public void handle(OfSession s, OFMessage m) {
        try {
            dispatch(s, m);
        } catch (OfRefusal r) {
            datapath.commit();
            s.send(r.error().toMessage(s.version(), m.getXid(), OfErrors.head(m)));
        }
    }

    /**
     * The session's socket was read dry: publish the modifications staged so far, at once when
     * publishing is cheap, else after {@link #DEFER_FACTOR} times what the last publication took
     * (at most {@link #MAX_DEFER_NANOS}; more FLOW_MODs arrive meanwhile and share it), so
     * publishing takes about a tenth of this thread while a controller streams modifications
     * into a big table. A request that needs them in force (barrier, packet-out, statistics) or
     * an error reply publishes them at once anyway.
     */
    @Override
    public void readComplete(OfSession s) {
        long delay = Math.min(MAX_DEFER_NANOS, DEFER_FACTOR * datapath.publishCostNanos());
        if (commitScheduled) {
            return;
        }
        if (delay < IMMEDIATE_COMMIT_NANOS || scheduler == null) {
            datapath.commit();
            return;
        }
        commitScheduled = true;
        scheduler.schedule(scheduledCommit, delay);
    }

    private void scheduledCommit() {
        commitScheduled = false;
        datapath.commit();
    }

    /** Lets {@link #readComplete} defer a publication on the agent thread (null: never defer). */
    public void setScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs a task on the agent thread after a delay. */
    public interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    private void dispatch(OfSession s, OFMessage m) {
        OFType type = m.getType();
        if (s.role() == OFControllerRole.ROLE_SLAVE && isWrite(type)) {
            throw OfError.BAD_REQUEST_IS_SLAVE.refusal(type + " from a slave");
        }
        if (type != OFType.FLOW_MOD && type != OFType.GROUP_MOD) {
            datapath.commit();
        }
        switch (type) {
            case HELLO, ECHO_REPLY -> {
            }
            case FEATURES_REQUEST -> s.send(featuresReply(s, m.getXid()));
            case GET_CONFIG_REQUEST -> s.send(s.factory().buildGetConfigReply().setXid(m.getXid())
                    .setFlags(OFConfigFlagsSerializerVer13.ofWireValue((short) s.configFlags()))
                    .setMissSendLen(s.missSendLen())
                    .build());
            case SET_CONFIG -> {
                OFSetConfig c = (OFSetConfig) m;
                s.config(OFConfigFlagsSerializerVer13.toWireValue(c.getFlags()), c.getMissSendLen());
            }
            case BARRIER_REQUEST -> s.send(s.factory().buildBarrierReply().setXid(m.getXid()).build());
            case FLOW_MOD -> check(datapath.stageFlowMod(FlowCodec.decode((OFFlowMod) m)));
            case GROUP_MOD -> {
                GroupCodec.GroupMod g = GroupCodec.decode((OFGroupMod) m);
                check(datapath.stageGroupMod(g.command(), g.spec()));
            }
            case PORT_MOD -> {
                OFPortMod p = (OFPortMod) m;
                check(datapath.portMod(p.getPortNo().getPortNumber(),
                        OFPortConfigSerializerVer13.toWireValue(p.getConfig()),
                        OFPortConfigSerializerVer13.toWireValue(p.getMask())));
            }
            case PACKET_OUT -> packetOut((OFPacketOut) m);
            case STATS_REQUEST -> multipart.handle(s, (OFStatsRequest<?>) m);
            case ROLE_REQUEST -> roleRequest(s, (OFRoleRequest) m);
            case GET_ASYNC_REQUEST -> s.send(s.async().reply(s.factory(), m.getXid()));
            case SET_ASYNC -> s.async().set((OFAsyncSet) m);
            case QUEUE_GET_CONFIG_REQUEST -> s.send(s.factory().buildQueueGetConfigReply().setXid(m.getXid())
                    .setPort(((OFQueueGetConfigRequest) m).getPort())
                    .setQueues(List.of())
                    .build());
            case TABLE_MOD -> {
                // OpenFlow 1.3 deprecates every table config bit: accepted, nothing to change.
            }
            case METER_MOD -> throw OfError.METER_MOD_FAILED_OUT_OF_METERS.refusal("flow-switch has no meters");
            case EXPERIMENTER -> throw OfError.BAD_REQUEST_BAD_EXPERIMENTER.refusal("experimenter messages");
            default -> throw OfError.BAD_REQUEST_BAD_TYPE.refusal(type + " is not a request a switch handles");
        }
    }

    private OFFeaturesReply featuresReply(OfSession s, long xid) {
        return s.factory().buildFeaturesReply().setXid(xid)
                .setDatapathId(DatapathId.of(identity.dpid()))
                .setNBuffers(0)
                .setNTables((short) datapath.tableCount())
                .setCapabilities(EnumSet.of(OFCapabilities.FLOW_STATS, OFCapabilities.TABLE_STATS,
                        OFCapabilities.PORT_STATS, OFCapabilities.GROUP_STATS))
                .build();
    }

    private static boolean isWrite(OFType type) {
        return switch (type) {
            case FLOW_MOD, GROUP_MOD, PORT_MOD, TABLE_MOD, METER_MOD, PACKET_OUT -> true;
            default -> false;
        };
    }

    private static void check(DatapathError e) {
        if (e.isError()) {
            throw OfError.of(e).refusal(e.name());
        }
    }

    private void packetOut(OFPacketOut p) {
        if (!p.getBufferId().equals(OFBufferId.NO_BUFFER)) {
            throw OfError.BAD_REQUEST_BUFFER_UNKNOWN.refusal("buffer " + p.getBufferId() + ": flow-switch has no buffers");
        }
        check(datapath.packetOut(p.getInPort().getPortNumber(), ActionCodec.decodeActions(p.getActions()),
                p.getData()));
    }

    private void roleRequest(OfSession s, OFRoleRequest r) {
        OFControllerRole role = r.getRole();
        if (role == OFControllerRole.ROLE_MASTER || role == OFControllerRole.ROLE_SLAVE) {
            long gen = r.getGenerationId().getValue();
            if (generationKnown && gen - generationId < 0) {
                throw OfError.ROLE_REQUEST_FAILED_STALE.refusal("generation " + Long.toUnsignedString(gen)
                        + " is older than " + Long.toUnsignedString(generationId));
            }
            generationKnown = true;
            generationId = gen;
        }
        if (role == OFControllerRole.ROLE_MASTER) {
            for (OfSession other : sessions) {
                if (other != s && other.role() == OFControllerRole.ROLE_MASTER) {
                    other.role(OFControllerRole.ROLE_SLAVE);
                }
            }
        }
        if (role != OFControllerRole.ROLE_NOCHANGE) {
            if (role != s.role()) {
                LOG.info("{} is now {}", s.peerName(), role);
            }
            s.role(role);
        }
        s.send(s.factory().buildRoleReply().setXid(r.getXid())
                .setRole(s.role())
                .setGenerationId(U64.of(generationKnown ? generationId : 0))
                .build());
    }

    @Override
    public void onPacketIn(PacketIn p) {
        packetInsFromDatapath++;
        int reason = p.reason().ofReason();
        for (OfSession s : sessions) {
            if (!s.async().wantsPacketIn(s.role(), reason)) {
                continue;
            }
            int max = NO_BUFFER_LEN;
            if (p.reason() == PacketInReason.NO_MATCH) {
                if (s.missSendLen() == 0 && s.kind() == OfSession.Kind.SERVICE) {
                    continue;
                }
                max = s.missSendLen();
            }
            if (offer(s, FlowCodec.encode(p, s.factory(), max == NO_BUFFER_LEN ? Integer.MAX_VALUE : max))) {
                packetInsSent++;
            }
        }
        if (controllers == 0) {
            failMode.onPacketInWithoutController(p);
        }
    }

    @Override
    public void onFlowRemoved(FlowRemoved r) {
        int reason = r.reason().ofReason();
        for (OfSession s : sessions) {
            if (s.async().wantsFlowRemoved(s.role(), reason)) {
                offer(s, FlowCodec.encode(r, s.factory()));
            }
        }
    }

    @Override
    public void onPortStatus(PortStatusReason reason, PortDesc port) {
        LOG.info("port {} ({}) {}: {}", PortNumbers.describe(port.portNo()), port.name(),
                reason.name().toLowerCase(), port.isLive() ? "up" : "down");
        for (OfSession s : sessions) {
            if (s.async().wantsPortStatus(s.role(), reason.ordinal())) {
                offer(s, PortCodec.encode(reason, port, s.factory()));
            }
        }
    }

    private boolean offer(OfSession s, OFMessage m) {
        if (s.offer(m)) {
            return true;
        }
        asyncDropped++;
        return false;
    }
}
