/**
 * Port I/O: the contract between the ports and the datapath, and the in-memory port for tests.
 *
 * <p>A {@link io.flowlb.flowswitch.io.NetPort} delivers received frames, in bursts, to a
 * {@link io.flowlb.flowswitch.io.FrameHandler} on the thread that owns its receive side; the
 * frame is a view into the receive ring (no copy) valid during the call. Any thread transmits
 * through a {@link io.flowlb.flowswitch.io.TxQueue} of its own, which copies the frame into a
 * transmit slot and hands a whole burst to the kernel with one {@code flush()}. Counters
 * ({@link io.flowlb.flowswitch.io.PortCounters}) have one writer per field group and are read
 * by any thread without locks. The Linux implementation is in
 * {@link io.flowlb.flowswitch.io.afpacket}; {@link io.flowlb.flowswitch.io.MemoryPort} serves
 * unit tests of the datapath and the OpenFlow agent.
 */
package io.flowlb.flowswitch.io;
