/**
 * The switch's threads: agents, runners, idle strategies and pollers (Fig. 5 of the design).
 *
 * <p><b>Agents.</b> Every thread of the data plane runs an {@link io.flowlb.flowswitch.engine.Agent}:
 * {@code doWork()} does a bounded step and returns the work done, 0 meaning idle. An
 * {@link io.flowlb.flowswitch.engine.AgentRunner} gives each agent a dedicated, named thread
 * and an {@link io.flowlb.flowswitch.engine.IdleStrategy}; exceptions are counted and logged
 * once per kind, and never end the thread. In tests the same agents run on the test thread
 * ({@link io.flowlb.flowswitch.engine.SwitchEngine.ThreadingMode#INVOKER}) with a
 * {@link io.flowlb.flowswitch.engine.ManualNanoClock}.
 *
 * <p><b>Pollers.</b> A {@link io.flowlb.flowswitch.engine.Poller} owns the receive side of a
 * disjoint set of ports and one pipeline ({@link io.flowlb.flowswitch.io.FrameHandler}); each
 * step it runs queued commands, takes a burst of up to 32 frames from each port, and calls
 * {@code endOfBurst()} so the pipeline kicks its transmit rings once per burst. Ports are dealt
 * round-robin over N pollers by the {@link io.flowlb.flowswitch.engine.SwitchEngine}. Any poller
 * transmits on any port through its own transmit queues, so no lock is ever taken.
 *
 * <p><b>Who owns what.</b> A poller's port array, its pipeline and its ports' receive rings are
 * touched only by the poller's thread. Other threads reach it through its bounded, lock-free
 * {@link io.flowlb.flowswitch.engine.CommandQueue} (offer never blocks nor allocates; a full
 * queue says so). The housekeeping thread runs the link monitor and other slow agents.
 *
 * <p><b>Idling.</b> {@link io.flowlb.flowswitch.engine.PollIdleStrategy} (the default) spins,
 * yields, then blocks in {@code poll(2)} on the poller's receive sockets for at most 10 ms:
 * an idle switch uses no CPU and wakes as soon as a frame arrives.
 * {@link io.flowlb.flowswitch.engine.BackoffIdleStrategy} parks instead;
 * {@link io.flowlb.flowswitch.engine.BusySpinIdleStrategy} never lets go of the core.
 */
package io.flowlb.flowswitch.engine;
