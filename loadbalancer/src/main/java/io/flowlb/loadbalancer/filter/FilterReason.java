package io.flowlb.loadbalancer.filter;

import io.flowlb.loadbalancer.packet.ParseResult;
import io.flowlb.loadbalancer.select.Selector;

/**
 * Why the {@link PacketFilter} gave its {@link Verdict}: one code per case, counted per code.
 *
 * <p>A reason usually implies its verdict; a few go with two, depending on the packet or the
 * settings: {@link #NO_SERVICE} and {@link #NO_CONNECTION} are a TCP RST ({@link Verdict#REPLY})
 * for a TCP segment and a {@link Verdict#DROP} otherwise (a reset is never answered);
 * {@link #NOT_FOR_VIP} and {@link #NOT_IP} are {@link Verdict#TO_CONTROL} or {@link Verdict#DROP}
 * as {@link FilterSettings#unmatchedToControl()} says. The first four codes equal the
 * {@link Selector#lastOutcome()} codes, so a forward maps to its reason without a branch.
 *
 * <p>Thread safety: constants only.
 */
public final class FilterReason {
    /** FORWARD: the first packet of a connection, member picked by Maglev and recorded. */
    public static final int NEW_CONNECTION = Selector.NEW;
    /** FORWARD: a packet of a recorded connection, to its member. */
    public static final int ESTABLISHED = Selector.HIT;
    /** FORWARD: a mid-connection TCP packet without an entry, picked by the same hash and adopted (consistent policy). */
    public static final int ADOPTED = Selector.ADOPTED;
    /** FORWARD: the connection's member is down or was removed; it was given another one. */
    public static final int RESELECTED = Selector.RESELECTED;
    /** FORWARD: a member's answer on a NAT connection, translated back to come from the VIP. */
    public static final int NAT_REPLY = 4;
    /** TO_CONTROL: addressed to (or asking for) a control-plane address. */
    public static final int CONTROL_ADDRESS = 5;
    /** TO_CONTROL or DROP: IP or ARP traffic for no VIP and no NAT connection. */
    public static final int NOT_FOR_VIP = 6;
    /** TO_CONTROL or DROP: a frame that is neither IP nor ARP (LLDP, LLC/STP...). */
    public static final int NOT_IP = 7;
    /** REPLY: an ARP request for a VIP, answered with the VIP's MAC. */
    public static final int ARP_FOR_VIP = 8;
    /** REPLY: an IPv6 neighbor solicitation for a VIP, answered with a neighbor advertisement. */
    public static final int SOLICITATION_FOR_VIP = 9;
    /** REPLY: an echo request to a VIP that has no ICMP service, answered by the filter. */
    public static final int ECHO_REQUEST = 10;
    /** REPLY (TCP RST) or DROP: to a VIP address, but no service has its protocol and port. */
    public static final int NO_SERVICE = 11;
    /** REPLY (TCP RST) or DROP: a mid-connection TCP packet without an entry under the strict policy. */
    public static final int NO_CONNECTION = 12;
    /** DROP: the service has no member that may take the connection (none, all down or drained). */
    public static final int NO_BACKEND = 13;
    /** DROP: a TCP or UDP fragment for a service (its later fragments carry no ports to balance on). */
    public static final int FRAGMENT = 14;
    /** DROP: the chosen member's MAC is not known yet, so the frame cannot be addressed to it. */
    public static final int MEMBER_MAC_UNKNOWN = 15;
    /** DROP: the answer does not fit in the caller's reply buffer. */
    public static final int NO_ROOM = 16;
    /** DROP: malformed frames, one code per {@link ParseResult} failure from {@code TRUNCATED_L2} to {@code BAD_L4_HEADER}. */
    public static final int MALFORMED_FIRST = 17;
    /** Number of codes: the size of a per-reason counter array. */
    public static final int COUNT = MALFORMED_FIRST + ParseResult.BAD_L4_HEADER;

    private static final String[] NAMES = {
        "established", "new_connection", "adopted", "reselected", "nat_reply", "control_address", "not_for_vip",
        "not_ip", "arp_for_vip", "solicitation_for_vip", "echo_request", "no_service", "no_connection",
        "no_backend", "fragment", "member_mac_unknown", "no_room"
    };

    private FilterReason() {
    }

    /** The reason for a frame {@link io.flowlb.loadbalancer.packet.PacketView#parse()} rejected with {@code parseResult}. */
    public static int malformed(int parseResult) {
        return MALFORMED_FIRST + parseResult - 1;
    }

    /** A stable lower-case name for metrics and logs (not for the per-packet path). */
    public static String name(int reason) {
        if (reason >= 0 && reason < MALFORMED_FIRST) {
            return NAMES[reason];
        }
        if (reason >= MALFORMED_FIRST && reason < COUNT) {
            return "malformed_" + ParseResult.name(reason - MALFORMED_FIRST + 1);
        }
        return "unknown_" + reason;
    }
}
