package io.flowlb.loadbalancer.select;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The double-buffered configuration table: the active {@link ConfigSnapshot} that every poller
 * reads, and the place where the control thread publishes the next one.
 *
 * <p>Design: the seed's two buffers and active pointer become immutable snapshots and one
 * reference. The control thread builds the next snapshot beside the active one
 * ({@link #nextBuilder()}), then {@link #publish}es it with a single release store; a poller loads
 * the reference once per burst with an acquire load ({@link #current()}) and uses that snapshot
 * for the whole burst, so a burst never sees half a change. An old snapshot stays valid for as long
 * as a poller holds it; the garbage collector frees it afterwards.
 *
 * <p>Thread safety: one writer (the control thread) calls {@link #nextBuilder()} and
 * {@link #publish}; any number of readers call {@link #current()} without locks.
 */
public final class ConfigTable {
    private static final VarHandle CURRENT;

    static {
        try {
            CURRENT = MethodHandles.lookup().findVarHandle(ConfigTable.class, "current", ConfigSnapshot.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through CURRENT
    private ConfigSnapshot current = ConfigSnapshot.EMPTY;

    /** The active snapshot (acquire load): call once per burst and keep it for the burst. */
    public ConfigSnapshot current() {
        return (ConfigSnapshot) CURRENT.getAcquire(this);
    }

    /** The active generation. */
    public long generation() {
        return current().generation();
    }

    /** A builder for the next generation that reuses the unchanged services of the active one. */
    public ConfigSnapshot.Builder nextBuilder() {
        ConfigSnapshot active = current();
        return new ConfigSnapshot.Builder(active.generation() + 1, active);
    }

    /**
     * Makes {@code next} the active snapshot (release store). Its generation must be newer than the
     * active one's, so a stale build can never replace a newer configuration.
     */
    public void publish(ConfigSnapshot next) {
        ConfigSnapshot active = current();
        if (next.generation() <= active.generation()) {
            throw new IllegalArgumentException("snapshot generation " + next.generation()
                    + " is not newer than the active generation " + active.generation());
        }
        CURRENT.setRelease(this, next);
    }

    /** Builds and publishes in one step; returns the new snapshot. */
    public ConfigSnapshot publish(ConfigSnapshot.Builder next) {
        ConfigSnapshot snapshot = next.build();
        publish(snapshot);
        return snapshot;
    }
}
