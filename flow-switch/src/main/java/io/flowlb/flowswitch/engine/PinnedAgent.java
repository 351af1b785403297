package io.flowlb.flowswitch.engine;

import io.flowlb.flowswitch.io.afpacket.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an agent on one CPU: its thread restricts itself to that CPU ({@code sched_setaffinity})
 * before the agent's own {@code onStart()}, so a poller keeps its caches warm and never shares
 * a core with another poller. A CPU the process may not use (outside its cpuset, or absent) is
 * logged once and the agent runs unpinned: the switch still forwards.
 *
 * <p>Thread safety: like the agent it wraps, used by the one thread that runs it.
 */
public final class PinnedAgent implements Agent {
    private static final Logger LOG = LoggerFactory.getLogger(PinnedAgent.class);

    private final Agent agent;
    private final int cpu;
    private boolean pinned;

    public PinnedAgent(Agent agent, int cpu) {
        if (cpu < 0 || cpu >= Libc.CPU_SET_BYTES * 8) {
            throw new IllegalArgumentException("no such CPU: " + cpu);
        }
        this.agent = agent;
        this.cpu = cpu;
    }

    /** The CPU this agent asks for. */
    public int cpu() {
        return cpu;
    }

    /** Whether the thread runs on {@link #cpu()} only (false before start or after a refusal). */
    public boolean pinned() {
        return pinned;
    }

    @Override
    public void onStart() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(Libc.CPU_SET_BYTES, 8);
            mask.set(ValueLayout.JAVA_BYTE, cpu / 8, (byte) (1 << (cpu % 8)));
            MemorySegment cs = Libc.newCallState(arena);
            pinned = Libc.setThreadAffinity(cs, mask) == 0;
            if (pinned) {
                LOG.info("{}: pinned to CPU {}", agent.roleName(), cpu);
            } else {
                LOG.warn("{}: cannot pin to CPU {} ({}); running unpinned", agent.roleName(), cpu,
                        Libc.strerror(Libc.errno(cs)));
            }
        }
        agent.onStart();
    }

    @Override
    public int doWork() throws Exception {
        return agent.doWork();
    }

    @Override
    public void onClose() {
        agent.onClose();
    }

    @Override
    public String roleName() {
        return agent.roleName();
    }
}
