package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchEntry;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMatchV3;
import org.projectfloodlight.openflow.protocol.OFOxmList;
import org.projectfloodlight.openflow.protocol.oxm.OFOxm;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * Translates OpenFlow 1.3 OXM match fields to the datapath's {@link MatchEntry} and back.
 *
 * <p>It works on the OXM wire form (class, field number, mask bit, value bytes) rather than on
 * OpenFlowJ's typed getters, for two reasons: one code path covers every field, and OpenFlowJ's
 * getters hide a field whose prerequisite is missing, which must be refused with
 * BAD_MATCH/BAD_PREREQ instead (the datapath's {@link Match#check()} does that).
 *
 * <p>Thread safety: stateless.
 */
final class OxmCodec {
    private static final int OXM_CLASS_BASIC = 0x8000;
    private static final OFMessageReader<OFOxm<?>> OXM_READER = OFFactories.getFactory(OFVersion.OF_13).oxms()
            .getReader();

    private OxmCodec() {
    }

    /** The datapath match of an OpenFlow 1.3 match; refuses fields flow-switch does not know. */
    static Match decode(org.projectfloodlight.openflow.protocol.match.Match match) {
        if (!(match instanceof OFMatchV3 v3)) {
            throw OfError.BAD_MATCH_BAD_TYPE.refusal("only OXM matches are supported");
        }
        List<MatchEntry> entries = new ArrayList<>();
        for (OFOxm<?> oxm : v3.getOxmList()) {
            entries.add(decode(oxm));
        }
        return Match.of(entries);
    }

    /** One OXM as a datapath match entry (also the payload of a set-field action). */
    static MatchEntry decode(OFOxm<?> oxm) {
        ByteBuf buf = Unpooled.buffer(24);
        try {
            oxm.writeTo(buf);
            int oxmClass = buf.readUnsignedShort();
            int fieldAndMask = buf.readUnsignedByte();
            int length = buf.readUnsignedByte();
            MatchField field = MatchField.ofOxm(fieldAndMask >> 1);
            if (oxmClass != OXM_CLASS_BASIC || field == null) {
                throw OfError.BAD_MATCH_BAD_FIELD.refusal("unsupported match field " + oxm.getMatchField().getName());
            }
            boolean masked = (fieldAndMask & 1) != 0;
            int width = byteWidth(field);
            if (length != (masked ? 2 * width : width)) {
                throw OfError.BAD_MATCH_BAD_LEN.refusal(field + " with " + length + " bytes");
            }
            long[] value = readValue(buf, width);
            if (!masked) {
                return new MatchEntry(field, value[0], value[1], field.fullMaskHi(), field.fullMaskLo());
            }
            long[] mask = readValue(buf, width);
            return new MatchEntry(field, value[0], value[1], mask[0], mask[1]);
        } finally {
            buf.release();
        }
    }

    /** The OpenFlow match of a datapath match, built from the exact wire form of each entry. */
    static org.projectfloodlight.openflow.protocol.match.Match encode(Match match, OFFactory factory) {
        List<OFOxm<?>> oxms = new ArrayList<>();
        for (MatchEntry e : match.entries()) {
            oxms.add(encodeOxm(e, e.isExact()));
        }
        return factory.matchV3(OFOxmList.ofList(oxms));
    }

    /** One entry as an OXM (exact entries without a mask, as OpenFlow wants them). */
    static OFOxm<?> encodeOxm(MatchEntry e, boolean exact) {
        int width = byteWidth(e.field());
        ByteBuf buf = Unpooled.buffer(4 + 2 * width);
        try {
            buf.writeShort(OXM_CLASS_BASIC);
            buf.writeByte((e.field().oxmField() << 1) | (exact ? 0 : 1));
            buf.writeByte(exact ? width : 2 * width);
            writeValue(buf, width, e.hi(), e.lo());
            if (!exact) {
                writeValue(buf, width, e.maskHi(), e.maskLo());
            }
            return OXM_READER.readFrom(buf);
        } catch (OFParseError err) {
            throw new IllegalStateException("cannot encode " + e + " as an OXM", err);
        } finally {
            buf.release();
        }
    }

    /** The number of value bytes of a field in an OXM. */
    static int byteWidth(MatchField f) {
        return f == MatchField.IPV6_FLABEL ? 4 : (f.bits() + 7) / 8;
    }

    private static long[] readValue(ByteBuf buf, int width) {
        if (width == 16) {
            return new long[] {buf.readLong(), buf.readLong()};
        }
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = (v << 8) | buf.readUnsignedByte();
        }
        return new long[] {0, v};
    }

    private static void writeValue(ByteBuf buf, int width, long hi, long lo) {
        if (width == 16) {
            buf.writeLong(hi);
            buf.writeLong(lo);
            return;
        }
        for (int i = width - 1; i >= 0; i--) {
            buf.writeByte((int) (lo >>> (8 * i)));
        }
    }
}
