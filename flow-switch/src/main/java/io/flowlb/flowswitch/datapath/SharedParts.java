package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.Instruction;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One copy of each distinct instruction list and compiled program among the installed flows.
 * Per-connection flows differ in their match but share a handful of action lists (rewrite to
 * one of the pool's servers and output), so a million flows keep a few programs instead of a
 * million copies. Parts are counted by the flows holding them and dropped with the last one.
 *
 * <p>Thread safety: owned by the control thread. The shared programs are immutable and read by
 * pollers through snapshots like any other.
 */
final class SharedParts {
    private final Map<Object, Counted> parts = new HashMap<>();

    /** A shared part and how many installed flows hold it. */
    private static final class Counted {
        final Object part;
        int holders;

        Counted(Object part) {
            this.part = part;
        }
    }

    /** The key of a program: equal when its arrays are. */
    private record ProgramKey(int[] ops, long[] args, int[] slots) {
        ProgramKey(Program p) {
            this(p.ops, p.args, p.slots);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ProgramKey k && Arrays.equals(ops, k.ops) && Arrays.equals(args, k.args)
                    && Arrays.equals(slots, k.slots);
        }

        @Override
        public int hashCode() {
            return (Arrays.hashCode(ops) * 31 + Arrays.hashCode(args)) * 31 + Arrays.hashCode(slots);
        }
    }

    /** The shared instruction list equal to {@code instructions}, now held once more. */
    @SuppressWarnings("unchecked")
    List<Instruction> acquire(List<Instruction> instructions) {
        return (List<Instruction>) acquire(new ListKey(instructions), instructions);
    }

    /** The shared flow equal in programs to {@code f} ({@code f} with shared programs), held once more. */
    CompiledFlow acquire(CompiledFlow f) {
        Program apply = acquireProgram(f.apply);
        Program write = f.write == null ? null : acquireProgram(f.write);
        return apply == f.apply && write == f.write ? f : f.withPrograms(apply, write);
    }

    /** The flow holding these parts is gone (or holds others now). */
    void release(List<Instruction> instructions, CompiledFlow f) {
        release(new ListKey(instructions));
        release(new ProgramKey(f.apply));
        if (f.write != null) {
            release(new ProgramKey(f.write));
        }
    }

    /** Distinct parts held (for tests and figures). */
    int size() {
        return parts.size();
    }

    private Program acquireProgram(Program p) {
        return (Program) acquire(new ProgramKey(p), p);
    }

    private Object acquire(Object key, Object part) {
        Counted c = parts.computeIfAbsent(key, k -> new Counted(part));
        c.holders++;
        return c.part;
    }

    private void release(Object key) {
        Counted c = parts.get(key);
        if (c != null && --c.holders == 0) {
            parts.remove(key);
        }
    }

    /** An instruction list as a key distinct from any program key. */
    private record ListKey(List<Instruction> instructions) {
    }
}
