package io.flowlb.controller.pseudo;

/**
 * The pseudo-interface's view of its TAP device: frames in, frames out. {@link TapDevice} is the
 * real one; unit tests put a recording double here, at the I/O edge.
 *
 * <p>Thread safety: as {@link TapDevice}: one writing thread at a time, the sink runs on the
 * reader thread, {@link #close} from any thread.
 */
public interface TapPort extends AutoCloseable {

    /** Receives the frames the controller host's kernel sends out of the interface; runs on the reader thread. */
    @FunctionalInterface
    interface FrameSink {
        void frame(byte[] frame);
    }

    /** The interface name ({@code flowlb0}). */
    String name();

    /** Hands a frame to the kernel as received on the interface; 0 on success, else an errno. */
    int write(byte[] frame, int length);

    /** Starts delivering the kernel's frames to {@code sink}. */
    void startReading(FrameSink sink);

    /** Stops reading and removes the interface. */
    @Override
    void close();
}
