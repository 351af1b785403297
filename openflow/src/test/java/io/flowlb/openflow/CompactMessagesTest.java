package io.flowlb.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * The compact messages are the OpenFlowJ messages they stand for: the same bytes on the wire and
 * the same answers to every getter; a PACKET_IN is read compactly exactly when OpenFlowJ would
 * read it the same way, and otherwise left to OpenFlowJ.
 */
class CompactMessagesTest {
    private static final int[] PORTS = {1, 2, 7, 0xfffe, 0xff00, 0xffff_ff00, 0xffff_fffd, 0xffff_fff8, 0xffff_fffb};
    private final Random random = new Random(42);

    private static byte[] bytes(OFMessage m) {
        ByteBuf b = Unpooled.buffer();
        m.writeTo(b);
        return ByteBufUtil.getBytes(b);
    }

    private static boolean expressibleIn(OFVersion v, int port) {
        return v != OFVersion.OF_10 || Integer.compareUnsigned(port, 0xff00) < 0 || port == 0xffff_ff00
                || Integer.compareUnsigned(port, 0xffff_fff8) >= 0;
    }

    private OFFlowAdd openFlowJFlowAdd(OFVersion v, long cookie, int table, int priority, int idle, int hard,
            int buffer, Integer inPort, long dst, Long src, int out, int maxLen) {
        OFFactory f = OFFactories.getFactory(v);
        Match.Builder m = f.buildMatch();
        if (inPort != null) {
            m.setExact(MatchField.IN_PORT, OFPort.of(inPort));
        }
        m.setExact(MatchField.ETH_DST, MacAddress.of(dst));
        if (src != null) {
            m.setExact(MatchField.ETH_SRC, MacAddress.of(src));
        }
        OFFlowAdd.Builder b = f.buildFlowAdd().setXid(0).setCookie(U64.of(cookie)).setPriority(priority).setIdleTimeout(idle)
                .setHardTimeout(hard).setBufferId(OFBufferId.of(buffer)).setMatch(m.build())
                .setActions(List.of(f.actions().buildOutput().setPort(OFPort.of(out)).setMaxLen(maxLen).build()));
        if (v == OFVersion.OF_13) {
            b.setTableId(TableId.of(table));
        }
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void flowAddIsTheOpenFlowJFlowAddOnTheWireAndToItsReaders(OFVersion v) {
        for (int i = 0; i < 400; i++) {
            long cookie = random.nextLong();
            int table = random.nextInt(3);
            int priority = random.nextInt(0x10000);
            int idle = random.nextInt(0x10000);
            int hard = random.nextInt(2) == 0 ? 0 : random.nextInt(0x10000);
            int buffer = random.nextInt(3) == 0 ? random.nextInt() : WireFormat.NO_BUFFER;
            int inPort = PORTS[random.nextInt(PORTS.length)];
            int out = PORTS[random.nextInt(PORTS.length)];
            if (!expressibleIn(v, inPort) || !expressibleIn(v, out)) {
                continue;
            }
            boolean matchInPort = random.nextBoolean();
            boolean matchSrc = random.nextBoolean();
            long dst = random.nextLong() & 0xffff_ffff_ffffL;
            long src = random.nextLong() & 0xffff_ffff_ffffL;
            CompactFlowAdd.Spec s = CompactFlowAdd.spec(v).cookie(cookie).tableId(table).priority(priority)
                    .idleTimeout(idle).hardTimeout(hard).bufferId(buffer).ethDst(dst).output(out, 0xffff);
            if (matchInPort) {
                s.inPort(inPort);
            }
            if (matchSrc) {
                s.ethSrc(src);
            }
            CompactFlowAdd compact = s.build();
            OFFlowAdd reference = openFlowJFlowAdd(v, cookie, table, priority, idle, hard, buffer,
                    matchInPort ? inPort : null, dst, matchSrc ? src : null, out, 0xffff);

            assertThat(bytes(compact)).as("wire form of %s", reference).isEqualTo(bytes(reference));
            assertThat(compact).isEqualTo(reference);
            assertThat(compact.hashCode()).isEqualTo(reference.hashCode());
            assertThat(compact.getMatch()).isEqualTo(reference.getMatch());
            assertThat(compact.getCookie()).isEqualTo(reference.getCookie());
            assertThat(compact.getPriority()).isEqualTo(reference.getPriority());
            assertThat(compact.getBufferId()).isEqualTo(reference.getBufferId());
            assertThat(compact.getActions()).isEqualTo(reference.getActions());
            assertThat(compact.withXid(77).getXid()).isEqualTo(77);
            assertThat(bytes(compact.withXid(77))).isEqualTo(bytes(reference.createBuilder().setXid(77).build()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void packetOutIsTheOpenFlowJPacketOutOnTheWireAndToItsReaders(OFVersion v) {
        OFFactory f = OFFactories.getFactory(v);
        for (int i = 0; i < 200; i++) {
            int in = PORTS[random.nextInt(PORTS.length)];
            int out = PORTS[random.nextInt(PORTS.length)];
            if (!expressibleIn(v, in) || !expressibleIn(v, out)) {
                continue;
            }
            boolean buffered = random.nextBoolean();
            int buffer = random.nextInt(1 << 20);
            byte[] frame = new byte[14 + random.nextInt(100)];
            random.nextBytes(frame);
            CompactPacketOut compact = buffered ? CompactPacketOut.ofBuffer(v, buffer, in, out, 0xffff)
                    : CompactPacketOut.ofFrame(v, in, out, 0xffff, frame);
            OFPacketOut.Builder rb = f.buildPacketOut().setXid(0).setBufferId(buffered ? OFBufferId.of(buffer)
                    : OFBufferId.NO_BUFFER).setInPort(OFPort.of(in))
                    .setActions(List.of(f.actions().buildOutput().setPort(OFPort.of(out)).setMaxLen(0xffff).build()));
            if (!buffered) {
                rb.setData(frame);
            }
            OFPacketOut reference = rb.build();

            assertThat(bytes(compact)).isEqualTo(bytes(reference));
            assertThat(compact).isEqualTo(reference);
            assertThat(compact.getInPort()).isEqualTo(reference.getInPort());
            assertThat(compact.getActions()).isEqualTo(reference.getActions());
            assertThat(compact.getData()).isEqualTo(reference.getData());
        }
    }

    private OFPacketIn openFlowJPacketIn(OFVersion v, int buffer, int in, OFPacketInReason reason, byte[] frame) {
        OFFactory f = OFFactories.getFactory(v);
        OFPacketIn.Builder b = f.buildPacketIn().setXid(random.nextInt() & 0xffff_ffffL).setBufferId(OFBufferId.of(buffer))
                .setTotalLen(frame.length + random.nextInt(3)).setReason(reason).setData(frame);
        if (v == OFVersion.OF_10) {
            b.setInPort(OFPort.of(in));
        } else {
            b.setTableId(TableId.of(random.nextInt(4))).setCookie(U64.of(random.nextLong()))
                    .setMatch(f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(in)).build());
        }
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void tableMissPacketInIsReadCompactlyAsOpenFlowJReadsIt(OFVersion v) {
        OFMessageReaderHolder reader = new OFMessageReaderHolder();
        for (int i = 0; i < 300; i++) {
            int in = PORTS[random.nextInt(PORTS.length)];
            if (!expressibleIn(v, in)) {
                continue;
            }
            byte[] frame = new byte[random.nextInt(80)];
            random.nextBytes(frame);
            OFPacketInReason reason = random.nextBoolean() ? OFPacketInReason.NO_MATCH : OFPacketInReason.ACTION;
            OFPacketIn sent = openFlowJPacketIn(v, random.nextBoolean() ? -1 : random.nextInt(1000), in, reason, frame);
            byte[] wire = bytes(sent);

            CompactPacketIn compact = CompactPacketIn.read(Unpooled.wrappedBuffer(wire), 0, wire.length);

            assertThat(compact).as("compact form of %s", sent).isNotNull();
            assertThat(compact).isEqualTo(reader.read(wire));
            assertThat(compact.getData()).isEqualTo(frame);
            assertThat(compact.getBufferId()).isEqualTo(sent.getBufferId());
            assertThat(compact.getTotalLen()).isEqualTo(sent.getTotalLen());
            assertThat(compact.getReason()).isEqualTo(sent.getReason());
            assertThat(compact.inPortNumber()).isEqualTo(in);
            assertThat(bytes(compact)).isEqualTo(wire);
        }
    }

    @Test
    void packetInOfAnotherShapeIsLeftToOpenFlowJ() {
        OFFactory f = OFFactories.getFactory(OFVersion.OF_13);
        OFPacketIn twoFields = f.buildPacketIn().setBufferId(OFBufferId.NO_BUFFER).setReason(OFPacketInReason.NO_MATCH)
                .setMatch(f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1))
                        .setExact(MatchField.ETH_TYPE, EthType.IPv4).build()).setData(new byte[60]).build();
        byte[] wire = bytes(twoFields);
        assertThat(CompactPacketIn.read(Unpooled.wrappedBuffer(wire), 0, wire.length)).isNull();

        EmbeddedChannel ch = new EmbeddedChannel(new OfMessageDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(wire));
        OFMessage decoded = ch.readInbound();
        assertThat(decoded).isNotInstanceOf(CompactPacketIn.class).isEqualTo(twoFields);
    }

    @Test
    void packetInWithAnUnknownReasonIsStillReportedMalformed() {
        OFFactory f = OFFactories.getFactory(OFVersion.OF_13);
        byte[] wire = bytes(f.buildPacketIn().setBufferId(OFBufferId.NO_BUFFER).setReason(OFPacketInReason.NO_MATCH)
                .setMatch(f.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build()).setData(new byte[60])
                .build());
        wire[14] = 0x7f;
        assertThat(CompactPacketIn.read(Unpooled.wrappedBuffer(wire), 0, wire.length)).isNull();

        EmbeddedChannel ch = new EmbeddedChannel(new OfMessageDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(wire));
        assertThat((Object) ch.readInbound()).isInstanceOf(MalformedMessage.class);
    }

    @Test
    void decoderHandsOnTableMissPacketInsInCompactForm() {
        OFFactory f = OFFactories.getFactory(OFVersion.OF_10);
        OFPacketIn pi = f.buildPacketIn().setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.of(3))
                .setReason(OFPacketInReason.NO_MATCH).setData(new byte[60]).build();
        EmbeddedChannel ch = new EmbeddedChannel(new OfMessageDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(pi)));
        OFMessage decoded = ch.readInbound();
        assertThat(decoded).isInstanceOf(CompactPacketIn.class).isEqualTo(pi);
        assertThat(((CompactPacketIn) decoded).getInPort()).isEqualTo(OFPort.of(3));
    }

    @Test
    void openFlow10PortNumbersMapAsOpenFlowJMapsThem() {
        for (int p = 0; p <= 0xffff; p++) {
            boolean valid;
            int mapped = 0;
            try {
                mapped = OFPort.ofShort((short) p).getPortNumber();
                valid = true;
            } catch (IllegalArgumentException e) {
                valid = false;
            }
            assertThat(WireFormat.isValidPort10(p)).as("port %s", p).isEqualTo(valid);
            if (valid) {
                assertThat(WireFormat.port10To32(p)).as("port %s", p).isEqualTo(mapped);
                assertThat(WireFormat.port32To16(mapped)).as("port %s", p).isEqualTo(p);
            }
        }
    }

    /** OpenFlowJ's own reading of a message, for comparison. */
    private static final class OFMessageReaderHolder {
        OFMessage read(byte[] wire) {
            try {
                return OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(wire));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
