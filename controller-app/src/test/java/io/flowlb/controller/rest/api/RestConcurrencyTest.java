package io.flowlb.controller.rest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.rest.RestHarness;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MemberId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void fiftyParallelWritesAreAllAppliedExactlyOnceInSomeSerialOrder() throws Exception {
        try (RestHarness h = new RestHarness(dir)) {
            h.call("POST", "/api/v1/pools", "{\"id\":\"web\",\"algorithm\":\"weighted\"}");
            h.call("POST", "/api/v1/members", "{\"id\":\"hot\",\"pool_id\":\"web\",\"address\":\"10.0.9.1\"}");
            List<LbConfig> chain = new CopyOnWriteArrayList<>();
            h.lb.addListener((previous, current, delta) -> {
                chain.add(previous);
                chain.add(current);
            });
            long before = h.lb.version();
            ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    // 25 creates of distinct members, 25 weight changes of one member.
                    statuses.add(n % 2 == 0
                            ? h.call("POST", "/api/v1/members", "{\"id\":\"m" + n + "\",\"pool_id\":\"web\","
                                    + "\"address\":\"10.0.1." + (n + 1) + "\"}").status()
                            : h.call("PUT", "/api/v1/members/hot/weight", "{\"weight\":" + (n + 100) + "}").status());
                }));
            }
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(statuses).hasSize(50).containsOnly(201, 200);
            assertThat(h.lb.config().members()).hasSize(26);
            assertThat(h.lb.version() - before).as("each write is one change").isEqualTo(50);
            assertThat(chain).hasSize(100);
            for (int i = 2; i < chain.size(); i += 2) {
                assertThat(chain.get(i)).as("change %d starts where the one before ended", i / 2)
                        .isSameAs(chain.get(i - 1));
            }
            int lastWeight = chain.get(chain.size() - 1).member(MemberId.of("hot")).weight();
            assertThat(lastWeight % 2).as("the final weight is one of the written ones").isEqualTo(1);
        }
    }

    @Test
    void parallelPostsWithoutIdsGetDistinctIds() throws Exception {
        try (RestHarness h = new RestHarness(dir)) {
            List<Thread> threads = new ArrayList<>();
            ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < 20; i++) {
                threads.add(Thread.ofVirtual().start(() -> ids.add(h.call("POST", "/api/v1/pools", "{}").json()
                        .get("id").asText())));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(ids).hasSize(20).doesNotHaveDuplicates();
            assertThat(h.lb.config().pools()).hasSize(20);
        }
    }
}
