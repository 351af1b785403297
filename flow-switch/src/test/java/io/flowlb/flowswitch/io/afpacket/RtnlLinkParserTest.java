package io.flowlb.flowswitch.io.afpacket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtnlLinkParserTest {
    private static final int RTM_NEWADDR = 20;

    record Link(boolean deleted, int ifindex, int flags, String name, int mtu, long hwAddr) {
    }

    private final List<Link> links = new ArrayList<>();

    /** One netlink message: header, ifinfomsg, attributes, each padded to 4 bytes as the kernel does. */
    private static byte[] message(int type, int ifindex, int flags, byte[]... attributes) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer ifinfo = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        ifinfo.put((byte) 0).put((byte) 0).putShort((short) 1).putInt(ifindex).putInt(flags).putInt(0xffffffff);
        body.writeBytes(ifinfo.array());
        for (byte[] a : attributes) {
            body.writeBytes(a);
        }
        ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        header.putInt(16 + body.size()).putShort((short) type).putShort((short) 0).putInt(0).putInt(0);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(header.array());
        all.writeBytes(body.toByteArray());
        return all.toByteArray();
    }

    private static byte[] attribute(int type, byte[] payload) {
        int length = 4 + payload.length;
        ByteBuffer b = ByteBuffer.allocate((length + 3) & ~3).order(ByteOrder.nativeOrder());
        b.putShort((short) length).putShort((short) type).put(payload);
        return b.array();
    }

    private static byte[] name(String name) {
        byte[] s = name.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[s.length + 1];
        System.arraycopy(s, 0, z, 0, s.length);
        return attribute(RtnlLinkParser.IFLA_IFNAME, z);
    }

    private static byte[] mtu(int mtu) {
        return attribute(RtnlLinkParser.IFLA_MTU, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(mtu).array());
    }

    private int parse(byte[]... messages) {
        ByteArrayOutputStream datagram = new ByteArrayOutputStream();
        for (byte[] m : messages) {
            datagram.writeBytes(m);
        }
        byte[] bytes = datagram.toByteArray();
        MemorySegment buffer = MemorySegment.ofArray(bytes);
        return RtnlLinkParser.parse(buffer, bytes.length,
                (deleted, ifindex, flags, n, m, mac) -> links.add(new Link(deleted, ifindex, flags, n, m, mac)));
    }

    @Test
    void readsNameFlagsMtuAndAddressOfANewLinkAndTheIndexOfADeletedOne() {
        byte[] mac = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
        int n = parse(
                message(RtnlLinkParser.RTM_NEWLINK, 5, 0x11043, name("s1p1"), mtu(1500),
                        attribute(RtnlLinkParser.IFLA_ADDRESS, mac)),
                message(RtnlLinkParser.RTM_DELLINK, 7, 0x1002, name("s1p2")));

        assertThat(n).isEqualTo(2);
        assertThat(links).containsExactly(
                new Link(false, 5, 0x11043, "s1p1", 1500, 0x02_11_22_33_44_55L),
                new Link(true, 7, 0x1002, "s1p2", -1, -1));
        assertThat(InterfaceInfo.isLinkUp(links.get(0).flags())).isTrue();
        assertThat(InterfaceInfo.isLinkUp(links.get(1).flags())).isFalse();
    }

    @Test
    void skipsMessagesThatAreNotAboutLinks() {
        int n = parse(message(RTM_NEWADDR, 5, 0, name("x")), message(RtnlLinkParser.RTM_NEWLINK, 9, 1, name("eth9")));

        assertThat(n).isEqualTo(1);
        assertThat(links).extracting(Link::name).containsExactly("eth9");
    }

    @Test
    void stopsAtALengthThatRunsPastTheDatagramInsteadOfThrowing() {
        byte[] good = message(RtnlLinkParser.RTM_NEWLINK, 3, 1, name("ok"));
        byte[] bad = message(RtnlLinkParser.RTM_NEWLINK, 4, 1, name("bad"));
        ByteBuffer.wrap(bad).order(ByteOrder.nativeOrder()).putInt(0, 4096);
        byte[] badAttribute = message(RtnlLinkParser.RTM_NEWLINK, 6, 1, name("attr"));
        ByteBuffer.wrap(badAttribute).order(ByteOrder.nativeOrder()).putShort(32, (short) 200);

        int n = parse(good, badAttribute, bad);

        assertThat(n).isEqualTo(2);
        assertThat(links).extracting(Link::ifindex).containsExactly(3, 6);
        assertThat(links.get(1).name()).as("attributes after a bad length are ignored").isNull();
    }
}
