package io.flowlb.controller.pseudo;

import io.flowlb.controller.lab.Lab;

/** The pseudo-interface scenarios with flow-switch processes as the switches. Root, inside scripts/sandbox. */
class ControlVipFlowSwitchIT extends ControlVipScenarios {

    @Override
    Fabric fabric(Lab lab) {
        return new FlowSwitchFabric(lab);
    }
}
