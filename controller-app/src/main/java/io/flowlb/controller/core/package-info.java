/**
 * The controller's threading core: the event thread and fault accounting.
 *
 * <p>Threading rules of the whole controller:
 * <ul>
 *   <li><b>The session's event loop</b> (package {@code openflow}) owns each switch session:
 *       framing, decoding, handshake, request/reply matching, the port inventory of that switch,
 *       and the encoding of what is sent to it. Session code never runs application code and
 *       never blocks; it hands the event thread one task per read burst of a switch (not one per
 *       message). By default that loop is the event thread itself (a Netty event loop,
 *       {@link io.flowlb.controller.core.LoopEventScheduler}), so a PACKET_IN is read, decided
 *       on and answered by one thread with no hand-off; with {@code workerThreads} above 0 the
 *       sessions live on that many separate loops and the hand-off crosses threads.</li>
 *   <li><b>The event thread</b> ({@link io.flowlb.controller.core.EventScheduler}, one thread named
 *       {@code flowlb-events}) owns network state: it runs switch listeners, packet processors,
 *       host learning, link discovery, topology and L2 forwarding, and their timers. Those
 *       components have no locks; other threads read their published immutable snapshots.
 *       Anything that may block (disk, HTTP, waiting on a future) must not run here. What it
 *       sends to switches while it dispatches the switches' messages is held per switch and
 *       written with one flush per switch when the dispatch ends; sends at other times, and from
 *       other threads, leave at once.</li>
 *   <li><b>The LB control loop</b> (a later component) owns load-balancer state on its own thread
 *       and is fed by a queue: REST handlers and event-thread processors post commands to it
 *       rather than touching LB state. It sends OpenFlow through the thread-safe
 *       {@link io.flowlb.controller.openflow.SwitchService}.</li>
 *   <li>REST server threads (later) only read snapshots and post commands.</li>
 * </ul>
 *
 * <p>A component that throws on the event thread is counted and logged once per kind by
 * {@link io.flowlb.controller.core.FaultLog}; the thread and the other components carry on.
 */
package io.flowlb.controller.core;
