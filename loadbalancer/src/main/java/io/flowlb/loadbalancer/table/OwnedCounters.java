package io.flowlb.loadbalancer.table;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A fixed set of named {@code long} counters with one writing thread and any number of readers.
 *
 * <p>Design: no lock and no atomic read-modify-write on the per-packet path. {@link #increment},
 * the per-packet operation, is a plain read and a plain write of the array element: an opaque
 * write would be a plain store on x86 too, but the JIT compiles an opaque access with a
 * compiler barrier on both sides, after which the fields, bounds and liveness checks the rest of
 * the packet's path needs are loaded and made again (measured on the packet filter: 23 of its
 * 750 instructions per established packet, for its four counters). A plain write is still never torn (an aligned {@code long} element on a
 * 64-bit JVM), and still reaches memory: the JIT must perform a heap store before the next
 * safepoint poll or call, which an owner's loop reaches at least once per iteration; readers use
 * opaque reads ({@link #get}), so they see each value eventually. {@link #add} and {@link #set},
 * used on rarer events, keep opaque writes. Counters are identified by small int ids chosen by
 * the owner class.
 *
 * <p>Subclasses name the ids and add typed getters.
 *
 * <p>Thread safety: {@link #increment}, {@link #add} and {@link #set} only from the owning thread;
 * {@link #get} from any thread.
 */
public class OwnedCounters {
    private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(long[].class);

    private final String[] names;
    private final long[] values;

    public OwnedCounters(String... names) {
        this.names = names.clone();
        this.values = new long[names.length];
    }

    /** Adds one; a plain write (see the class comment). */
    public void increment(int id) {
        values[id]++;
    }

    public void add(int id, long delta) {
        ELEMENT.setOpaque(values, id, values[id] + delta);
    }

    public void set(int id, long value) {
        ELEMENT.setOpaque(values, id, value);
    }

    public long get(int id) {
        return (long) ELEMENT.getOpaque(values, id);
    }

    public int count() {
        return names.length;
    }

    public String name(int id) {
        return names[id];
    }
}
