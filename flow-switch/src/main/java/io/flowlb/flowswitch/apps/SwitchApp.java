package io.flowlb.flowswitch.apps;

import io.flowlb.loadbalancer.packet.PacketView;

/**
 * An application that runs inside the switch, on the poller threads, with direct access to the
 * frames (WO 00/30321: network applications on the switching processor with direct access to
 * the buffer rings).
 *
 * <p>A flow hands a frame to an application by outputting it to the application's logical port
 * ({@link AppDescriptor#portNo()}, named in PORT_DESC). The application sees the frame as it
 * is at that point of the pipeline, in place (no copy), parsed; it may read it and answer by
 * building frames in buffers from the poller's pool ({@link AppContext#acquire()}) and sending
 * them out of any port.
 *
 * <p>Rules of the per-packet path apply: no allocation, no locks, no logging, no exceptions;
 * count what happens. The frame passed in is only valid during the call and must not be kept.
 *
 * <p>Thread safety: each poller gets its own instance ({@link AppDescriptor#factory()}); an
 * instance is called by that poller only. {@link #counter} may be read from any thread.
 */
public interface SwitchApp {

    /** Handles one frame that a flow output to this application's port. */
    void onFrame(AppContext ctx, int inPort, PacketView frame);

    /** The names of this application's counters (stable order). */
    String[] counterNames();

    /** The current value of counter {@code index} (may lag a burst behind when read remotely). */
    long counter(int index);
}
