package io.flowlb.flowswitch.datapath.spec;

/**
 * One port as PORT_DESC and PORT_STATUS describe it. Application ports have no hardware
 * address (0), never go down, and carry their application's name.
 *
 * @param config {@code ofp_port_config} bits ({@link #CONFIG_PORT_DOWN}...)
 * @param state {@code ofp_port_state} bits ({@link #STATE_LINK_DOWN}, {@link #STATE_LIVE})
 *
 * <p>Thread safety: immutable.
 */
public record PortDesc(int portNo, String name, long hwAddr, int mtu, int config, int state, long currSpeedKbps) {
    public static final int CONFIG_PORT_DOWN = 1;
    public static final int CONFIG_NO_RECV = 1 << 2;
    public static final int CONFIG_NO_FWD = 1 << 5;
    public static final int CONFIG_NO_PACKET_IN = 1 << 6;
    public static final int STATE_LINK_DOWN = 1;
    public static final int STATE_BLOCKED = 1 << 1;
    public static final int STATE_LIVE = 1 << 2;

    /** True when frames can leave through the port (link up, not administratively down). */
    public boolean isLive() {
        return (state & STATE_LINK_DOWN) == 0 && (config & CONFIG_PORT_DOWN) == 0;
    }
}
