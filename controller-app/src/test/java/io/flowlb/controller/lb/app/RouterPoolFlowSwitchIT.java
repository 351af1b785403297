package io.flowlb.controller.lb.app;

import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.pseudo.Fabric;
import io.flowlb.controller.pseudo.FlowSwitchFabric;

/** The router-pool scenario on a flow-switch process. Root, inside scripts/sandbox. */
class RouterPoolFlowSwitchIT extends RouterPoolScenarios {

    @Override
    Fabric fabric(Lab lab) {
        return new FlowSwitchFabric(lab);
    }
}
