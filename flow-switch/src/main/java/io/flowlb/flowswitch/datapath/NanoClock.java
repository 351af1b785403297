package io.flowlb.flowswitch.datapath;

/**
 * The time source of the datapath, in nanoseconds ({@link System#nanoTime()} in production, a
 * manual clock in tests). Pollers read it once per burst.
 */
@FunctionalInterface
public interface NanoClock {
    NanoClock SYSTEM = System::nanoTime;

    long nanoTime();
}
