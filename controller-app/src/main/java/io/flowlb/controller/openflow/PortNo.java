package io.flowlb.controller.openflow;

import org.projectfloodlight.openflow.types.OFPort;

/**
 * An OpenFlow port number, held as the unsigned 32-bit value of OpenFlow 1.3. OpenFlow 1.0's
 * 16-bit reserved ports are mapped to their 1.3 values by the codec, so one value means the same
 * port whatever version a switch speaks.
 *
 * <p>Thread safety: immutable.
 */
public record PortNo(int value) implements Comparable<PortNo> {
    /** The highest number of a physical (or logical, non-reserved) port: OFPP_MAX. */
    public static final int MAX_PHYSICAL = 0xffffff00;

    public static final PortNo IN_PORT = new PortNo(0xfffffff8);
    public static final PortNo TABLE = new PortNo(0xfffffff9);
    public static final PortNo NORMAL = new PortNo(0xfffffffa);
    public static final PortNo FLOOD = new PortNo(0xfffffffb);
    public static final PortNo ALL = new PortNo(0xfffffffc);
    public static final PortNo CONTROLLER = new PortNo(0xfffffffd);
    public static final PortNo LOCAL = new PortNo(0xfffffffe);
    public static final PortNo ANY = new PortNo(0xffffffff);

    public static PortNo of(int value) {
        return new PortNo(value);
    }

    public static PortNo of(OFPort port) {
        return new PortNo(port.getPortNumber());
    }

    /** True for a switch port a cable (or veth) can plug into, false for reserved ports and LOCAL. */
    public boolean isPhysical() {
        return Integer.compareUnsigned(value, MAX_PHYSICAL) <= 0 && value != 0;
    }

    public OFPort toOfPort() {
        return OFPort.of(value);
    }

    @Override
    public int compareTo(PortNo o) {
        return Integer.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return switch (value) {
            case 0xfffffff8 -> "IN_PORT";
            case 0xfffffff9 -> "TABLE";
            case 0xfffffffa -> "NORMAL";
            case 0xfffffffb -> "FLOOD";
            case 0xfffffffc -> "ALL";
            case 0xfffffffd -> "CONTROLLER";
            case 0xfffffffe -> "LOCAL";
            case 0xffffffff -> "ANY";
            default -> Integer.toUnsignedString(value);
        };
    }
}
