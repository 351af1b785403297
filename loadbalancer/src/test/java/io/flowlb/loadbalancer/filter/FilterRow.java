package io.flowlb.loadbalancer.filter;

import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.filter.FilterWorld.Pkt;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.PoolId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row of the packet filter's fixture table: the configuration, the packets seen before, the
 * input frame, and the expected verdict, reason and output frame (the frame as rewritten for a
 * FORWARD, the answer for a REPLY, the untouched input otherwise).
 *
 * <p>Packets in {@link #earlier} run under {@link #before} (without weights) when it is given, and
 * {@link #config} (with {@link #weights}) is published for the input; without {@link #before}
 * everything runs under {@link #config}.
 */
final class FilterRow {
    final String name;
    LbConfig before;
    LbConfig config = FilterWorld.config();
    Map<PoolId, PoolWeights> weights = Map.of();
    FilterSettings settings = FilterSettings.DEFAULTS.withControlAddresses(List.of(FilterWorld.CONTROL));
    final List<byte[]> earlier = new ArrayList<>();
    int replyRoom = 256;
    byte[] input;
    int verdict;
    int reason;
    byte[] expected;

    private FilterRow(String name) {
        this.name = name;
    }

    static FilterRow row(String name) {
        return new FilterRow(name);
    }

    FilterRow input(Pkt p) {
        return input(p.frame());
    }

    FilterRow input(byte[] frame) {
        this.input = frame;
        return this;
    }

    /** Packets filtered first, under the configuration given by {@link #before(LbConfig)} if any. */
    FilterRow after(Pkt... packets) {
        for (Pkt p : packets) {
            earlier.add(p.frame());
        }
        return this;
    }

    FilterRow before(LbConfig c) {
        this.before = c;
        return this;
    }

    FilterRow config(LbConfig c) {
        this.config = c;
        return this;
    }

    FilterRow weights(Map<PoolId, PoolWeights> w) {
        this.weights = w;
        return this;
    }

    FilterRow settings(FilterSettings s) {
        this.settings = s;
        return this;
    }

    FilterRow replyRoom(int bytes) {
        this.replyRoom = bytes;
        return this;
    }

    FilterRow forward(int why, Pkt out) {
        return forward(why, out.frame());
    }

    FilterRow forward(int why, byte[] out) {
        return expect(Verdict.FORWARD, why, out);
    }

    FilterRow reply(int why, byte[] answer) {
        return expect(Verdict.REPLY, why, answer);
    }

    FilterRow toControl(int why) {
        return expect(Verdict.TO_CONTROL, why, input);
    }

    FilterRow drop(int why) {
        return expect(Verdict.DROP, why, input);
    }

    private FilterRow expect(int v, int why, byte[] out) {
        this.verdict = v;
        this.reason = why;
        this.expected = out;
        return this;
    }

    @Override
    public String toString() {
        return name + " -> " + Verdict.name(verdict) + "/" + FilterReason.name(reason);
    }
}
