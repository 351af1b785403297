package io.flowlb.flowswitch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CommandQueueTest {

    @Test
    void handsElementsOverInOrderAndRefusesWhenFull() {
        CommandQueue<String> queue = new CommandQueue<>(3);
        assertThat(queue.capacity()).isEqualTo(4);

        for (int i = 0; i < 4; i++) {
            assertThat(queue.offer("c" + i)).isTrue();
        }
        assertThat(queue.offer("c4")).isFalse();
        assertThat(queue.size()).isEqualTo(4);

        assertThat(queue.poll()).isEqualTo("c0");
        assertThat(queue.offer("c4")).isTrue();
        List<String> rest = new ArrayList<>();
        assertThat(queue.drain(rest::add, 10)).isEqualTo(4);
        assertThat(rest).containsExactly("c1", "c2", "c3", "c4");
        assertThat(queue.poll()).isNull();
    }

    @Test
    void drainsNoMoreThanTheLimit() {
        CommandQueue<Integer> queue = new CommandQueue<>(8);
        for (int i = 0; i < 5; i++) {
            queue.offer(i);
        }
        List<Integer> got = new ArrayList<>();

        assertThat(queue.drain(got::add, 2)).isEqualTo(2);

        assertThat(got).containsExactly(0, 1);
        assertThat(queue.size()).isEqualTo(3);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> new CommandQueue<String>(2).offer(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void deliversEveryElementOfManyProducersExactlyOnceAndInEachProducersOrder() throws Exception {
        int producers = 4;
        int perProducer = 50_000;
        CommandQueue<long[]> queue = new CommandQueue<>(64);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    long[] element = {id, i};
                    while (!queue.offer(element)) {
                        Thread.yield();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        long[] next = new long[producers];
        long received = 0;
        go.countDown();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (received < (long) producers * perProducer && System.nanoTime() < deadline) {
            long[] e = queue.poll();
            if (e == null) {
                Thread.yield();
                continue;
            }
            assertThat(e[1]).as("order of producer %d", e[0]).isEqualTo(next[(int) e[0]]);
            next[(int) e[0]]++;
            received++;
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertThat(received).isEqualTo((long) producers * perProducer);
        assertThat(queue.poll()).isNull();
    }
}
