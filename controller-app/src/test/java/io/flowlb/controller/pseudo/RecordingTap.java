package io.flowlb.controller.pseudo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@link TapPort} double: records the frames written into it and lets the test play the kernel's frames. */
final class RecordingTap implements TapPort {
    final List<byte[]> written = new ArrayList<>();
    FrameSink sink;
    int failWith;
    boolean closed;

    @Override
    public String name() {
        return "fltest0";
    }

    @Override
    public int write(byte[] frame, int length) {
        if (failWith != 0) {
            return failWith;
        }
        written.add(Arrays.copyOf(frame, length));
        return 0;
    }

    @Override
    public void startReading(FrameSink s) {
        this.sink = s;
    }

    /** The controller host's kernel sends a frame out of the interface. */
    void kernelSends(byte[] frame) {
        sink.frame(frame);
    }

    @Override
    public void close() {
        closed = true;
    }
}
