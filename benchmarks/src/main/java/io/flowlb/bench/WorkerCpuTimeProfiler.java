package io.flowlb.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JMH profiler that reports the CPU time of the benchmark's own worker threads per operation
 * ({@code worker.cpu.time.norm}, ns/op).
 *
 * <p>Why beside {@link CpuTimeProfiler}: on a small shared machine the JIT often still compiles
 * while the first measured iterations run (its threads wait for cores like everything else), and
 * process CPU time counts that compilation, the GC profiler's threads and JMH's own, which are no
 * cost of the operation. The worker threads' CPU time is the operation alone (it still includes
 * the cache misses the neighbours cause). Use: {@code -prof io.flowlb.bench.WorkerCpuTimeProfiler}.
 */
public final class WorkerCpuTimeProfiler implements InternalProfiler {
    private static final String WORKER = "-jmh-worker-";
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start = new HashMap<>();

    @Override
    public String getDescription() {
        return "CPU time of the benchmark worker threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        start.clear();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains(WORKER)) {
                start.put(t.threadId(), threads.getThreadCpuTime(t.threadId()));
            }
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long cpu = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains(WORKER)) {
                long now = threads.getThreadCpuTime(t.threadId());
                cpu += now - start.getOrDefault(t.threadId(), 0L);
            }
        }
        long ops = result.getMetadata().getAllOps();
        double perOp = ops == 0 ? Double.NaN : cpu / (double) ops;
        return List.of(new ScalarResult("worker.cpu.time.norm", perOp, "ns/op", AggregationPolicy.AVG));
    }
}
