package io.flowlb.loadbalancer.model;

import java.util.Locale;

/**
 * The IP protocol a VIP serves: any protocol number from 1 to 254 (TCP 6, UDP 17, ESP 50...),
 * or {@link #ANY} (number 0, as port 0 means every port) for every protocol on the VIP's address.
 * IP protocol 0 (IPv6 hop-by-hop options) is an extension header, never a transport, so the
 * number is free for this meaning.
 *
 * <p>Only TCP, UDP and SCTP carry ports; a VIP on any other protocol balances on
 * (source, destination, protocol) and must have port 0. That is how IPsec (ESP, AH), GRE and
 * IP-in-IP reach a pool untouched.
 *
 * <p>Text form: a known name ({@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6},
 * {@code esp}, {@code ah}, {@code gre}, {@code ipip}, {@code sctp}, {@code any}) or the decimal
 * number ({@code 0} = any); {@link #toString()} gives the name when there is one.
 *
 * <p>Thread safety: immutable.
 */
public record Protocol(int number) {
    /** The number that stands for every protocol. */
    public static final int ANY_NUMBER = 0;

    public static final Protocol ANY = new Protocol(ANY_NUMBER);
    public static final Protocol ICMP = new Protocol(1);
    public static final Protocol IPIP = new Protocol(4);
    public static final Protocol TCP = new Protocol(6);
    public static final Protocol UDP = new Protocol(17);
    public static final Protocol GRE = new Protocol(47);
    public static final Protocol ESP = new Protocol(50);
    public static final Protocol AH = new Protocol(51);
    public static final Protocol ICMPV6 = new Protocol(58);
    public static final Protocol SCTP = new Protocol(132);

    private static final Protocol[] NAMED = {ANY, ICMP, IPIP, TCP, UDP, GRE, ESP, AH, ICMPV6, SCTP};
    private static final String[] NAMES = {"any", "icmp", "ipip", "tcp", "udp", "gre", "esp", "ah", "icmpv6", "sctp"};

    public Protocol {
        if (number < 0 || number > 254) {
            throw new ValidationException("protocol", "must be a protocol name or a number from 0 (any) to 254, got "
                    + number);
        }
    }

    public static Protocol parse(String text) {
        return parse("protocol", text);
    }

    public static Protocol parse(String field, String text) {
        Fields.required(field, text);
        String key = text.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(key)) {
                return NAMED[i];
            }
        }
        try {
            int n = Integer.parseInt(key);
            if (n >= 0 && n <= 254) {
                return new Protocol(n);
            }
        } catch (NumberFormatException e) {
            // Reported below with the list of names.
        }
        throw new ValidationException(field, "must be one of " + String.join(", ", NAMES)
                + " or a protocol number from 0 (any) to 254, got \"" + Fields.printable(text) + "\"");
    }

    public boolean isAny() {
        return number == ANY_NUMBER;
    }

    /** TCP, UDP and SCTP carry ports; every other protocol is balanced without them. */
    public boolean hasPorts() {
        return number == 6 || number == 17 || number == 132;
    }

    /** True when a packet of IP protocol {@code ipProtocol} belongs to this VIP protocol. */
    public boolean matches(int ipProtocol) {
        return number == ANY_NUMBER || number == ipProtocol;
    }

    @Override
    public String toString() {
        for (int i = 0; i < NAMED.length; i++) {
            if (NAMED[i].number == number) {
                return NAMES[i];
            }
        }
        return Integer.toString(number);
    }
}
