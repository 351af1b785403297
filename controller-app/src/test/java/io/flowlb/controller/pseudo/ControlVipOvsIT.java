package io.flowlb.controller.pseudo;

import io.flowlb.controller.lab.Lab;

/** The pseudo-interface scenarios with Open vSwitch bridges (userspace datapath). Root, inside scripts/sandbox. */
class ControlVipOvsIT extends ControlVipScenarios {

    @Override
    Fabric fabric(Lab lab) {
        return Fabric.ovs(lab);
    }
}
