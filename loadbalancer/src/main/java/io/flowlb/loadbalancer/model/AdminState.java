package io.flowlb.loadbalancer.model;

/**
 * The operator's intent for a member or a VIP, independent of its health.
 *
 * <p>Text form: the constant's name in any case, with {@code -} or {@code _}.
 */
public enum AdminState {
    /** In service. The default. */
    UP,
    /** No new connections; existing connections continue until they end. */
    DRAIN,
    /** Out of service: no traffic; its connections are re-selected to other members. */
    MAINT;

    public static AdminState parse(String text) {
        return Fields.parseEnum(AdminState.class, "admin_state", text);
    }

    public static AdminState parse(String field, String text) {
        return Fields.parseEnum(AdminState.class, field, text);
    }
}
