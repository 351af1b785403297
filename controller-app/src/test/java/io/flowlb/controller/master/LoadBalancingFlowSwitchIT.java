package io.flowlb.controller.master;

import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.pseudo.Fabric;
import io.flowlb.controller.pseudo.FlowSwitchFabric;

/** The load-balancing scenarios on flow-switch. Root, inside scripts/sandbox. */
class LoadBalancingFlowSwitchIT extends LoadBalancingScenarios {

    @Override
    Fabric fabric(Lab lab) {
        return new FlowSwitchFabric(lab);
    }
}
