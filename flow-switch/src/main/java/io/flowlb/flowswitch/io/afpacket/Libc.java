package io.flowlb.flowswitch.io.afpacket;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library calls the switch needs, bound through {@code java.lang.foreign}: sockets,
 * socket options, ring mapping, {@code poll(2)}, {@code sendto(2)}, {@code recv(2)}, thread
 * affinity ({@code sched_setaffinity(2)}) and the
 * interface ioctls (an interface's index comes from {@code SIOCGIFINDEX}, which reads it in the
 * same pass as its flags, MTU and address).
 *
 * <p>Every call captures {@code errno} into a <em>call state</em> segment that the caller passes
 * first and owns ({@link #newCallState}); a thread that makes calls on the packet path keeps
 * its own, so a call allocates nothing. Arguments are assigned to locals before
 * {@code invokeExact}: an expression such as {@code a ? b : c} in the argument list changes
 * the call's static type and fails at run time.
 *
 * <p>Thread safety: stateless; a call state segment belongs to one thread at a time.
 */
public final class Libc {
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_ERROR = 4;
    public static final int SO_RCVBUF = 8;
    public static final int SOL_PACKET = 263;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;

    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int MAP_SHARED = 1;
    public static final int MAP_POPULATE = 0x8000;

    public static final short POLLIN = 0x1;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;

    public static final long SIOCGIFFLAGS = 0x8913;
    public static final long SIOCGIFMTU = 0x8921;
    public static final long SIOCGIFHWADDR = 0x8927;
    public static final long SIOCGIFINDEX = 0x8933;

    public static final int EINTR = 4;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int EMSGSIZE = 90;
    public static final int ENETDOWN = 100;
    public static final int ENOBUFS = 105;
    public static final int EPERM = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE_LAYOUT.varHandle(
            MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = bind("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKOPT = bind("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle MMAP = bind("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = bind("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle POLL = bind("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SENDTO = bind("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV = bind("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle IOCTL = LINKER.downcallHandle(LOOKUP.find("ioctl").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
            Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SCHED_SETAFFINITY = bind("sched_setaffinity",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    /** {@code cpu_set_t}: 1024 bits. */
    public static final int CPU_SET_BYTES = 128;
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LOOKUP.find("strerror").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {
    }

    private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LOOKUP.find(name)
                .orElseThrow(() -> new IllegalStateException("the C library has no symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"));
    }

    /** Allocates a call state segment (holds {@code errno} after each call) in {@code arena}. */
    public static MemorySegment newCallState(Arena arena) {
        return arena.allocate(CALL_STATE_LAYOUT);
    }

    /** The {@code errno} the last call made with {@code callState} left behind. */
    public static int errno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }

    /** The C library's text for an error number. */
    public static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    public static int socket(MemorySegment cs, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(cs, domain, type, protocol);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int bind(MemorySegment cs, int fd, MemorySegment addr, int addrLen) {
        try {
            return (int) BIND.invokeExact(cs, fd, addr, addrLen);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int setsockopt(MemorySegment cs, int fd, int level, int name, MemorySegment value, int len) {
        try {
            return (int) SETSOCKOPT.invokeExact(cs, fd, level, name, value, len);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** {@code len} points to a 4-byte {@code socklen_t} holding the capacity of {@code value}. */
    public static int getsockopt(MemorySegment cs, int fd, int level, int name, MemorySegment value, MemorySegment len) {
        try {
            return (int) GETSOCKOPT.invokeExact(cs, fd, level, name, value, len);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** Returns the mapping's address, or -1 ({@code MAP_FAILED}) with errno set. */
    public static long mmap(MemorySegment cs, long length, int prot, int flags, int fd, long offset) {
        try {
            MemorySegment none = MemorySegment.NULL;
            MemorySegment address = (MemorySegment) MMAP.invokeExact(cs, none, length, prot, flags, fd, offset);
            return address.address();
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int munmap(MemorySegment cs, long address, long length) {
        try {
            MemorySegment at = MemorySegment.ofAddress(address);
            return (int) MUNMAP.invokeExact(cs, at, length);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** {@code fds} holds {@code count} {@code struct pollfd} (8 bytes each). */
    public static int poll(MemorySegment cs, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(cs, fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** The transmit-ring kick: {@code sendto(fd, NULL, 0, flags, NULL, 0)}. */
    public static long kick(MemorySegment cs, int fd, int flags) {
        MemorySegment none = MemorySegment.NULL;
        return sendto(cs, fd, none, 0L, flags, none, 0);
    }

    public static long sendto(MemorySegment cs, int fd, MemorySegment buffer, long length, int flags,
            MemorySegment address, int addressLength) {
        try {
            return (long) SENDTO.invokeExact(cs, fd, buffer, length, flags, address, addressLength);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static long recv(MemorySegment cs, int fd, MemorySegment buffer, long length, int flags) {
        try {
            return (long) RECV.invokeExact(cs, fd, buffer, length, flags);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int ioctl(MemorySegment cs, int fd, long request, MemorySegment arg) {
        try {
            return (int) IOCTL.invokeExact(cs, fd, request, arg);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    public static int close(MemorySegment cs, int fd) {
        try {
            return (int) CLOSE.invokeExact(cs, fd);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /**
     * Restricts the calling thread to the CPUs set in {@code mask} (a {@code cpu_set_t} of
     * {@link #CPU_SET_BYTES}): {@code sched_setaffinity(0, ...)}. Returns 0, or -1 with errno set.
     */
    public static int setThreadAffinity(MemorySegment cs, MemorySegment mask) {
        try {
            return (int) SCHED_SETAFFINITY.invokeExact(cs, 0, mask.byteSize(), mask);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** A downcall can only fail this way when the binding itself is wrong: a programming error. */
    private static IllegalStateException fatal(Throwable t) {
        return new IllegalStateException("native call failed: " + t, t);
    }
}
