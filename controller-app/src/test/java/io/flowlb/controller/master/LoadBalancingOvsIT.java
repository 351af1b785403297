package io.flowlb.controller.master;

import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.pseudo.Fabric;

/** The load-balancing scenarios on an Open vSwitch bridge (userspace datapath). Root, inside scripts/sandbox. */
class LoadBalancingOvsIT extends LoadBalancingScenarios {

    @Override
    Fabric fabric(Lab lab) {
        return Fabric.ovs(lab);
    }
}
