package io.flowlb.flowswitch.io;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/** Copies every frame it is handed, with its port and flags. */
public final class RecordingHandler implements FrameHandler {
    public record Seen(int port, byte[] bytes, int flags) {
    }

    public final List<Seen> frames = new ArrayList<>();
    public int bursts;

    @Override
    public void onFrame(int inPort, MemorySegment frame, long offset, int length, int flags) {
        frames.add(new Seen(inPort, frame.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE), flags));
    }

    @Override
    public void endOfBurst() {
        bursts++;
    }
}
