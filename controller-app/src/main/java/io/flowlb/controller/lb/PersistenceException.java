package io.flowlb.controller.lb;

/**
 * An accepted change that could not be written to the state file, and was therefore not applied:
 * the configuration is still the one before the change.
 *
 * <p>Thread safety: immutable.
 */
public final class PersistenceException extends RuntimeException {
    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
