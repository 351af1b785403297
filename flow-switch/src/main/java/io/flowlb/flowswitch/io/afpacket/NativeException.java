package io.flowlb.flowswitch.io.afpacket;

import java.io.IOException;

/**
 * A system call failed while setting a port up: names the call, the interface and the error,
 * and says what to do for the errors a user can fix (privilege, missing interface).
 */
public final class NativeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public NativeException(String operation, String subject, int errno) {
        super(message(operation, subject, errno));
        this.errno = errno;
    }

    /** The C library's error number. */
    public int errno() {
        return errno;
    }

    private static String message(String operation, String subject, int errno) {
        String text = operation + " for " + subject + " failed: " + Libc.strerror(errno) + " (errno " + errno + ")";
        return switch (errno) {
            case Libc.EPERM, Libc.EACCES -> text
                    + ". AF_PACKET sockets need CAP_NET_RAW: run flow-switch as root (or grant the capability)";
            case Libc.ENODEV, Libc.ENXIO -> text + ". Check the interface name with 'ip link'";
            case Libc.ENOMEM -> text + ". The ring is too large for the memory available: lower the block count";
            default -> text;
        };
    }
}
