package io.flowlb.controller.fwd;

/**
 * Settings of L2 forwarding.
 *
 * @param enabled whether the application runs at all (default true)
 * @param idleTimeoutSeconds idle timeout of the per-destination flows (default 30)
 * @param hardTimeoutSeconds hard timeout of those flows, 0 for none (default 0)
 * @param matchInPort whether flows also match the input port (default true: a flow per
 *                    input port and destination, so a moved source is noticed)
 * @param matchEthSrc whether flows also match the source MAC (default false: one flow per
 *                    destination and input port serves every source)
 *
 * <p>Thread safety: immutable.
 */
public record L2Config(boolean enabled, int idleTimeoutSeconds, int hardTimeoutSeconds, boolean matchInPort,
        boolean matchEthSrc) {

    public static L2Config defaults() {
        return new L2Config(true, 30, 0, true, false);
    }
}
