package io.flowlb.controller.openflow;

import io.flowlb.openflow.OfVersions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFAuxId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * A scripted switch at the far end of an {@link EmbeddedChannel} whose pipeline is the
 * controller's real one ({@link SwitchManager#initChannel}). It answers the handshake (features,
 * port descriptions, barriers, echoes) by itself unless told otherwise, records every message
 * the controller sends, and can send any message or raw bytes.
 */
public final class FakeSwitch {
    private static final OFMessageReader<OFMessage> READER = OFFactories.getGenericReader();

    public final EmbeddedChannel channel;
    public final OFFactory factory;
    public final Dpid dpid;
    private final List<OFPortDesc> ports = new ArrayList<>();
    private final List<OFMessage> received = new ArrayList<>();
    private final Set<OFType> silentFor = EnumSet.noneOf(OFType.class);
    private int auxId;
    private int writes;
    private int tables = 1;

    public FakeSwitch(SwitchManager manager, OFVersion version, long dpid, int... portNumbers) {
        this.factory = OFFactories.getFactory(version);
        this.dpid = Dpid.of(dpid);
        for (int p : portNumbers) {
            ports.add(port(p, true));
        }
        this.channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ((EmbeddedChannel) ch).freezeTime();
                manager.initChannel(ch);
            }
        });
    }

    /** Do not answer requests of this type automatically (the test answers them). */
    public FakeSwitch silentFor(OFType type) {
        silentFor.add(type);
        return this;
    }

    /** The number of flow tables FEATURES_REPLY announces (default 1). */
    public FakeSwitch tables(int n) {
        this.tables = n;
        return this;
    }

    public FakeSwitch auxiliaryId(int id) {
        this.auxId = id;
        return this;
    }

    /** Sends HELLO offering only this switch's version and lets the handshake run. */
    public FakeSwitch connect() {
        send(OfVersions.hello(Set.of(factory.getVersion()), 1));
        return this;
    }

    public OFPortDesc port(int no, boolean up) {
        var b = factory.buildPortDesc()
                .setPortNo(OFPort.of(no))
                .setHwAddr(MacAddress.of(0x0200_0000_0000L | (dpid.value() & 0xffff) << 16 | no))
                .setName("veth" + no)
                .setConfig(EnumSet.noneOf(OFPortConfig.class))
                .setState(up ? EnumSet.noneOf(OFPortState.class) : EnumSet.of(OFPortState.LINK_DOWN));
        if (factory.getVersion() == OFVersion.OF_13) {
            b.setCurrSpeed(10_000_000L).setMaxSpeed(10_000_000L);
        }
        return b.build();
    }

    /** The switch sends PORT_STATUS. */
    public void portStatus(OFPortReason reason, OFPortDesc desc) {
        send(factory.buildPortStatus().setReason(reason).setDesc(desc).build());
    }

    /** The switch sends a message; the controller's answers are processed. */
    public void send(OFMessage m) {
        ByteBuf b = Unpooled.buffer();
        m.writeTo(b);
        sendBytes(b);
    }

    /** The switch sends several messages in one segment (the controller reads them in one burst). */
    public void sendBurst(List<? extends OFMessage> msgs) {
        ByteBuf b = Unpooled.buffer();
        for (OFMessage m : msgs) {
            m.writeTo(b);
        }
        sendBytes(b);
    }

    /** The switch sends raw bytes. */
    public void sendBytes(ByteBuf b) {
        if (channel.isOpen()) {
            channel.writeInbound(b);
        } else {
            b.release();
        }
        pump();
    }

    /** Moves Netty's clock (timeouts, keepalive) and processes what the controller sends. */
    public void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
        pump();
    }

    /** Reads what the controller wrote, answering requests unless silenced. */
    public void pump() {
        channel.runPendingTasks();
        boolean more = true;
        while (more) {
            more = false;
            ByteBuf out;
            while ((out = channel.readOutbound()) != null) {
                writes++;
                try {
                    while (out.isReadable()) {
                        OFMessage m = READER.readFrom(out);
                        if (m == null) {
                            break;
                        }
                        received.add(m);
                        more |= answer(m);
                    }
                } catch (Exception e) {
                    throw new AssertionError("controller sent an undecodable message", e);
                } finally {
                    out.release();
                }
            }
        }
    }

    private boolean answer(OFMessage m) {
        if (silentFor.contains(m.getType()) || !channel.isOpen()) {
            return false;
        }
        OFMessage reply = switch (m) {
            case OFFeaturesRequest r -> features(r.getXid());
            case OFPortDescStatsRequest r -> factory.buildPortDescStatsReply().setXid(r.getXid()).setEntries(ports).build();
            case OFBarrierRequest r -> factory.buildBarrierReply().setXid(r.getXid()).build();
            case OFEchoRequest r -> factory.buildEchoReply().setXid(r.getXid()).setData(r.getData()).build();
            default -> null;
        };
        if (reply == null) {
            return false;
        }
        ByteBuf b = Unpooled.buffer();
        reply.writeTo(b);
        channel.writeInbound(b);
        return true;
    }

    private OFMessage features(long xid) {
        var b = factory.buildFeaturesReply().setXid(xid).setDatapathId(DatapathId.of(dpid.value()))
                .setNBuffers(0).setNTables((short) tables);
        if (factory.getVersion().compareTo(OFVersion.OF_13) >= 0) {
            b.setAuxiliaryId(OFAuxId.of(auxId));
        } else {
            b.setPorts(ports);
        }
        return b.build();
    }

    /** Every message the controller sent so far. */
    public List<OFMessage> received() {
        return received;
    }

    /** The messages of one type the controller sent so far. */
    @SuppressWarnings("unchecked")
    public <T extends OFMessage> List<T> received(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (OFMessage m : received) {
            if (type.isInstance(m)) {
                out.add((T) m);
            }
        }
        return out;
    }

    public void clearReceived() {
        received.clear();
        writes = 0;
    }

    /** Buffers the controller wrote (each one flush) since the last {@link #clearReceived()}. */
    public int writes() {
        return writes;
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    public void disconnect() {
        channel.close();
        channel.runPendingTasks();
    }
}
