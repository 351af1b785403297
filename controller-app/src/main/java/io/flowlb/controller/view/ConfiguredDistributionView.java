package io.flowlb.controller.view;

import io.flowlb.loadbalancer.distribution.DistributionSettings;
import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.distribution.MemberState;
import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.distribution.WeightCalculator;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.Vip;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The distribution the configuration alone implies: the master module's weights for members whose
 * health is not known yet and that have sent no report, with every counter at zero. It is what
 * the dashboard shows before the LB application publishes measured distributions, and what the
 * switches would get on a fresh start.
 *
 * <p>Thread safety: stateless apart from the suppliers, which must be thread-safe.
 */
public final class ConfiguredDistributionView implements DistributionView {
    private final Supplier<LbConfig> config;
    private final LongSupplier generation;
    private final WeightCalculator calculator = new WeightCalculator(DistributionSettings.DEFAULTS);

    /**
     * @param config the current configuration ({@code lbService::config})
     * @param generation the configuration version ({@code lbService::version})
     */
    public ConfiguredDistributionView(Supplier<LbConfig> config, LongSupplier generation) {
        this.config = config;
        this.generation = generation;
    }

    @Override
    public List<VipDistribution> distributions() {
        LbConfig c = config.get();
        long gen = generation.getAsLong();
        List<VipDistribution> out = new ArrayList<>(c.vips().size());
        for (Vip vip : c.vips().values()) {
            if (vip.poolId() == null) {
                out.add(new VipDistribution(vip.id(), null, gen, List.of()));
                continue;
            }
            List<Member> members = c.membersOf(vip.poolId());
            List<MemberState> states = new ArrayList<>(members.size());
            for (Member m : members) {
                states.add(MemberState.of(m));
            }
            PoolWeights w = calculator.compute(c.pool(vip.poolId()), states, 0);
            List<MemberDistribution> md = new ArrayList<>(members.size());
            for (Member m : members) {
                MemberWeight mw = w.get(m.id());
                md.add(new MemberDistribution(m.id(), m.address(), m.port(), m.adminState(), Health.UNKNOWN,
                        mw.weight(), mw.alive(), w.share(m.id()), 0, 0, 0, 0, 0, 0));
            }
            out.add(new VipDistribution(vip.id(), vip.poolId(), gen, md));
        }
        return out;
    }
}
