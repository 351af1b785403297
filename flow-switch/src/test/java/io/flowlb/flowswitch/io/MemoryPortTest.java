package io.flowlb.flowswitch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryPortTest {
    private final MemoryPort port = new MemoryPort(3, "mem3");
    private final RecordingHandler handler = new RecordingHandler();

    @AfterEach
    void close() {
        port.close();
    }

    private static byte[] frame(int length, int ethertype) {
        byte[] f = new byte[length];
        f[0] = (byte) length;
        f[12] = (byte) (ethertype >> 8);
        f[13] = (byte) ethertype;
        return f;
    }

    @Test
    void deliversInjectedFramesWithTheirFlagsInBurstsAndCountsThem() {
        port.inject(frame(60, 0x0800), RxFlags.CSUM_NOT_READY);
        port.inject(frame(70, 0x0800));
        port.inject(frame(80, 0x0800));

        assertThat(port.poll(handler, 2)).isEqualTo(2);
        assertThat(port.poll(handler, 2)).isEqualTo(1);
        assertThat(port.poll(handler, 2)).isZero();

        assertThat(handler.frames).extracting(s -> s.bytes().length).containsExactly(60, 70, 80);
        assertThat(handler.frames).extracting(RecordingHandler.Seen::flags).containsExactly(RxFlags.CSUM_NOT_READY, 0, 0);
        assertThat(handler.frames).extracting(RecordingHandler.Seen::port).containsOnly(3);
        assertThat(port.counters().rxPackets()).isEqualTo(3);
        assertThat(port.counters().rxBytes()).isEqualTo(210);
    }

    @Test
    void showsTransmittedFramesOnlyAfterTheQueueIsFlushed() {
        TxQueue queue = port.openTxQueue();
        assertThat(queue.send(MemorySegment.ofArray(frame(100, 0x0800)), 0, 64)).isTrue();

        assertThat(port.takeTransmitted()).isNull();
        queue.flush();

        assertThat(port.takeTransmitted()).hasSize(64).startsWith((byte) 100);
        assertThat(port.counters().txPackets()).isEqualTo(1);
        assertThat(port.counters().txBytes()).isEqualTo(64);
    }

    @Test
    void aDownPortDeliversNothingAndDropsWhatIsSent() {
        port.inject(frame(60, 0x0800));
        port.setLinkUp(false);
        TxQueue queue = port.openTxQueue();

        assertThat(port.poll(handler, 32)).isZero();
        assertThat(queue.send(MemorySegment.ofArray(frame(60, 0x0800)), 0, 60)).isFalse();
        queue.flush();

        assertThat(port.drainTransmitted()).isEmpty();
        assertThat(port.counters().txDropped()).isEqualTo(1);
        port.setLinkUp(true);
        assertThat(port.poll(handler, 32)).isEqualTo(1);
    }

    @Test
    void refusesFramesLongerThanTheMtuAllowsButAcceptsOneVlanTagMore() {
        TxQueue queue = port.openTxQueue();

        assertThat(queue.send(MemorySegment.ofArray(frame(1514, 0x0800)), 0, 1514)).isTrue();
        assertThat(queue.send(MemorySegment.ofArray(frame(1515, 0x0800)), 0, 1515)).isFalse();
        assertThat(queue.send(MemorySegment.ofArray(frame(1518, 0x8100)), 0, 1518)).isTrue();
        assertThat(queue.send(MemorySegment.ofArray(new byte[10]), 0, 10)).as("runt").isFalse();

        assertThat(port.counters().txDropped()).isEqualTo(2);
        assertThat(port.counters().txPackets()).isEqualTo(2);
    }

    @Test
    void sumsTheCountersOfEveryThreadsQueue() {
        TxQueue a = port.openTxQueue();
        TxQueue b = port.openTxQueue();
        a.send(MemorySegment.ofArray(frame(60, 0x0800)), 0, 60);
        b.send(MemorySegment.ofArray(frame(90, 0x0800)), 0, 90);
        b.send(MemorySegment.ofArray(frame(9000, 0x0800)), 0, 9000);

        assertThat(port.counters().txPackets()).isEqualTo(2);
        assertThat(port.counters().txBytes()).isEqualTo(150);
        assertThat(port.counters().txDropped()).isEqualTo(1);
    }
}
