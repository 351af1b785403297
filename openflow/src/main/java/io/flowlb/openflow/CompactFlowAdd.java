package io.flowlb.openflow;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowModCommand;
import org.projectfloodlight.openflow.protocol.OFFlowModFlags;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * The FLOW_MOD (ADD) a learning switch installs, in OpenFlow 1.0 or 1.3: an exact match on the
 * destination MAC, optionally the input port and the source MAC, and one output action.
 *
 * <p>Design: OpenFlowJ builds every match as an OXM list over an {@code EnumMap} of all match
 * fields, about a kilobyte of garbage and a microsecond per flow. This message holds the dozen
 * primitive fields and writes its wire form directly, byte for byte what OpenFlowJ writes for the
 * same message (the tests compare them). Every other view of it (the match, instructions,
 * builder, equality, text) is served by the OpenFlowJ message it stands for, built on first use,
 * so code that inspects messages sees no difference.
 *
 * <p>Thread safety: immutable; the OpenFlowJ form is built lazily and idempotently (racing
 * threads build equal instances).
 */
public final class CompactFlowAdd extends CompactMessage<OFFlowAdd> implements OFFlowAdd, WireEncodable {
    private static final int FLOW_MOD_13_FIXED = 48;
    private static final int FLOW_MOD_10_FIXED = 72;
    private static final int MATCH_10_BYTES = 40;
    /** OFPFW_ALL of OpenFlow 1.0, and the bits an exact in_port, dl_src and dl_dst clear. */
    private static final int WILDCARD_ALL_10 = 0x3f_ffff;
    private static final int WILDCARD_IN_PORT_10 = 1;
    private static final int WILDCARD_DL_SRC_10 = 1 << 2;
    private static final int WILDCARD_DL_DST_10 = 1 << 3;
    private static final int OXM_IN_PORT = 0x8000_0004;
    private static final int OXM_ETH_DST = 0x8000_0606;
    private static final int OXM_ETH_SRC = 0x8000_0806;
    private static final int INSTRUCTION_APPLY_ACTIONS = 4;
    /** An apply-actions instruction holding one output action. */
    private static final int INSTRUCTION_13_BYTES = 8 + WireFormat.OUTPUT_ACTION_13_BYTES;
    private static final int MATCH_TYPE_OXM = 1;
    private static final int GROUP_ANY = OFGroup.ANY.getGroupNumber();
    /** OFPFC_ADD. */
    private static final int COMMAND_ADD = 0;

    private final long cookie;
    private final int tableId;
    private final int priority;
    private final int idleTimeout;
    private final int hardTimeout;
    private final boolean matchInPort;
    private final int inPort;
    private final long ethDst;
    private final boolean matchEthSrc;
    private final long ethSrc;
    private final int outPort;
    private final int maxLen;

    private CompactFlowAdd(Spec s, long xid) {
        super(s.version, xid, s.bufferId);
        this.cookie = s.cookie;
        this.tableId = s.tableId;
        this.priority = s.priority;
        this.idleTimeout = s.idleTimeout;
        this.hardTimeout = s.hardTimeout;
        this.matchInPort = s.matchInPort;
        this.inPort = s.inPort;
        this.ethDst = s.ethDst;
        this.matchEthSrc = s.matchEthSrc;
        this.ethSrc = s.ethSrc;
        this.outPort = s.outPort;
        this.maxLen = s.maxLen;
    }

    /** A flow-mod for {@code version}; set the fields on the returned spec, then {@link Spec#build()}. */
    public static Spec spec(OFVersion version) {
        return new Spec(version);
    }

    // ---------------------------------------------------------------- wire

    @Override
    public void writeTo(ByteBuf out) {
        WireWriter.write(this, out);
    }

    @Override
    public int wireLength() {
        return WireFormat.isOf10(version) ? FLOW_MOD_10_FIXED + WireFormat.OUTPUT_ACTION_10_BYTES
                : FLOW_MOD_13_FIXED + matchBytes13(oxmBytes13()) + INSTRUCTION_13_BYTES;
    }

    @Override
    public void writeTo(WireWriter w) {
        w.ensure(wireLength());
        if (WireFormat.isOf10(version)) {
            writeTo10(w);
        } else {
            writeTo13(w);
        }
    }

    /** The match's header and OXMs, before padding. */
    private int oxmBytes13() {
        return 4 + 10 + (matchInPort ? 8 : 0) + (matchEthSrc ? 10 : 0);
    }

    private static int matchBytes13(int oxms) {
        return (oxms + 7) & ~7;
    }

    private void writeTo13(WireWriter w) {
        int oxms = oxmBytes13();
        WireFormat.writeHeader(w, version, WireFormat.TYPE_FLOW_MOD, wireLength(), xid);
        w.u64(cookie).u64(0).u8(tableId).u8(COMMAND_ADD).u16(idleTimeout).u16(hardTimeout).u16(priority)
                .u32(bufferId).u32(WireFormat.PORT_ANY).u32(GROUP_ANY).u16(0).zero(2);
        w.u16(MATCH_TYPE_OXM).u16(oxms);
        if (matchInPort) {
            w.u32(OXM_IN_PORT).u32(inPort);
        }
        w.u32(OXM_ETH_DST).mac(ethDst);
        if (matchEthSrc) {
            w.u32(OXM_ETH_SRC).mac(ethSrc);
        }
        w.zero(matchBytes13(oxms) - oxms);
        w.u16(INSTRUCTION_APPLY_ACTIONS).u16(INSTRUCTION_13_BYTES).zero(4);
        WireFormat.writeOutput(w, version, outPort, maxLen);
    }

    private void writeTo10(WireWriter w) {
        WireFormat.writeHeader(w, version, WireFormat.TYPE_FLOW_MOD, wireLength(), xid);
        int wildcards = WILDCARD_ALL_10 & ~WILDCARD_DL_DST_10 & ~(matchInPort ? WILDCARD_IN_PORT_10 : 0)
                & ~(matchEthSrc ? WILDCARD_DL_SRC_10 : 0);
        w.u32(wildcards).u16(matchInPort ? WireFormat.port32To16(inPort) : 0).mac(matchEthSrc ? ethSrc : 0)
                .mac(ethDst).zero(MATCH_10_BYTES - 4 - 2 - 12);
        w.u64(cookie).u16(COMMAND_ADD).u16(idleTimeout).u16(hardTimeout).u16(priority).u32(bufferId)
                .u16(WireFormat.port32To16(WireFormat.PORT_ANY)).u16(0);
        WireFormat.writeOutput(w, version, outPort, maxLen);
    }

    // ---------------------------------------------------------------- the OpenFlowJ view

    @Override
    OFFlowAdd build() {
        OFFactory f = OFFactories.getFactory(version);
        Match.Builder m = f.buildMatch();
        if (matchInPort) {
            m.setExact(MatchField.IN_PORT, OFPort.of(inPort));
        }
        m.setExact(MatchField.ETH_DST, MacAddress.of(ethDst));
        if (matchEthSrc) {
            m.setExact(MatchField.ETH_SRC, MacAddress.of(ethSrc));
        }
        OFFlowAdd.Builder b = f.buildFlowAdd()
                .setXid(xid)
                .setCookie(U64.of(cookie))
                .setPriority(priority)
                .setIdleTimeout(idleTimeout)
                .setHardTimeout(hardTimeout)
                .setBufferId(OFBufferId.of(bufferId))
                .setMatch(m.build())
                .setActions(List.of(f.actions().buildOutput().setPort(OFPort.of(outPort)).setMaxLen(maxLen).build()));
        if (!WireFormat.isOf10(version)) {
            b.setTableId(TableId.of(tableId));
        }
        return b.build();
    }

    @Override
    public OFType getType() {
        return OFType.FLOW_MOD;
    }

    /** This message with another xid. */
    public CompactFlowAdd withXid(long newXid) {
        return new CompactFlowAdd(toSpec(), newXid);
    }

    private Spec toSpec() {
        Spec s = new Spec(version).cookie(cookie).tableId(tableId).priority(priority).idleTimeout(idleTimeout)
                .hardTimeout(hardTimeout).bufferId(bufferId).ethDst(ethDst).output(outPort, maxLen);
        if (matchInPort) {
            s.inPort(inPort);
        }
        if (matchEthSrc) {
            s.ethSrc(ethSrc);
        }
        return s;
    }

    @Override
    public U64 getCookie() {
        return U64.of(cookie);
    }

    @Override
    public U64 getCookieMask() {
        return full().getCookieMask();
    }

    @Override
    public TableId getTableId() {
        return full().getTableId();
    }

    @Override
    public OFFlowModCommand getCommand() {
        return OFFlowModCommand.ADD;
    }

    @Override
    public int getIdleTimeout() {
        return idleTimeout;
    }

    @Override
    public int getHardTimeout() {
        return hardTimeout;
    }

    @Override
    public int getPriority() {
        return priority;
    }

    @Override
    public OFPort getOutPort() {
        return full().getOutPort();
    }

    @Override
    public OFGroup getOutGroup() {
        return full().getOutGroup();
    }

    @Override
    public Set<OFFlowModFlags> getFlags() {
        return full().getFlags();
    }

    @Override
    public Match getMatch() {
        return full().getMatch();
    }

    @Override
    public List<OFInstruction> getInstructions() {
        return full().getInstructions();
    }

    @Override
    public List<OFAction> getActions() {
        return full().getActions();
    }

    @Override
    public int getImportance() {
        return full().getImportance();
    }

    @Override
    public OFFlowAdd.Builder createBuilder() {
        return full().createBuilder();
    }

    /**
     * The fields of a compact flow-mod. Defaults are OpenFlowJ's: cookie 0, table 0, priority 0,
     * no timeouts, no buffer; the destination MAC and the output are required.
     *
     * <p>Thread safety: a builder, confined to its thread.
     */
    public static final class Spec {
        private final OFVersion version;
        private long cookie;
        private int tableId;
        private int priority;
        private int idleTimeout;
        private int hardTimeout;
        private int bufferId = WireFormat.NO_BUFFER;
        private boolean matchInPort;
        private int inPort;
        private long ethDst = -1;
        private boolean matchEthSrc;
        private long ethSrc;
        private int outPort;
        private int maxLen;
        private boolean output;

        private Spec(OFVersion version) {
            this.version = version;
        }

        public Spec cookie(long c) {
            this.cookie = c;
            return this;
        }

        /** The flow table (OpenFlow 1.3; 1.0 has one table and ignores it). */
        public Spec tableId(int t) {
            this.tableId = t;
            return this;
        }

        public Spec priority(int p) {
            this.priority = p;
            return this;
        }

        public Spec idleTimeout(int seconds) {
            this.idleTimeout = seconds;
            return this;
        }

        public Spec hardTimeout(int seconds) {
            this.hardTimeout = seconds;
            return this;
        }

        /** The switch buffer the flow is applied to once installed (default: none). */
        public Spec bufferId(int id) {
            this.bufferId = id;
            return this;
        }

        /** Match this input port (a 32-bit port number, reserved ports as in 1.3). */
        public Spec inPort(int port) {
            this.matchInPort = true;
            this.inPort = port;
            return this;
        }

        /** Match this destination MAC (the low 48 bits). */
        public Spec ethDst(long mac) {
            this.ethDst = mac & 0xffff_ffff_ffffL;
            return this;
        }

        /** Match this source MAC (the low 48 bits). */
        public Spec ethSrc(long mac) {
            this.matchEthSrc = true;
            this.ethSrc = mac & 0xffff_ffff_ffffL;
            return this;
        }

        /** Output to {@code port} (32-bit number), {@code maxLen} bytes when it is the controller. */
        public Spec output(int port, int maxLen) {
            this.outPort = port;
            this.maxLen = maxLen;
            this.output = true;
            return this;
        }

        public CompactFlowAdd build() {
            if (ethDst < 0 || !output) {
                throw new IllegalStateException("a compact flow-mod needs a destination MAC and an output");
            }
            return new CompactFlowAdd(this, 0);
        }
    }
}
