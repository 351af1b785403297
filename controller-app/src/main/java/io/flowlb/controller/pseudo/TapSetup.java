package io.flowlb.controller.pseudo;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The interface ioctls that give a freshly created TAP device its MAC, MTU, addresses and the
 * UP flag, on a datagram socket (the classic {@code ifconfig} calls: they need no netlink
 * message building and exist on every Linux).
 *
 * <p>Order: MAC and MTU while the interface is down, IPv6 disabled when no IPv6 address is
 * wanted (so the kernel sends no router solicitations or MLD reports into the network), the
 * IPv4 address and netmask, UP, then the IPv6 address.
 *
 * <p>Thread safety: stateless; runs once per device on the creating thread.
 */
final class TapSetup {
    private static final int IN6_IFREQ_SIZE = 24;

    private TapSetup() {
    }

    /** Configures the interface; returns its index. */
    static int configure(Arena arena, MemorySegment cs, TapSettings s) {
        int sock = Libc.socket(cs, Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        if (sock < 0) {
            throw failure(s, "open a configuration socket", Libc.errno(cs));
        }
        try {
            String name = s.name();
            MemorySegment ifr = TapDevice.ifreq(arena, name);
            ifr.set(JAVA_SHORT, TapDevice.IFREQ_UNION, TapDevice.ARPHRD_ETHER);
            MemorySegment.copy(s.mac().toBytes(), 0, ifr, JAVA_BYTE, TapDevice.IFREQ_UNION + 2, 6);
            ioctl(cs, sock, Libc.SIOCSIFHWADDR, ifr, s, "set MAC " + s.mac());

            ifr = TapDevice.ifreq(arena, name);
            ifr.set(JAVA_INT, TapDevice.IFREQ_UNION, s.mtu());
            ioctl(cs, sock, Libc.SIOCSIFMTU, ifr, s, "set MTU " + s.mtu());

            if (s.ipv6() == null) {
                TapDevice.sysctl("net/ipv6/conf/" + name + "/disable_ipv6", "1");
            }
            if (s.ipv4() != null) {
                ioctl(cs, sock, Libc.SIOCSIFADDR, sockaddrIn(arena, name, s.ipv4().address().v4()), s,
                        "set address " + s.ipv4().address());
                ioctl(cs, sock, Libc.SIOCSIFNETMASK, sockaddrIn(arena, name, s.ipv4().netmask()), s,
                        "set prefix /" + s.ipv4().prefixLength());
            }
            ifr = TapDevice.ifreq(arena, name);
            ioctl(cs, sock, Libc.SIOCGIFFLAGS, ifr, s, "read flags");
            ifr.set(JAVA_SHORT, TapDevice.IFREQ_UNION, (short) (ifr.get(JAVA_SHORT, TapDevice.IFREQ_UNION)
                    | TapDevice.IFF_UP));
            ioctl(cs, sock, Libc.SIOCSIFFLAGS, ifr, s, "bring it up");

            ifr = TapDevice.ifreq(arena, name);
            ioctl(cs, sock, Libc.SIOCGIFINDEX, ifr, s, "read its index");
            int index = ifr.get(JAVA_INT, TapDevice.IFREQ_UNION);
            if (s.ipv6() != null) {
                addIpv6(arena, cs, s, index);
            }
            return index;
        } finally {
            Libc.close(cs, sock);
        }
    }

    /** {@code SIOCSIFADDR} on an IPv6 socket with a {@code struct in6_ifreq}. */
    private static void addIpv6(Arena arena, MemorySegment cs, TapSettings s, int index) {
        int sock6 = Libc.socket(cs, Libc.AF_INET6, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        if (sock6 < 0) {
            throw failure(s, "open an IPv6 socket (is IPv6 disabled on this host?)", Libc.errno(cs));
        }
        try {
            MemorySegment req = arena.allocate(IN6_IFREQ_SIZE, 8);
            MemorySegment.copy(s.ipv6().address().toBytes(), 0, req, JAVA_BYTE, 0, 16);
            req.set(JAVA_INT, 16, s.ipv6().prefixLength());
            req.set(JAVA_INT, 20, index);
            if (Libc.ioctl(cs, sock6, Libc.SIOCSIFADDR, req) < 0 && Libc.errno(cs) != Libc.EEXIST) {
                throw failure(s, "set address " + s.ipv6(), Libc.errno(cs));
            }
        } finally {
            Libc.close(cs, sock6);
        }
    }

    /** A {@code struct ifreq} holding a {@code struct sockaddr_in} with {@code address}. */
    private static MemorySegment sockaddrIn(Arena arena, String name, int address) {
        MemorySegment ifr = TapDevice.ifreq(arena, name);
        ifr.set(JAVA_SHORT, TapDevice.IFREQ_UNION, (short) Libc.AF_INET);
        for (int i = 0; i < 4; i++) {
            ifr.set(JAVA_BYTE, TapDevice.IFREQ_UNION + 4 + i, (byte) (address >>> (24 - 8 * i)));
        }
        return ifr;
    }

    private static void ioctl(MemorySegment cs, int sock, long request, MemorySegment ifr, TapSettings s, String what) {
        if (Libc.ioctl(cs, sock, request, ifr) < 0) {
            throw failure(s, what, Libc.errno(cs));
        }
    }

    private static TapException failure(TapSettings s, String what, int errno) {
        String hint = errno == Libc.EPERM || errno == Libc.EACCES ? " (needs CAP_NET_ADMIN: run as root)" : "";
        return new TapException("cannot " + what + " on TAP device " + s.name() + ": " + Libc.strerror(errno) + hint,
                errno);
    }
}
