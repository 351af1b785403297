package io.flowlb.flowswitch.engine;

/**
 * What a thread does when its agent found no work: spin, yield, park or block in
 * {@code poll(2)}. Each implementation grows its idling step by step while no work comes and
 * starts again from the first step once there is work.
 *
 * <p>Thread safety: an instance belongs to the one thread that runs the agent.
 */
public interface IdleStrategy {

    /** Idles when {@code workCount} is 0, otherwise resets to the first step. */
    default void idle(int workCount) {
        if (workCount > 0) {
            reset();
        } else {
            idle();
        }
    }

    /** Idles one step (the next step each time it is called without a reset). */
    void idle();

    /** Starts again from the first step. */
    void reset();
}
