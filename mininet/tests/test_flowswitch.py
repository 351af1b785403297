"""Mininet scenarios with flow-switch as the switch (root, inside scripts/sandbox).

They test the FlowSwitch node class itself (its start, its fail modes, its stop), so they run with
flow-switch only; ovs-testcontroller drives it where a controller is needed, to keep the switch
apart from flowlb's controller.

Run: scripts/sandbox /usr/bin/python3 -m pytest -v -p no:cacheprovider mininet/tests
"""

import functools
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))

from mininet.clean import cleanup  # noqa: E402
from mininet.log import setLogLevel  # noqa: E402
from mininet.net import Mininet  # noqa: E402
from mininet.node import OVSController  # noqa: E402
from mininet.topo import LinearTopo, SingleSwitchTopo  # noqa: E402

from flowlb_lab import eventually  # noqa: E402
from flowlb_nodes import FlowSwitch, running  # noqa: E402

pytestmark = pytest.mark.skipif(os.environ.get('FLOWLB_IN_SANDBOX') != '1',
                                reason='Mininet runs only inside scripts/sandbox')


@pytest.fixture
def network():
    setLogLevel('warning')
    nets = []

    def build(**kwargs):
        net = Mininet(waitConnected=False, **kwargs)
        nets.append(net)
        net.start()
        return net

    yield build
    for net in nets:
        net.stop()
    cleanup()


def test_pingall_through_two_flowswitches_driven_by_ovs_testcontroller(network):
    net = network(topo=LinearTopo(k=2, n=1), switch=FlowSwitch, controller=OVSController, listenPort=6654)
    assert net.waitConnected(timeout=30), [s.log() for s in net.switches]
    assert eventually(lambda: net.pingAll(timeout=1) == 0), 'hosts cannot reach each other'
    flows = net.get('s1').dpctl('dump-flows')
    assert 'priority=0 actions=CONTROLLER' in flows, flows


def test_standalone_switch_without_controller_is_a_learning_switch(network):
    net = network(topo=SingleSwitchTopo(k=3), switch=functools.partial(FlowSwitch, failMode='standalone'),
                  controller=None)
    s1 = net.get('s1')
    assert eventually(s1.connected), s1.log()
    assert eventually(lambda: net.pingAll(timeout=1) == 0), s1.log()


def test_switch_stops_cleanly_and_logs_its_ports(network):
    net = network(topo=SingleSwitchTopo(k=2), switch=FlowSwitch, controller=OVSController, listenPort=6660)
    s1 = net.get('s1')
    assert eventually(s1.connected), s1.log()
    pid = s1.switchPid
    s1.stop(deleteIntfs=False)
    assert not running(pid), 'flow-switch still runs after stop()'
    log = s1.log()
    assert 'port 1 (s1-eth1): opened' in log and 'port 2 (s1-eth2): opened' in log, log
    assert 'signal received: stopping' in log and 's1 stopped' in log, log
