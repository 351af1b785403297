package io.flowlb.flowswitch.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * A bounded, lock-free queue from any number of threads to one: how control threads hand work
 * to a poller without ever blocking it.
 *
 * <p>Producers claim a sequence number with a compare-and-set on the tail, then publish the
 * element into its slot with a release store. The consumer reads the slot at the head with an
 * acquire load (null: not published yet, the queue looks empty), clears it, and moves the head
 * with a release store, which also publishes the cleared slot to the producer that will reuse
 * it. An offer allocates nothing; a full queue makes {@link #offer} return false.
 *
 * <p>Thread safety: {@link #offer} from any thread; {@link #poll} and {@link #drain} from one
 * consumer thread only.
 */
public final class CommandQueue<E> {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(CommandQueue.class, "head", long.class);
            TAIL = lookup.findVarHandle(CommandQueue.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] slots;
    private final int mask;
    private final int capacity;
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile long head;
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile long tail;

    /** @param capacity rounded up to a power of two */
    public CommandQueue(int capacity) {
        if (capacity < 1 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("capacity must be 1..2^30, not " + capacity);
        }
        int size = capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
        this.slots = new Object[size];
        this.mask = size - 1;
        this.capacity = size;
    }

    public int capacity() {
        return capacity;
    }

    /** Adds {@code element} unless the queue is full. Any thread; lock-free, allocation-free. */
    public boolean offer(E element) {
        if (element == null) {
            throw new NullPointerException("null element");
        }
        long t;
        do {
            t = (long) TAIL.getVolatile(this);
            if (t - (long) HEAD.getVolatile(this) >= capacity) {
                return false;
            }
        } while (!TAIL.compareAndSet(this, t, t + 1));
        SLOT.setRelease(slots, (int) (t & mask), element);
        return true;
    }

    /** Takes the oldest published element, or null. Consumer thread only. */
    @SuppressWarnings("unchecked")
    public E poll() {
        long h = (long) HEAD.getOpaque(this);
        int index = (int) (h & mask);
        Object element = SLOT.getAcquire(slots, index);
        if (element == null) {
            return null;
        }
        SLOT.setOpaque(slots, index, null);
        HEAD.setRelease(this, h + 1);
        return (E) element;
    }

    /** Passes up to {@code limit} elements to {@code consumer}; returns how many. Consumer thread only. */
    public int drain(Consumer<? super E> consumer, int limit) {
        int n = 0;
        E element;
        while (n < limit && (element = poll()) != null) {
            n++;
            consumer.accept(element);
        }
        return n;
    }

    /** Elements offered and not yet taken (approximate while producers run). */
    public int size() {
        long size = (long) TAIL.getVolatile(this) - (long) HEAD.getVolatile(this);
        return (int) Math.max(0, Math.min(size, capacity));
    }
}
