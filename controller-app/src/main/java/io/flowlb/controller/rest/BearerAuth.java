package io.flowlb.controller.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code Authorization: Bearer <token>} against the configured token in constant time:
 * both are hashed with SHA-256 first, so neither the content nor the length of the token leaks
 * through the comparison's timing.
 *
 * <p>Thread safety: immutable.
 */
public final class BearerAuth {
    private final byte[] tokenHash;

    /** @param token the token, or null when no token is configured (every request passes) */
    public BearerAuth(String token) {
        this.tokenHash = token == null ? null : sha256(token);
    }

    public boolean enabled() {
        return tokenHash != null;
    }

    /** True when no token is configured or the header carries it. */
    public boolean allows(String authorizationHeader) {
        if (tokenHash == null) {
            return true;
        }
        if (authorizationHeader == null || authorizationHeader.length() < 7
                || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(tokenHash, sha256(authorizationHeader.substring(7).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
