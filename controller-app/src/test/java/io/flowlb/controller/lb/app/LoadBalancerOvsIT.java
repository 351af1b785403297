package io.flowlb.controller.lb.app;

import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.pseudo.Fabric;

/** The load-balancer scenarios on an Open vSwitch bridge (userspace datapath). Root, inside scripts/sandbox. */
class LoadBalancerOvsIT extends LoadBalancerScenarios {

    @Override
    Fabric fabric(Lab lab) {
        return Fabric.ovs(lab);
    }
}
