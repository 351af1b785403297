package io.flowlb.flowswitch.engine;

/**
 * The file descriptors an idle agent waits on: any of them becoming readable means work.
 * A negative descriptor is skipped. The set may change between calls (ports re-opened).
 *
 * <p>Thread safety: called by the agent's own thread.
 */
public interface FdSource {

    int fdCount();

    int fd(int index);
}
