package io.flowlb.controller.openflow;

import org.projectfloodlight.openflow.types.U64;

/**
 * Flow cookies that say which application installed a flow: the top 16 bits are the
 * application id, the low 48 bits are the application's own. An application deletes or dumps
 * its own flows with its cookie and {@link #APP_MASK} (OpenFlow 1.1+; on 1.0 flows are deleted by
 * match).
 *
 * <p>Thread safety: constants and pure functions.
 */
public final class AppCookie {
    /** Selects the application id of a cookie. */
    public static final long APP_MASK = 0xffff_0000_0000_0000L;

    /** Flows the controller installs on every switch when it connects (table-miss). */
    public static final int SETUP = 0x5345;
    /** LLDP to the controller. */
    public static final int LINK_DISCOVERY = 0x4c44;
    /** L2 forwarding's per-destination flows. */
    public static final int L2_FORWARDING = 0x4c32;
    /** The load-balancer application. */
    public static final int LOAD_BALANCER = 0x4c42;

    private AppCookie() {
    }

    /** The cookie of application {@code app} with its own 48-bit {@code value}. */
    public static U64 of(int app, long value) {
        return U64.of(bits(app, value));
    }

    /** {@link #of} as a primitive (for messages written without OpenFlowJ objects). */
    public static long bits(int app, long value) {
        return ((long) (app & 0xffff) << 48) | (value & 0x0000_ffff_ffff_ffffL);
    }

    /** The cookie with only the application id set, for deleting by {@link #mask()}. */
    public static U64 app(int app) {
        return of(app, 0);
    }

    public static U64 mask() {
        return U64.of(APP_MASK);
    }

    /** The application id of a cookie. */
    public static int appOf(U64 cookie) {
        return (int) (cookie.getValue() >>> 48);
    }
}
