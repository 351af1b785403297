package io.flowlb.controller.pseudo;

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
 * The few C library calls a TAP device needs, bound through {@code java.lang.foreign}:
 * {@code open(2)}, {@code read(2)}, {@code write(2)}, {@code poll(2)}, {@code close(2)},
 * {@code socket(2)} (for the interface ioctls) and {@code ioctl(2)}.
 *
 * <p>Every call captures {@code errno} into a <em>call state</em> segment the caller owns
 * ({@link #newCallState}); a thread that calls repeatedly keeps its own. Arguments are assigned
 * to locals before {@code invokeExact}, whose static types must match the binding exactly.
 *
 * <p>Thread safety: stateless; a call state belongs to one thread at a time.
 */
final class Libc {
    static final int O_RDWR = 2;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;

    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    /** {@code _IOW('T', 202, int)}: attach the file to a (new) TUN/TAP interface. */
    static final long TUNSETIFF = 0x400454caL;
    /** {@code _IOW('T', 203, int)}: keep (1) or drop (0) the interface when the file closes. */
    static final long TUNSETPERSIST = 0x400454cbL;
    /** {@code _IOR('T', 210, unsigned int)}: the attached interface's name and flags. */
    static final long TUNGETIFF = 0x800454d2L;
    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCSIFFLAGS = 0x8914;
    static final long SIOCSIFADDR = 0x8916;
    static final long SIOCSIFNETMASK = 0x891c;
    static final long SIOCSIFMTU = 0x8922;
    static final long SIOCSIFHWADDR = 0x8924;
    static final long SIOCGIFINDEX = 0x8933;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int ENXIO = 6;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int EEXIST = 17;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int EBADFD = 77;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle OPEN = bind("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle READ = bind("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = bind("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle POLL = bind("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SOCKET = bind("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle IOCTL = bind("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LOOKUP.find("strerror").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {
    }

    private static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... more) {
        MemorySegment symbol = LOOKUP.find(name)
                .orElseThrow(() -> new IllegalStateException("the C library has no symbol " + name));
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    static MemorySegment newCallState(Arena arena) {
        return arena.allocate(CALL_STATE_LAYOUT);
    }

    static int errno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }

    /** The C library's text for an error number ("Operation not permitted"). */
    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    static int open(MemorySegment cs, MemorySegment path, int flags) {
        try {
            int mode = 0;
            return (int) OPEN.invokeExact(cs, path, flags, mode);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    static long read(MemorySegment cs, int fd, MemorySegment buffer, long length) {
        try {
            return (long) READ.invokeExact(cs, fd, buffer, length);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    static long write(MemorySegment cs, int fd, MemorySegment buffer, long length) {
        try {
            return (long) WRITE.invokeExact(cs, fd, buffer, length);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** {@code fds} holds {@code count} {@code struct pollfd} (8 bytes each). */
    static int poll(MemorySegment cs, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(cs, fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    static int close(MemorySegment cs, int fd) {
        try {
            return (int) CLOSE.invokeExact(cs, fd);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    static int socket(MemorySegment cs, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(cs, domain, type, protocol);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    static int ioctl(MemorySegment cs, int fd, long request, MemorySegment arg) {
        try {
            return (int) IOCTL.invokeExact(cs, fd, request, arg);
        } catch (Throwable t) {
            throw fatal(t);
        }
    }

    /** A downcall only fails this way when the binding itself is wrong: a programming error. */
    private static IllegalStateException fatal(Throwable t) {
        return new IllegalStateException("native call failed: " + t, t);
    }
}
