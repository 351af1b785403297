package io.flowlb.loadbalancer.model;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Checks shared by every model record: each one throws a {@link ValidationException} naming the
 * field, so that the records' compact constructors stay one line per rule.
 *
 * <p>Thread safety: stateless.
 */
public final class Fields {
    /** Longest identifier, tag or token accepted. */
    public static final int MAX_TOKEN_LENGTH = 64;
    /** Longest human-readable name accepted. */
    public static final int MAX_NAME_LENGTH = 255;

    private Fields() {
    }

    /** Rejects a missing value. */
    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        return value;
    }

    /** Returns {@code value}, or {@code fallback} when the value was left out. */
    public static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    public static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ValidationException(field, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    public static long range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ValidationException(field, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** Rejects NaN, infinities and values outside {@code [min, max]}. */
    public static double range(String field, double value, double min, double max) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new ValidationException(field, "must be a finite number, got " + value);
        }
        if (value < min || value > max) {
            throw new ValidationException(field, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A port number, where 0 has the meaning the caller documents (all ports, same as the VIP, none). */
    public static int port(String field, int value) {
        return range(field, value, 0, 65_535);
    }

    /**
     * An identifier or tag: 1 to 64 characters from {@code A-Z a-z 0-9 . _ : -}, starting with a
     * letter or digit, so that it is safe in a URL path, a log line and a metric label.
     */
    public static String token(String field, String value) {
        required(field, value);
        if (value.isEmpty() || value.length() > MAX_TOKEN_LENGTH) {
            throw new ValidationException(field, "must have 1 to " + MAX_TOKEN_LENGTH + " characters, got "
                    + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '.' && c != '_' && c != ':' && c != '-'))) {
                throw new ValidationException(field, "must start with a letter or digit and contain only letters,"
                        + " digits and . _ : -, got \"" + printable(value) + "\"");
            }
        }
        return value;
    }

    /** A free-text name: missing becomes empty; at most 255 characters, no control characters. */
    public static String name(String field, String value) {
        if (value == null) {
            return "";
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw new ValidationException(field, "must have at most " + MAX_NAME_LENGTH + " characters, got "
                    + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new ValidationException(field, "must not contain control characters");
            }
        }
        return value;
    }

    /**
     * A set of tokens, copied into an unmodifiable sorted set; missing or empty becomes the one
     * shared empty set (most members have no tags, and 100,000 empty TreeSets cost 10 MB).
     */
    public static SortedSet<String> tokens(String field, Collection<String> values) {
        if (values == null || values.isEmpty()) {
            return Collections.emptySortedSet();
        }
        TreeSet<String> copy = new TreeSet<>();
        for (String v : values) {
            copy.add(token(field, v));
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    /** An unmodifiable copy of a list with no null and no repeated element; missing becomes empty. */
    public static <T> List<T> distinct(String field, Collection<T> values) {
        if (values == null) {
            return List.of();
        }
        Set<T> seen = new HashSet<>();
        for (T v : values) {
            required(field, v);
            if (!seen.add(v)) {
                throw new ValidationException(field, "lists " + v + " twice");
            }
        }
        return List.copyOf(values);
    }

    /**
     * Parses an enum constant by name, ignoring case and accepting {@code -} for {@code _}
     * ({@code "least-connections"}, {@code "LEAST_CONNECTIONS"}).
     */
    public static <E extends Enum<E>> E parseEnum(Class<E> type, String field, String text) {
        required(field, text);
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(key)) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.isEmpty() ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        }
        throw new ValidationException(field, "must be one of " + allowed + ", got \"" + printable(text) + "\"");
    }

    /** The text with control characters replaced and cut to a length fit for an error message. */
    public static String printable(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), 80));
        for (int i = 0; i < text.length() && i < 80; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.length() > 80 ? b.append("...").toString() : b.toString();
    }
}
