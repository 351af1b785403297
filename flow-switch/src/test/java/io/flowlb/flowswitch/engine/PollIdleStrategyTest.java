package io.flowlb.flowswitch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.io.afpacket.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Uses a pair of AF_UNIX datagram sockets in the abstract namespace: no files, no privilege. */
class PollIdleStrategyTest {
    private final Arena arena = Arena.ofShared();
    private final MemorySegment cs = Libc.newCallState(arena);
    private MemorySegment address;
    private int addressLength;
    private int receiver;
    private int sender;

    @BeforeEach
    void sockets() {
        byte[] name = ("flowlb-poll-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
                .getBytes(StandardCharsets.US_ASCII);
        address = arena.allocate(110, 2);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_UNIX);
        MemorySegment.copy(MemorySegment.ofArray(name), 0, address, 3, name.length);
        addressLength = 3 + name.length;
        receiver = Libc.socket(cs, Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_NONBLOCK, 0);
        sender = Libc.socket(cs, Libc.AF_UNIX, Libc.SOCK_DGRAM, 0);
        assertThat(receiver).isPositive();
        assertThat(Libc.bind(cs, receiver, address, addressLength)).isZero();
    }

    @AfterEach
    void close() {
        Libc.close(cs, receiver);
        Libc.close(cs, sender);
        arena.close();
    }

    private FdSource watching(int fd) {
        return new FdSource() {
            @Override
            public int fdCount() {
                return 1;
            }

            @Override
            public int fd(int index) {
                return fd;
            }
        };
    }

    @Test
    void spinsAndYieldsBeforeItBlocks() {
        PollIdleStrategy strategy = new PollIdleStrategy(watching(receiver), 3, 2, 1);

        for (int i = 0; i < 5; i++) {
            strategy.idle(0);
        }
        assertThat(strategy.blocks()).isZero();

        strategy.idle(0);
        assertThat(strategy.blocks()).isEqualTo(1);
    }

    @Test
    void sleepsInTheKernelUntilTheTimeoutWhenNothingArrives() {
        PollIdleStrategy strategy = new PollIdleStrategy(watching(receiver), 0, 0, 50);

        long start = System.nanoTime();
        strategy.idle(0);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMillis).isGreaterThanOrEqualTo(45);
        assertThat(strategy.blocks()).isEqualTo(1);
    }

    @Test
    void wakesAsSoonAsAWatchedSocketBecomesReadable() throws Exception {
        PollIdleStrategy strategy = new PollIdleStrategy(watching(receiver), 0, 0, 10_000);
        Thread later = new Thread(() -> {
            try (Arena a = Arena.ofConfined()) {
                Thread.sleep(100);
                MemorySegment payload = a.allocate(1);
                Libc.sendto(Libc.newCallState(a), sender, payload, 1, 0, address, addressLength);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        long start = System.nanoTime();
        later.start();
        strategy.idle(0);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        later.join();

        assertThat(elapsedMillis).isBetween(90L, 5_000L);
    }
}
