package io.flowlb.controller.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * A listener list whose calls are isolated from each other: a listener that throws is counted
 * and logged once per listener class and exception class, and the next listener is still called.
 *
 * <p>Thread safety: listeners may be added and removed from any thread (copy-on-write);
 * {@link #fire} runs the calls on the calling thread (the event thread, by convention).
 */
public final class Listeners<L> {
    private final List<L> list = new CopyOnWriteArrayList<>();
    private final FaultLog faults;

    /**
     * @param log where the first failure of each kind is logged
     * @param what what the listeners are, for that line ("switch listener")
     */
    public Listeners(Logger log, String what) {
        this.faults = new FaultLog(log, what);
    }

    public void add(L listener) {
        list.add(listener);
    }

    public void remove(L listener) {
        list.remove(listener);
    }

    /** Calls every listener in the order added. */
    public void fire(Consumer<? super L> call) {
        for (L l : list) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                faults.record(l.getClass().getName(), e);
            }
        }
    }

    /** Listener calls that threw. */
    public long failures() {
        return faults.total();
    }
}
