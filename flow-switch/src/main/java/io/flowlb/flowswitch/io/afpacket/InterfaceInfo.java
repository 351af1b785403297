package io.flowlb.flowswitch.io.afpacket;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * What the kernel says about one network interface at one moment: index, hardware address,
 * MTU and flags, read with the {@code SIOCGIF*} ioctls (no privilege needed).
 *
 * <p>Thread safety: immutable.
 *
 * @param name the interface name
 * @param ifindex the kernel's interface index (changes when an interface is re-created)
 * @param hwAddr the hardware address in the low 48 bits
 * @param mtu the L3 MTU in bytes
 * @param flags the {@code IFF_*} flags
 */
public record InterfaceInfo(String name, int ifindex, long hwAddr, int mtu, int flags) {
    public static final int IFF_UP = 0x1;
    public static final int IFF_RUNNING = 0x40;
    /** Linux allows 15 bytes plus the terminating NUL. */
    public static final int IFNAMSIZ = 16;

    private static final int IFREQ_SIZE = 40;
    private static final long IFR_UNION = 16;

    /** Up means administratively up and with carrier (operationally running). */
    public boolean linkUp() {
        return isLinkUp(flags);
    }

    /** The rule {@link #linkUp()} applies, for flags that arrive by other paths (netlink). */
    public static boolean isLinkUp(int flags) {
        return (flags & IFF_UP) != 0 && (flags & IFF_RUNNING) != 0;
    }

    /** Rejects names Linux could never hold, with a message that says why. */
    public static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("interface name is empty");
        }
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name '" + name + "' is longer than 15 bytes");
        }
        for (byte b : bytes) {
            if (b == '/' || b == ':' || b <= ' ') {
                throw new IllegalArgumentException("interface name '" + name + "' contains '/', ':' or white space");
            }
        }
        return name;
    }

    /**
     * Queries the interface named {@code name}.
     *
     * @throws NativeException with {@code ENODEV} when no interface has that name
     */
    public static InterfaceInfo query(String name) throws NativeException {
        checkName(name);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cs = Libc.newCallState(arena);
            int fd = Libc.socket(cs, Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new NativeException("socket(AF_INET)", "interface queries", Libc.errno(cs));
            }
            try {
                MemorySegment ifr = arena.allocate(IFREQ_SIZE, 8);
                int ifindex = ioctl(cs, fd, ifr, name, Libc.SIOCGIFINDEX, "SIOCGIFINDEX").get(ValueLayout.JAVA_INT, IFR_UNION);
                int mtu = ioctl(cs, fd, ifr, name, Libc.SIOCGIFMTU, "SIOCGIFMTU").get(ValueLayout.JAVA_INT, IFR_UNION);
                int flags = Short.toUnsignedInt(
                        ioctl(cs, fd, ifr, name, Libc.SIOCGIFFLAGS, "SIOCGIFFLAGS").get(ValueLayout.JAVA_SHORT, IFR_UNION));
                // struct sockaddr: 2 bytes of family, then the address.
                long mac = readMac(ioctl(cs, fd, ifr, name, Libc.SIOCGIFHWADDR, "SIOCGIFHWADDR"), IFR_UNION + 2);
                return new InterfaceInfo(name, ifindex, mac, mtu, flags);
            } finally {
                Libc.close(cs, fd);
            }
        }
    }

    /** Reads six bytes at {@code offset} as a MAC address in the low 48 bits. */
    static long readMac(MemorySegment segment, long offset) {
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = (mac << 8) | Byte.toUnsignedLong(segment.get(ValueLayout.JAVA_BYTE, offset + i));
        }
        return mac;
    }

    private static MemorySegment ioctl(MemorySegment cs, int fd, MemorySegment ifr, String name, long request,
            String what) throws NativeException {
        ifr.fill((byte) 0);
        ifr.setString(0, name);
        if (Libc.ioctl(cs, fd, request, ifr) < 0) {
            throw new NativeException(what, "interface '" + name + "'", Libc.errno(cs));
        }
        return ifr;
    }
}
