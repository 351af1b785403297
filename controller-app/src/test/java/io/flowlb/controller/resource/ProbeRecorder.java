package io.flowlb.controller.resource;

import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.model.MemberId;
import java.util.ArrayList;
import java.util.List;

/** A {@link ResourceListener} that records what it is told, with the manual clock's time. */
final class ProbeRecorder implements ResourceListener {
    record Event(long atMillis, MemberId member, String what) {
    }

    private final java.util.function.LongSupplier clock;
    final List<Event> events = new ArrayList<>();

    ProbeRecorder(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void healthChanged(MemberId member, Health health) {
        events.add(new Event(clock.getAsLong(), member, health.name()));
    }

    @Override
    public void agentReplied(MemberId member, String reply) {
        events.add(new Event(clock.getAsLong(), member, "reply " + reply));
    }

    @Override
    public void agentUnreachable(MemberId member, String why) {
        events.add(new Event(clock.getAsLong(), member, "unreachable " + why));
    }

    List<String> of(String member) {
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            if (e.member().toString().equals(member)) {
                out.add(e.what());
            }
        }
        return out;
    }

    /** When {@code member} was last told {@code what}, or -1. */
    long lastAt(String member, String what) {
        long at = -1;
        for (Event e : events) {
            if (e.member().toString().equals(member) && e.what().equals(what)) {
                at = e.atMillis();
            }
        }
        return at;
    }
}
