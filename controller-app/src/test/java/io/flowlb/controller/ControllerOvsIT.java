package io.flowlb.controller;

import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.pseudo.Fabric;

/** The whole controller with an Open vSwitch bridge (userspace datapath). Root, inside scripts/sandbox. */
class ControllerOvsIT extends ControllerScenarios {

    @Override
    Fabric fabric(Lab lab) {
        return Fabric.ovs(lab);
    }
}
