package io.flowlb.flowswitch.ofagent;

/**
 * What the switch says about itself in FEATURES_REPLY and the DESC statistics.
 *
 * @param dpid the datapath id
 * @param name the switch's name (the DESC reply's dp_desc)
 * @param softwareVersion the DESC reply's sw_desc
 *
 * <p>Thread safety: immutable.
 */
public record SwitchIdentity(long dpid, String name, String softwareVersion) {
    public static final String MANUFACTURER = "flowlb";
    public static final String HARDWARE = "flow-switch (AF_PACKET, Java)";

    /** The dpid as OpenFlow tools print it: 16 hex digits. */
    public String dpidString() {
        return String.format("%016x", dpid);
    }
}
