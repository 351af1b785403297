package io.flowlb.flowswitch.engine;

import io.flowlb.flowswitch.io.afpacket.LinkMonitor;

/**
 * Runs a {@link LinkMonitor} as an agent: each {@code doWork()} applies the waiting link events;
 * an idle thread waits on the monitor's netlink socket. Closes the monitor with the agent.
 * Thread safety: run by one thread, the housekeeping thread.
 */
public final class LinkMonitorAgent implements Agent, FdSource {
    private final LinkMonitor monitor;

    public LinkMonitorAgent(LinkMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public int doWork() {
        return monitor.poll();
    }

    @Override
    public void onClose() {
        monitor.close();
    }

    @Override
    public String roleName() {
        return "link-monitor";
    }

    @Override
    public int fdCount() {
        return 1;
    }

    @Override
    public int fd(int index) {
        return monitor.fd();
    }
}
