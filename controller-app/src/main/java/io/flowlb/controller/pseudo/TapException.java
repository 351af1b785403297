package io.flowlb.controller.pseudo;

/**
 * A TAP device could not be created or set up. The message says what failed and what to do
 * (run as root, free the name, load TUN/TAP support); it is meant for the operator as is.
 */
public final class TapException extends RuntimeException {
    private final int errno;

    public TapException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The C library error behind it, or 0. */
    public int errno() {
        return errno;
    }
}
