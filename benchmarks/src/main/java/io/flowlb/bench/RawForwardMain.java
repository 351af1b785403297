package io.flowlb.bench;

import io.flowlb.flowswitch.engine.IdleMode;
import io.flowlb.flowswitch.engine.PatchPanel;
import io.flowlb.flowswitch.engine.SwitchEngine;
import io.flowlb.flowswitch.io.PortStatusListener;
import io.flowlb.flowswitch.io.afpacket.AfPacketConfig;
import io.flowlb.flowswitch.io.afpacket.AfPacketPort;
import io.flowlb.flowswitch.io.afpacket.LinkMonitor;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The I/O layer alone: forwards every frame between two interfaces through AF_PACKET rings and
 * a {@link PatchPanel}, with no parsing or lookup, until killed or for {@code --seconds}. The
 * baseline the OpenFlow datapath is measured against ({@code benchmarks/scripts/raw-forward.sh}).
 *
 * <pre>RawForwardMain IF1 IF2 [--idle spin|backoff|poll] [--pollers N] [--rx-ring v2|v3]
 *                [--qdisc-bypass] [--seconds S]</pre>
 *
 * <p>Prints "ready" once the rings are up, then the port counters and the heap grown during the
 * run when it stops (with Epsilon GC, which never frees, that is what the run allocated).
 */
public final class RawForwardMain {
    private RawForwardMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: RawForwardMain IF1 IF2 [--idle spin|backoff|poll] [--pollers N]"
                    + " [--rx-ring v2|v3] [--qdisc-bypass] [--seconds S]");
            System.exit(2);
        }
        IdleMode idle = IdleMode.SPIN;
        int pollers = 1;
        long seconds = Long.MAX_VALUE / 2_000_000_000L;
        AfPacketConfig config = AfPacketConfig.DEFAULT;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--idle" -> idle = IdleMode.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--pollers" -> pollers = Integer.parseInt(args[++i]);
                case "--rx-ring" -> config = config.withRxRing("v3".equals(args[++i])
                        ? AfPacketConfig.RxRingVersion.TPACKET_V3 : AfPacketConfig.RxRingVersion.TPACKET_V2);
                case "--qdisc-bypass" -> config = config.withQdiscBypass(true);
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        AfPacketPort a = AfPacketPort.open(args[0], 1, config);
        AfPacketPort b = AfPacketPort.open(args[1], 2, config);
        LinkMonitor monitor = LinkMonitor.open(List.of(a, b), PortStatusListener.NONE);
        SwitchEngine engine = SwitchEngine.builder().ports(List.of(a, b)).pollers(pollers)
                .pipelines(PatchPanel.between(a, b)).idleMode(idle).linkMonitor(monitor).build();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                reported.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        Runtime runtime = Runtime.getRuntime();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        engine.start();
        System.out.println("ready: " + a.name() + " <-> " + b.name() + ", " + pollers + " poller(s), idle " + idle
                + ", rx " + config.rxRing() + (config.qdiscBypass() ? ", qdisc bypass" : ""));
        stop.await(seconds, TimeUnit.SECONDS);
        long heapAfter = runtime.totalMemory() - runtime.freeMemory();
        System.out.println(a + ": " + a.counters());
        System.out.println(b + ": " + b.counters());
        System.out.println("heap grown during the run: " + ((heapAfter - heapBefore) >> 10) + " KiB");
        engine.close();
        reported.countDown();
    }
}
