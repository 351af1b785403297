package io.flowlb.flowswitch.io.afpacket;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Reads the link messages ({@code RTM_NEWLINK}, {@code RTM_DELLINK}) out of one rtnetlink
 * datagram: a sequence of {@code nlmsghdr}, each followed by an {@code ifinfomsg} and its
 * attributes. Malformed lengths end the parse of the datagram instead of throwing.
 *
 * <p>Thread safety: stateless.
 */
final class RtnlLinkParser {
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    private static final int NLMSG_HDRLEN = 16;
    private static final int IFINFOMSG_LEN = 16;
    private static final int RTA_HDRLEN = 4;
    private static final int NLA_TYPE_MASK = 0x3fff;

    /** Receives one parsed link message. */
    interface Sink {
        /**
         * @param deleted true for {@code RTM_DELLINK}
         * @param mtu the MTU, or -1 when the message did not carry one
         * @param hwAddr the 6-byte address in the low 48 bits, or -1 when absent
         * @param name the interface name, or null when absent
         */
        void link(boolean deleted, int ifindex, int flags, String name, int mtu, long hwAddr);
    }

    private RtnlLinkParser() {
    }

    /** Returns how many link messages were passed to {@code sink}. */
    static int parse(MemorySegment buffer, int length, Sink sink) {
        int offset = 0;
        int links = 0;
        while (offset + NLMSG_HDRLEN <= length) {
            int messageLength = buffer.get(ValueLayout.JAVA_INT_UNALIGNED, offset);
            int type = Short.toUnsignedInt(buffer.get(ValueLayout.JAVA_SHORT_UNALIGNED, offset + 4));
            if (messageLength < NLMSG_HDRLEN || offset + messageLength > length) {
                break;
            }
            if ((type == RTM_NEWLINK || type == RTM_DELLINK) && messageLength >= NLMSG_HDRLEN + IFINFOMSG_LEN) {
                parseLink(buffer, offset + NLMSG_HDRLEN, offset + messageLength, type == RTM_DELLINK, sink);
                links++;
            }
            offset += align(messageLength);
        }
        return links;
    }

    private static void parseLink(MemorySegment buffer, int start, int end, boolean deleted, Sink sink) {
        int ifindex = buffer.get(ValueLayout.JAVA_INT_UNALIGNED, start + 4);
        int flags = buffer.get(ValueLayout.JAVA_INT_UNALIGNED, start + 8);
        String name = null;
        int mtu = -1;
        long hwAddr = -1;
        int attr = start + IFINFOMSG_LEN;
        while (attr + RTA_HDRLEN <= end) {
            int attrLength = Short.toUnsignedInt(buffer.get(ValueLayout.JAVA_SHORT_UNALIGNED, attr));
            int attrType = Short.toUnsignedInt(buffer.get(ValueLayout.JAVA_SHORT_UNALIGNED, attr + 2)) & NLA_TYPE_MASK;
            if (attrLength < RTA_HDRLEN || attr + attrLength > end) {
                break;
            }
            int payload = attrLength - RTA_HDRLEN;
            int data = attr + RTA_HDRLEN;
            if (attrType == IFLA_IFNAME && payload > 0) {
                name = cString(buffer, data, payload);
            } else if (attrType == IFLA_MTU && payload >= 4) {
                mtu = buffer.get(ValueLayout.JAVA_INT_UNALIGNED, data);
            } else if (attrType == IFLA_ADDRESS && payload == 6) {
                hwAddr = InterfaceInfo.readMac(buffer, data);
            }
            attr += align(attrLength);
        }
        sink.link(deleted, ifindex, flags, name, mtu, hwAddr);
    }

    private static String cString(MemorySegment buffer, int start, int max) {
        int length = 0;
        while (length < max && buffer.get(ValueLayout.JAVA_BYTE, start + length) != 0) {
            length++;
        }
        byte[] bytes = new byte[length];
        MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, start, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int align(int length) {
        return (length + 3) & ~3;
    }
}
