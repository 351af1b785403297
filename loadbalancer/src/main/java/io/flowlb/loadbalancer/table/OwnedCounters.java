package io.flowlb.loadbalancer.table;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A fixed set of named {@code long} counters with one writing thread and any number of readers.
 *
 * <p>Design: the owner increments with a plain read and an opaque write (a plain store on x86, but
 * one the compiler may not elide or tear), so a reader on another thread (metrics, the agent)
 * sees every value eventually and never a torn one, without a lock or an atomic read-modify-write
 * on the per-packet path. Counters are identified by small int ids chosen by the owner class.
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

    public void increment(int id) {
        ELEMENT.setOpaque(values, id, values[id] + 1);
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
