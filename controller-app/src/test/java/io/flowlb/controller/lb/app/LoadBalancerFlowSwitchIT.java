package io.flowlb.controller.lb.app;

import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.pseudo.Fabric;
import io.flowlb.controller.pseudo.FlowSwitchFabric;

/**
 * The load-balancer scenarios on a flow-switch process (build it first: {@code mvn -pl
 * flow-switch -am package -DskipTests}). Root, inside scripts/sandbox.
 */
class LoadBalancerFlowSwitchIT extends LoadBalancerScenarios {

    @Override
    Fabric fabric(Lab lab) {
        return new FlowSwitchFabric(lab);
    }
}
