package io.flowlb.flowswitch.engine;

/**
 * A unit of work that one thread runs in a loop: {@link #doWork()} does a bounded amount of
 * work and says how much it did, so the runner can idle when there is none.
 *
 * <p>Thread safety: all methods are called by the one thread that runs the agent (a dedicated
 * {@link AgentRunner} thread, or the test thread in {@link SwitchEngine.ThreadingMode#INVOKER}).
 */
public interface Agent {

    /** Called once on the agent's thread before the first {@link #doWork()}. */
    default void onStart() {
    }

    /**
     * Does one bounded step of work without blocking for long.
     *
     * @return the work done (frames, commands, events); 0 means there was nothing to do
     */
    int doWork() throws Exception;

    /** Called once on the agent's thread after the last {@link #doWork()}. */
    default void onClose() {
    }

    /** The name of the agent's role, used as its thread name and in logs. */
    String roleName();
}
