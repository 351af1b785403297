package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.Instruction;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchEntry;
import io.flowlb.flowswitch.datapath.spec.PacketInReason;
import java.util.function.IntUnaryOperator;

/**
 * Validates a {@link FlowSpec} and compiles it into a {@link CompiledFlow}: the match into
 * key-shaped words, the instructions into programs.
 *
 * <p>Thread safety: stateless; runs on the control thread.
 */
final class FlowCompiler {

    /** A compiled flow, or the error that prevented it. */
    record Result(CompiledFlow flow, DatapathError error) {
    }

    private FlowCompiler() {
    }

    /**
     * @param slot the counter slot the flow will use
     * @param tableCount the number of tables
     * @param groupSlots group id to slot, -1 for an unknown group
     */
    static Result compile(FlowSpec spec, int slot, int tableCount, IntUnaryOperator groupSlots) {
        long[][] vm = encode(spec.match());
        return compile(spec, slot, tableCount, groupSlots, vm[1]);
    }

    /** The match as key-shaped words: {@code [value, mask]}, the value masked. */
    static long[][] encode(Match match) {
        long[] value = new long[HeaderKey.WORDS];
        long[] mask = new long[HeaderKey.WORDS];
        for (MatchEntry m : match.entries()) {
            HeaderKey.encode(m, value, mask);
        }
        for (int w = 0; w < HeaderKey.WORDS; w++) {
            value[w] &= mask[w];
        }
        return new long[][] {value, mask};
    }

    /**
     * As {@link #compile(FlowSpec, int, int, IntUnaryOperator)} with the match already encoded
     * ({@link #encode}); the flow keeps the mask array (flows of one subtable share it).
     */
    static Result compile(FlowSpec spec, int slot, int tableCount, IntUnaryOperator groupSlots, long[] mask) {
        DatapathError e = checkHeader(spec, tableCount);
        if (e.isError()) {
            return new Result(null, e);
        }
        boolean tableMiss = spec.priority() == 0 && spec.match().isEmpty();
        PacketInReason reason = tableMiss ? PacketInReason.NO_MATCH : PacketInReason.ACTION;
        Program apply = Program.EMPTY;
        Program write = null;
        boolean clear = false;
        int gotoTable = -1;
        boolean writesMeta = false;
        long meta = 0;
        long metaMask = 0;
        int seen = 0;
        for (Instruction i : spec.instructions()) {
            int bit = 1 << kind(i);
            if ((seen & bit) != 0) {
                return new Result(null, DatapathError.UNSUP_INST);
            }
            seen |= bit;
            switch (i) {
                case Instruction.ApplyActions a -> {
                    ActionCompiler.Result r = ActionCompiler.compile(a.actions(), ActionCompiler.Context.FLOW,
                            groupSlots, reason, false);
                    if (!r.ok()) {
                        return new Result(null, r.error());
                    }
                    apply = r.program();
                }
                case Instruction.WriteActions w -> {
                    ActionCompiler.Result r = ActionCompiler.compile(w.actions(), ActionCompiler.Context.FLOW,
                            groupSlots, reason, true);
                    if (!r.ok()) {
                        return new Result(null, r.error());
                    }
                    write = r.program();
                }
                case Instruction.ClearActions c -> clear = true;
                case Instruction.GotoTable g -> {
                    if (g.tableId() <= spec.tableId() || g.tableId() >= tableCount) {
                        return new Result(null, DatapathError.BAD_INST_TABLE_ID);
                    }
                    gotoTable = g.tableId();
                }
                case Instruction.WriteMetadata m -> {
                    writesMeta = true;
                    meta = m.metadata() & m.mask();
                    metaMask = m.mask();
                }
            }
        }
        CompiledFlow f = new CompiledFlow(slot, spec.tableId(), spec.priority(), spec.cookie(), mask, apply,
                write, clear, gotoTable, writesMeta, meta, metaMask);
        return new Result(f, DatapathError.NONE);
    }

    private static int kind(Instruction i) {
        return switch (i) {
            case Instruction.ApplyActions a -> 0;
            case Instruction.WriteActions w -> 1;
            case Instruction.ClearActions c -> 2;
            case Instruction.GotoTable g -> 3;
            case Instruction.WriteMetadata m -> 4;
        };
    }

    private static DatapathError checkHeader(FlowSpec spec, int tableCount) {
        if (spec.tableId() < 0 || spec.tableId() >= tableCount) {
            return DatapathError.BAD_TABLE_ID;
        }
        if (spec.priority() < 0 || spec.priority() > 0xffff) {
            return DatapathError.BAD_COMMAND;
        }
        if (spec.idleTimeout() < 0 || spec.idleTimeout() > 0xffff || spec.hardTimeout() < 0
                || spec.hardTimeout() > 0xffff) {
            return DatapathError.BAD_TIMEOUT;
        }
        return spec.match().check();
    }
}
