package io.flowlb.flowswitch.datapath;

/**
 * A compiled action list: opcodes ({@link Op}) with two long operands each, in flat arrays, so
 * the per-packet interpreter touches no objects but these arrays.
 *
 * <p>For action sets ({@code write_actions}) {@link #slots} gives each instruction's place in
 * the OpenFlow 1.3 action-set order ({@link ActionSet}); it is null for apply-actions.
 *
 * <p>Thread safety: immutable.
 */
final class Program {
    static final Program EMPTY = new Program(new int[0], new long[0], null);

    final int[] ops;
    /** Operands: {@code args[2 * i]} is a, {@code args[2 * i + 1]} is b of instruction i. */
    final long[] args;
    final int[] slots;

    Program(int[] ops, long[] args, int[] slots) {
        this.ops = ops;
        this.args = args;
        this.slots = slots;
    }

    int length() {
        return ops.length;
    }

    /** True when the program contains {@code op} anywhere. */
    boolean hasOp(int op) {
        for (int o : ops) {
            if (o == op) {
                return true;
            }
        }
        return false;
    }

    String describe(int i) {
        int op = ops[i];
        long a = args[2 * i];
        long b = args[2 * i + 1];
        return switch (op) {
            case Op.OUTPUT -> "output:" + io.flowlb.flowswitch.datapath.spec.PortNumbers.describe((int) a);
            case Op.CONTROLLER -> "output:CONTROLLER max_len=" + a;
            case Op.SET_ETH_DST, Op.SET_ETH_SRC -> Op.name(op) + "=" + Addresses.mac(a);
            case Op.SET_IPV4_SRC, Op.SET_IPV4_DST -> Op.name(op) + "=" + Addresses.ipv4((int) a);
            case Op.SET_IPV6_SRC, Op.SET_IPV6_DST -> Op.name(op) + "=" + Long.toHexString(a) + ":"
                    + Long.toHexString(b);
            case Op.PUSH_VLAN -> "push_vlan:0x" + Long.toHexString(a);
            case Op.GROUP -> "group slot " + a;
            case Op.SET_VLAN_VID, Op.SET_VLAN_PCP, Op.SET_IP_DSCP, Op.SET_IP_ECN, Op.SET_TCP_SRC, Op.SET_TCP_DST,
                 Op.SET_UDP_SRC, Op.SET_UDP_DST -> Op.name(op) + "=" + a;
            default -> Op.name(op);
        };
    }
}
