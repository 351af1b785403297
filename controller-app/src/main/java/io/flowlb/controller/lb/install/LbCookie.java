package io.flowlb.controller.lb.install;

import io.flowlb.controller.openflow.AppCookie;

/**
 * The load balancer's flow cookies: {@link AppCookie#LOAD_BALANCER} in the top 16 bits, then
 * the kind of flow (8 bits), then 40 bits of a hash of the object the flow belongs to (a VIP, a
 * member, a router pool). A dump of the switch's flows thus tells which object each flow serves,
 * and the flows of one object can be deleted by cookie and {@link #OBJECT_MASK} (the reactive
 * installer deletes a removed member's connections that way).
 *
 * <p>Thread safety: constants and pure functions.
 */
public final class LbCookie {
    /** Selects application, kind and object: every flow of one object and kind. */
    public static final long OBJECT_MASK = -1L;
    /** Selects the application and kind. */
    public static final long KIND_MASK = 0xffff_ff00_0000_0000L;

    private LbCookie() {
    }

    /** What a flow is for. */
    public enum Kind {
        VIP(1), REVERSE_NAT(2), VIP_ARP(3), ARP_GUARD(4), REFUSE(5), ECHO(6), GATEWAY_ARP(7), CONNECTION(8),
        ADOPTION(9);

        final int code;

        Kind(int code) {
            this.code = code;
        }
    }

    /** The cookie of the flows of {@code kind} serving the object named {@code key}. */
    public static long of(Kind kind, String key) {
        return AppCookie.of(AppCookie.LOAD_BALANCER, ((long) kind.code << 40) | hash40(key)).getValue();
    }

    /** The cookie selecting every load-balancer flow of {@code kind} (use with {@link #KIND_MASK}). */
    public static long ofKind(Kind kind) {
        return AppCookie.of(AppCookie.LOAD_BALANCER, (long) kind.code << 40).getValue();
    }

    /** The cookie selecting every load-balancer flow (use with {@link AppCookie#APP_MASK}). */
    public static long all() {
        return AppCookie.app(AppCookie.LOAD_BALANCER).getValue();
    }

    /** FNV-1a over the key's characters, folded to 40 bits. */
    static long hash40(String key) {
        long h = 0xcbf2_9ce4_8422_2325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x0000_0100_0000_01b3L;
        }
        return (h ^ (h >>> 40)) & 0xff_ffff_ffffL;
    }
}
