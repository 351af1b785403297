/**
 * The OpenFlow side of the controller: the TCP server switches connect to, one isolated session
 * per switch, the switch and port inventory, and request/reply tracking.
 *
 * <p>Main types: {@link io.flowlb.controller.openflow.SwitchService} (implemented by
 * {@link io.flowlb.controller.openflow.SwitchManager}), {@link io.flowlb.controller.openflow.SwitchListener},
 * {@link io.flowlb.controller.openflow.OfMessageListener}, the value types
 * {@link io.flowlb.controller.openflow.Dpid}, {@link io.flowlb.controller.openflow.PortNo},
 * {@link io.flowlb.controller.openflow.PortDesc}, {@link io.flowlb.controller.openflow.OfSwitch}, and
 * the shared {@link io.flowlb.controller.openflow.FlowPriority} and
 * {@link io.flowlb.controller.openflow.AppCookie} ranges every application uses.
 *
 * <p>Session life: HELLO with a version bitmap (1.3 preferred, 1.0 for old labs), FEATURES,
 * PORT_DESC (1.3), SET_CONFIG, clean start (delete flows and groups, table-miss on 1.3: table 0 -> table
 * 1 -> controller on switches with two tables or more, see {@link io.flowlb.controller.openflow.TableLayout}), BARRIER;
 * then the switch is connected and listeners hear of it. Echo keepalive closes dead peers. A
 * reconnect with the same DPID replaces the old session (listeners see disconnected, then
 * connected).
 *
 * <p>Isolation: every session has its own channel and state. Malformed input gets an OpenFlow
 * ERROR and is counted ({@link io.flowlb.controller.openflow.OpenFlowStats}); an unframeable
 * stream, too many malformed messages, or an exception while handling a message closes that
 * session alone with one log line naming the switch.
 *
 * <p>Threading: see {@link io.flowlb.controller.core}. Sessions run on the event thread's own
 * Netty loop (the default, {@code workerThreads} 0) or on separate Netty event loops; either
 * way the manager moves every listener call into the event thread's tasks, a read burst at a
 * time, through the {@code SessionInbox} (on the event thread's loop that costs no wake-up and
 * no thread switch); sending and requests are thread-safe, and reply futures complete on the
 * event loop of the switch. What the event thread sends while dispatching a burst leaves with one
 * flush per switch; a switch above its write-buffer high-water mark has its PACKET_INs dropped
 * and counted until it reads again.
 */
package io.flowlb.controller.openflow;
