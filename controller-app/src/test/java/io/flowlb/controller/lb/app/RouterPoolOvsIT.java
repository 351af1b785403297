package io.flowlb.controller.lb.app;

import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.pseudo.Fabric;

/** The router-pool scenario on an Open vSwitch bridge (userspace datapath). Root, inside scripts/sandbox. */
class RouterPoolOvsIT extends RouterPoolScenarios {

    @Override
    Fabric fabric(Lab lab) {
        return Fabric.ovs(lab);
    }
}
