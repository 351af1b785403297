package io.flowlb.flowswitch.engine;

import java.util.List;

/**
 * Several agents on one thread, each {@code doWork()} in turn; waits on the union of the file
 * descriptors of those that have any. The switch runs its housekeeping agents this way.
 *
 * <p>Thread safety: like any agent, run by one thread.
 */
public final class CompositeAgent implements Agent, FdSource {
    private final String roleName;
    private final Agent[] agents;

    public CompositeAgent(String roleName, List<? extends Agent> agents) {
        this.roleName = roleName;
        this.agents = agents.toArray(new Agent[0]);
    }

    @Override
    public void onStart() {
        for (Agent agent : agents) {
            agent.onStart();
        }
    }

    @Override
    public int doWork() throws Exception {
        int work = 0;
        for (Agent agent : agents) {
            work += agent.doWork();
        }
        return work;
    }

    @Override
    public void onClose() {
        RuntimeException first = null;
        for (Agent agent : agents) {
            try {
                agent.onClose();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String roleName() {
        return roleName;
    }

    @Override
    public int fdCount() {
        int n = 0;
        for (Agent agent : agents) {
            if (agent instanceof FdSource source) {
                n += source.fdCount();
            }
        }
        return n;
    }

    @Override
    public int fd(int index) {
        int rest = index;
        for (Agent agent : agents) {
            if (agent instanceof FdSource source) {
                if (rest < source.fdCount()) {
                    return source.fd(rest);
                }
                rest -= source.fdCount();
            }
        }
        return -1;
    }
}
