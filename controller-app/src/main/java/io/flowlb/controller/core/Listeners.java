package io.flowlb.controller.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * A listener list whose calls are isolated from each other: a listener that throws is counted
 * and logged once per listener class and exception class, and the next listener is still called.
 *
 * <p>Thread safety: listeners may be added and removed from any thread (under a lock, publishing
 * a new array snapshot that calls iterate without locking or allocating);
 * {@link #fire} runs the calls on the calling thread (the event thread, by convention).
 */
public final class Listeners<L> {
    /** Guarded by this; {@link #snapshot} is its copy, replaced whole on every change. */
    private final List<L> list = new ArrayList<>();
    /** What the calls iterate: one consistent array, even while listeners come and go. */
    private volatile Object[] snapshot = new Object[0];
    private final FaultLog faults;

    /**
     * @param log where the first failure of each kind is logged
     * @param what what the listeners are, for that line ("switch listener")
     */
    public Listeners(Logger log, String what) {
        this.faults = new FaultLog(log, what);
    }

    public synchronized void add(L listener) {
        list.add(listener);
        snapshot = list.toArray();
    }

    public synchronized void remove(L listener) {
        list.remove(listener);
        snapshot = list.toArray();
    }

    /** Calls every listener in the order added. */
    @SuppressWarnings("unchecked")
    public void fire(Consumer<? super L> call) {
        Object[] all = snapshot;
        for (int i = 0; i < all.length; i++) {
            L l = (L) all[i];
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                faults.record(l.getClass().getName(), e);
            }
        }
    }

    /**
     * Calls every listener in the order added with two arguments; with a non-capturing
     * {@code call} (a method reference such as {@code Listener::method}) nothing is allocated,
     * which suits per-message paths.
     */
    @SuppressWarnings("unchecked")
    public <A, B> void fire(Call2<? super L, A, B> call, A a, B b) {
        Object[] all = snapshot;
        for (int i = 0; i < all.length; i++) {
            L l = (L) all[i];
            try {
                call.accept(l, a, b);
            } catch (RuntimeException e) {
                faults.record(l.getClass().getName(), e);
            }
        }
    }

    /** A listener call with two arguments. */
    @FunctionalInterface
    public interface Call2<L, A, B> {
        void accept(L listener, A a, B b);
    }

    /** Listener calls that threw. */
    public long failures() {
        return faults.total();
    }
}
