package io.flowlb.controller;

import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.pseudo.Fabric;
import io.flowlb.controller.pseudo.FlowSwitchFabric;

/** The whole controller with flow-switch ({@code ./flowlb switch}). Root, inside scripts/sandbox. */
class ControllerFlowSwitchIT extends ControllerScenarios {

    @Override
    Fabric fabric(Lab lab) {
        return new FlowSwitchFabric(lab);
    }

    @Override
    boolean reportsConnections() {
        return true;
    }
}
