package io.flowlb.controller.persist;

import java.nio.file.Path;

/**
 * A configuration or state file that cannot be used: unreadable, not JSON, or a configuration
 * the model rejects. The message names the file, the field (JSON path) when there is one, and
 * what to do.
 *
 * <p>Thread safety: immutable.
 */
public final class ConfigFileException extends Exception {
    private final transient Path file;
    private final String field;
    private final String error;

    public ConfigFileException(String what, Path file, String field, String error, String advice, Throwable cause) {
        super("cannot load the " + what + " " + file + ": " + (field == null ? "" : field + ": ") + error
                + (advice == null ? "" : ". " + advice), cause);
        this.file = file;
        this.field = field;
        this.error = error;
    }

    public Path file() {
        return file;
    }

    /** The JSON path of the value at fault, or null when the file as a whole is. */
    public String field() {
        return field;
    }

    public String error() {
        return error;
    }
}
