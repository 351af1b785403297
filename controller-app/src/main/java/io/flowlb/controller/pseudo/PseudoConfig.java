package io.flowlb.controller.pseudo;

import io.flowlb.loadbalancer.model.MacAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of the pseudo-interface (configuration section {@code pseudo}).
 *
 * <pre>{@code
 * "pseudo": {
 *   "enabled": true,                 // runs when a control VIP is set and the controller may create
 *                                    // interfaces (root / CAP_NET_ADMIN); else off with one log line
 *   "interface": "flowlb0",          // the TAP device's name
 *   "controlVip": "10.0.0.254/24",   // the controller's address behind the switches (no default)
 *   "controlVip6": "fd00::fe/64",    // an IPv6 control VIP (optional)
 *   "mac": "02:fb:0a:00:00:fe",      // the TAP's MAC (default: 02:fb + the four bytes of the control VIP)
 *   "mtu": 1500                      // the TAP's MTU (576..9000)
 * }
 * }</pre>
 *
 * <p>The prefix of the control VIP is the subnet the controller host reaches through the
 * switches: with {@code 10.0.0.254/24} the host's own sockets (health checks, agent polls, ssh)
 * reach 10.0.0.0/24 through the TAP. Use an address in the servers' subnet.
 *
 * @param enabled false turns the pseudo-interface off whatever else is set
 * @param interfaceName the TAP device's name
 * @param controlVip the IPv4 control VIP and prefix; null leaves the pseudo-interface off
 * @param controlVip6 an IPv6 control VIP and prefix, or null
 * @param mac the TAP's MAC, or null for the default derived from the control VIP
 * @param mtu the TAP's MTU
 *
 * <p>Thread safety: immutable.
 */
public record PseudoConfig(boolean enabled, String interfaceName, InterfaceAddress controlVip,
        InterfaceAddress controlVip6, MacAddress mac, int mtu) {
    public static final String DEFAULT_INTERFACE = "flowlb0";
    public static final int DEFAULT_MTU = 1500;
    /** The first two octets of the default MAC: locally administered, unicast, "fb" for flowlb. */
    static final long DEFAULT_MAC_PREFIX = 0x02fb_0000_0000L;

    public PseudoConfig {
        try {
            TapSettings.checkName(interfaceName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'pseudo.interface': " + e.getMessage());
        }
        if (controlVip != null && !controlVip.isV4()) {
            throw new IllegalArgumentException("'pseudo.controlVip' must be an IPv4 address (use 'pseudo.controlVip6'"
                    + " for IPv6), not " + controlVip);
        }
        if (controlVip6 != null && controlVip6.isV4()) {
            throw new IllegalArgumentException("'pseudo.controlVip6' must be an IPv6 address, not " + controlVip6);
        }
        if (controlVip6 != null && controlVip == null) {
            throw new IllegalArgumentException("'pseudo.controlVip6' needs 'pseudo.controlVip' as well");
        }
        if (mac != null && !mac.isUnicastHost()) {
            throw new IllegalArgumentException("'pseudo.mac' must be a unicast address, not " + mac);
        }
        if (mtu < TapSettings.MIN_MTU || mtu > TapSettings.MAX_MTU) {
            throw new IllegalArgumentException("'pseudo.mtu' must be between " + TapSettings.MIN_MTU + " and "
                    + TapSettings.MAX_MTU + ", not " + mtu);
        }
    }

    /** Every default: enabled, {@code flowlb0}, no control VIP (so off), MTU 1500. */
    public static PseudoConfig defaults() {
        return new PseudoConfig(true, DEFAULT_INTERFACE, null, null, null, DEFAULT_MTU);
    }

    /**
     * Builds the settings from configuration text; a bad value is an
     * {@link IllegalArgumentException} whose message names its key.
     */
    public static PseudoConfig parse(boolean enabled, String interfaceName, String controlVip, String controlVip6,
            String mac, int mtu) {
        return new PseudoConfig(enabled, interfaceName, address("pseudo.controlVip", controlVip),
                address("pseudo.controlVip6", controlVip6), mac(mac), mtu);
    }

    private static InterfaceAddress address(String key, String text) {
        if (text == null) {
            return null;
        }
        try {
            return InterfaceAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + key + "': " + e.getMessage());
        }
    }

    private static MacAddress mac(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MacAddress.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'pseudo.mac': '" + text + "' is not a MAC address like"
                    + " 02:fb:0a:00:00:fe");
        }
    }

    /** The same settings with another control VIP (a command-line flag). */
    public PseudoConfig withControlVip(InterfaceAddress vip) {
        return new PseudoConfig(enabled, interfaceName, vip, controlVip6, mac, mtu);
    }

    /** The same settings switched on or off. */
    public PseudoConfig withEnabled(boolean on) {
        return new PseudoConfig(on, interfaceName, controlVip, controlVip6, mac, mtu);
    }

    /** True when the pseudo-interface should run: enabled, with a control VIP. */
    public boolean wanted() {
        return enabled && controlVip != null;
    }

    /** The TAP's MAC: the configured one, else {@code 02:fb} followed by the control VIP's four bytes. */
    public MacAddress effectiveMac() {
        if (mac != null || controlVip == null) {
            return mac;
        }
        return new MacAddress(DEFAULT_MAC_PREFIX | (controlVip.address().v4() & 0xffff_ffffL));
    }

    /** The TAP device these settings describe (needs a control VIP). */
    public TapSettings tapSettings() {
        return new TapSettings(interfaceName, effectiveMac(), mtu, controlVip, controlVip6);
    }

    /** The settings as configuration JSON values, every key present ({@code --print-config}). */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", enabled);
        m.put("interface", interfaceName);
        m.put("controlVip", controlVip == null ? null : controlVip.toString());
        m.put("controlVip6", controlVip6 == null ? null : controlVip6.toString());
        m.put("mac", mac == null ? null : mac.toString());
        m.put("mtu", mtu);
        return m;
    }
}
