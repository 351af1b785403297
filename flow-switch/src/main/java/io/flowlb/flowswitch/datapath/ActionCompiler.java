package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import io.flowlb.flowswitch.datapath.spec.PacketInReason;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Turns validated {@link Action} lists into {@link Program}s, rejecting what OpenFlow says to
 * reject with the matching error: a bad output port, an unknown group, a field that cannot be
 * set, a value wider than its field, a push of a non-VLAN ethertype.
 *
 * <p>Set-field on a packet that lacks the field (tcp_dst on a UDP packet) is a no-op at run
 * time rather than an error here: multi-table pipelines often pin the protocol in an earlier
 * table, and a controller's flows should not be refused for that.
 *
 * <p>Thread safety: stateless; runs on the control thread.
 */
final class ActionCompiler {

    /** A compiled program, or the error that prevented it. */
    record Result(Program program, DatapathError error) {
        boolean ok() {
            return error == DatapathError.NONE;
        }
    }

    /** Where the actions come from: it decides which reserved ports are allowed. */
    enum Context { FLOW, BUCKET, PACKET_OUT }

    private ActionCompiler() {
    }

    /**
     * @param groupSlots group id to its slot, or -1 when the group does not exist
     * @param reason the packet-in reason of CONTROLLER outputs (NO_MATCH for table-miss flows)
     * @param actionSet true for write-actions: the program gets action-set slots
     */
    static Result compile(List<Action> actions, Context context, IntUnaryOperator groupSlots, PacketInReason reason,
            boolean actionSet) {
        int n = actions.size();
        int[] ops = new int[n];
        long[] args = new long[2 * n];
        int count = 0;
        for (Action a : actions) {
            long[] operands = new long[2];
            int op;
            switch (a) {
                case Action.Output o -> {
                    op = outputOp(o.port(), context);
                    operands[0] = op == Op.CONTROLLER ? o.maxLen() & 0xffff : o.port() & 0xffff_ffffL;
                    operands[1] = reason.ordinal();
                }
                case Action.SetField s -> {
                    op = setFieldOp(s.field());
                    if (op < 0) {
                        return fail(DatapathError.BAD_SET_TYPE);
                    }
                    if (((s.value() & ~s.field().fullMaskLo()) != 0 && s.field() != MatchField.VLAN_VID)
                            || (s.field() == MatchField.VLAN_VID && (s.value() & ~0x1fffL) != 0)
                            || (!s.field().wide() && s.hi() != 0)) {
                        return fail(DatapathError.BAD_SET_ARGUMENT);
                    }
                    operands[0] = s.field().wide() ? s.hi() : s.value();
                    operands[1] = s.value();
                    if (s.field() == MatchField.VLAN_VID) {
                        operands[0] = s.value() & 0x0fff;
                    }
                }
                case Action.PushVlan p -> {
                    if (p.ethertype() != MatchField.ETH_TYPE_VLAN && p.ethertype() != MatchField.ETH_TYPE_QINQ) {
                        return fail(DatapathError.BAD_ACTION_ARGUMENT);
                    }
                    op = Op.PUSH_VLAN;
                    operands[0] = p.ethertype();
                }
                case Action.PopVlan p -> op = Op.POP_VLAN;
                case Action.DecNwTtl d -> op = Op.DEC_TTL;
                case Action.Group g -> {
                    int slot = groupSlots.applyAsInt(g.groupId());
                    if (slot < 0) {
                        return fail(DatapathError.BAD_OUT_GROUP);
                    }
                    op = Op.GROUP;
                    operands[0] = slot;
                }
                case Action.SetQueue q -> op = Op.NOP;
            }
            if (op < 0) {
                return fail(DatapathError.BAD_OUT_PORT);
            }
            if (op == Op.NOP) {
                continue;
            }
            ops[count] = op;
            args[2 * count] = operands[0];
            args[2 * count + 1] = operands[1];
            count++;
        }
        return new Result(build(ops, args, count, actionSet), DatapathError.NONE);
    }

    private static Program build(int[] ops, long[] args, int count, boolean actionSet) {
        int[] o = java.util.Arrays.copyOf(ops, count);
        long[] a = java.util.Arrays.copyOf(args, 2 * count);
        if (!actionSet) {
            return count == 0 ? Program.EMPTY : new Program(o, a, null);
        }
        int[] slots = new int[count];
        for (int i = 0; i < count; i++) {
            slots[i] = ActionSet.slotOf(o[i]);
        }
        return new Program(o, a, slots);
    }

    private static Result fail(DatapathError e) {
        return new Result(null, e);
    }

    /** The opcode of an output to {@code port}, or -1 when the port may not be used here. */
    static int outputOp(int port, Context context) {
        return switch (port) {
            case PortNumbers.IN_PORT -> Op.OUTPUT_IN_PORT;
            case PortNumbers.FLOOD -> Op.FLOOD;
            case PortNumbers.ALL -> Op.ALL;
            case PortNumbers.CONTROLLER -> Op.CONTROLLER;
            case PortNumbers.LOCAL -> Op.LOCAL;
            case PortNumbers.TABLE -> context == Context.PACKET_OUT ? Op.TABLE : -1;
            default -> PortNumbers.isPortNumber(port) ? Op.OUTPUT : -1;
        };
    }

    /** The opcode that sets {@code f}, or -1 when flow-switch cannot set it. */
    static int setFieldOp(MatchField f) {
        return switch (f) {
            case ETH_DST -> Op.SET_ETH_DST;
            case ETH_SRC -> Op.SET_ETH_SRC;
            case VLAN_VID -> Op.SET_VLAN_VID;
            case VLAN_PCP -> Op.SET_VLAN_PCP;
            case IP_DSCP -> Op.SET_IP_DSCP;
            case IP_ECN -> Op.SET_IP_ECN;
            case IPV4_SRC -> Op.SET_IPV4_SRC;
            case IPV4_DST -> Op.SET_IPV4_DST;
            case IPV6_SRC -> Op.SET_IPV6_SRC;
            case IPV6_DST -> Op.SET_IPV6_DST;
            case TCP_SRC -> Op.SET_TCP_SRC;
            case TCP_DST -> Op.SET_TCP_DST;
            case UDP_SRC -> Op.SET_UDP_SRC;
            case UDP_DST -> Op.SET_UDP_DST;
            default -> -1;
        };
    }
}
