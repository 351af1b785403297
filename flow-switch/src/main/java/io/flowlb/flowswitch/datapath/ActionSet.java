package io.flowlb.flowswitch.datapath;

/**
 * The OpenFlow 1.3 action set of the packet being processed: at most one action per kind (one
 * set-field per field), executed when the pipeline ends in the order of section 5.10: pop VLAN,
 * push VLAN, decrement TTL, set-fields, group, output (ignored when a group is set).
 *
 * <p>Design: a slot per kind and a bit mask of the filled slots; write-actions programs are
 * compiled with their slot numbers ({@link Program#slots}), so merging is a few array stores.
 *
 * <p>Thread safety: owned by one pipeline.
 */
final class ActionSet {
    static final int SLOT_POP_VLAN = 0;
    static final int SLOT_PUSH_VLAN = 1;
    static final int SLOT_DEC_TTL = 2;
    static final int SLOT_FIRST_SET = 3;
    static final int SLOT_GROUP = SLOT_FIRST_SET + (Op.SET_UDP_DST - Op.SET_ETH_DST) + 1;
    static final int SLOT_OUTPUT = SLOT_GROUP + 1;
    static final int SLOTS = SLOT_OUTPUT + 1;

    final int[] ops = new int[SLOTS];
    final long[] args = new long[2 * SLOTS];
    long filled;

    /** The action-set slot of an opcode, or -1 when the action cannot be written (NOP). */
    static int slotOf(int op) {
        if (op >= Op.SET_ETH_DST && op <= Op.SET_UDP_DST) {
            return SLOT_FIRST_SET + op - Op.SET_ETH_DST;
        }
        return switch (op) {
            case Op.POP_VLAN -> SLOT_POP_VLAN;
            case Op.PUSH_VLAN -> SLOT_PUSH_VLAN;
            case Op.DEC_TTL -> SLOT_DEC_TTL;
            case Op.GROUP -> SLOT_GROUP;
            case Op.OUTPUT, Op.OUTPUT_IN_PORT, Op.FLOOD, Op.ALL, Op.CONTROLLER, Op.LOCAL -> SLOT_OUTPUT;
            default -> -1;
        };
    }

    void clear() {
        filled = 0;
    }

    boolean isEmpty() {
        return filled == 0;
    }

    /** Merges a write-actions program: each action replaces the one of its kind. */
    void write(Program p) {
        int[] slots = p.slots;
        for (int i = 0; i < slots.length; i++) {
            int s = slots[i];
            ops[s] = p.ops[i];
            args[2 * s] = p.args[2 * i];
            args[2 * s + 1] = p.args[2 * i + 1];
            filled |= 1L << s;
        }
    }
}
