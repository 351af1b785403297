"""Mininet node classes for flowlb.

FlowSwitch runs flow-switch (``./flowlb switch``) for a Mininet switch node: it switches the
node's interfaces (``sN-ethK``, OpenFlow port K), connects to the controllers Mininet gives it,
and listens on the node's ``listenPort`` for ovs-ofctl (``dpctl``), like Mininet's OVS switch.
OVSUserSwitch is Open vSwitch with the userspace datapath (the only one where the kernel has no
openvswitch module) speaking OpenFlow 1.3. FlowlbController runs ``./flowlb controller``.
The topologies of topologies.py come along, so one --custom gives everything:

    mn --custom mininet/flowlb_nodes.py --switch flowswitch --controller flowlb --topo lbfig1
    mn --custom mininet/flowlb_nodes.py --switch ovsuser --controller flowlb --topo lbparam,4,3,2
    mn --custom mininet/flowlb_nodes.py --switch flowswitch,failMode=standalone --controller none

Build first (``./flowlb build``): the node starts the built switch without rebuilding.
Run Mininet only where it may delete interfaces and kill processes (a lab machine, or inside
``./flowlb sandbox``).
"""

import inspect
import os
import re
import shutil
import subprocess
import sys
import time

from mininet.log import debug, error, info, warn
from mininet.node import Controller, Node, OVSSwitch, Switch

# 'mn --custom' runs this file with exec() and no __file__; the code object still knows its file.
_HERE = os.path.dirname(os.path.abspath(inspect.currentframe().f_code.co_filename))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from flowlb_proc import FLOWLB, port_open, running, spawn, stop_pid, tail  # noqa: E402

__all__ = ['FlowSwitch', 'OVSUserSwitch', 'FlowlbController', 'flow_dump', 'running']


class FlowSwitch(Switch):
    """flow-switch, flowlb's software OpenFlow 1.3 switch, as a Mininet switch node.

    failMode: 'secure' (default, as Mininet's OVS switch) keeps flows and drops misses while no
              controller is connected; 'standalone' acts as a learning switch meanwhile.
    pollers:  poller threads (each owns a disjoint set of the node's ports).
    """

    STOP_TIMEOUT = 5.0

    def __init__(self, name, failMode='secure', pollers=1, **params):
        Switch.__init__(self, name, **params)
        if failMode not in ('secure', 'standalone'):
            raise ValueError('failMode must be secure or standalone, not %r' % failMode)
        self.failMode = failMode
        self.pollers = int(pollers)
        self.switchPid = None
        self.controllerCount = 0
        self.logfile = '/tmp/flowswitch-%s.log' % name

    @classmethod
    def setup(cls):
        if not os.access(FLOWLB, os.X_OK):
            raise Exception('flowlb launcher not found at %s' % FLOWLB)

    def switchPorts(self):
        """The data interfaces and their OpenFlow port numbers (the control 'lo' excluded)."""
        return [(intf.name, self.ports[intf]) for intf in self.intfList()
                if intf.name != 'lo' and self.ports.get(intf, 0) > 0]

    def command(self, controllers):
        """The ./flowlb switch command line for this node."""
        args = [FLOWLB, 'switch', '--name', self.name, '--dpid', self.dpid,
                '--fail-mode', self.failMode]
        ports = self.switchPorts()
        for name, number in ports:
            args += ['--port', '%s=%d' % (name, number)]
        args += ['--pollers', str(max(1, min(self.pollers, len(ports))))]
        for c in controllers:
            args += ['--controller', 'tcp:%s:%d' % (c.IP(), c.port)]
        if self.listenPort:
            args += ['--listen', 'ptcp:%d' % self.listenPort]
        return args

    def start(self, controllers):
        if not self.switchPorts():
            error('*** %s has no links: flow-switch needs at least one port\n' % self.name)
            return
        self.controllerCount = len(controllers)
        args = self.command(controllers)
        debug('starting %s: %s\n' % (self.name, ' '.join(args)))
        self.switchPid = spawn(self, args, self.logfile, env={'FLOWLB_NO_BUILD': 1})

    def log(self):
        """The switch's log so far."""
        return tail(self.logfile, lines=100000)

    def connected(self):
        """True once flow-switch has started and, with controllers, the last one to change state
        came up (Mininet's waitConnected() polls this)."""
        text = self.log()
        if 'started:' not in text:
            return False
        changes = re.findall(r'controller \S+ (connected|disconnected)', text)
        if not self.controllerCount:
            return True
        return bool(changes) and changes[-1] == 'connected'

    def dpctl(self, *args):
        """Runs an ovs-ofctl command against the switch's listener (OpenFlow 1.3)."""
        if not self.listenPort:
            return 'flow-switch %s has no listener (no listenPort)' % self.name
        return self.cmd('ovs-ofctl', '-O', 'OpenFlow13', args[0], 'tcp:127.0.0.1:%d' % self.listenPort,
                        *args[1:])

    def stop(self, deleteIntfs=True):
        """Stops flow-switch with SIGTERM (it closes its sockets and rings), then the interfaces."""
        pid = self.switchPid
        self.switchPid = None
        if pid and not stop_pid(pid, self.STOP_TIMEOUT):
            info('*** %s did not stop in %.0f s: killed it\n' % (self.name, self.STOP_TIMEOUT))
        Switch.stop(self, deleteIntfs)



class OVSUserSwitch(OVSSwitch):
    """Open vSwitch with the userspace datapath (``datapath_type=netdev``), OpenFlow 1.3.

    Where the kernel has no openvswitch module the kernel datapath cannot make bridges (and
    Mininet then waits forever); the userspace one works everywhere. It switches through
    AF_PACKET sockets, which pass a veth's partial checksums and TSO super-frames on as they are:
    so the switch turns TX checksum offload off on the hosts it connects, which TCP through it
    needs (``ethtool -K <host-intf> tx off``). Same as ``--switch ovs,datapath=user,protocols=OpenFlow13``
    plus that offload setting.
    """

    def __init__(self, name, datapath='user', protocols='OpenFlow13', **params):
        OVSSwitch.__init__(self, name, datapath=datapath, protocols=protocols, **params)

    def start(self, controllers):
        OVSSwitch.start(self, controllers)
        for intf in self.intfList():
            link = getattr(intf, 'link', None)
            if not link:
                continue
            peer = link.intf2 if link.intf1 is intf else link.intf1
            if not isinstance(peer.node, Switch):
                peer.node.cmd('ethtool -K %s tx off >/dev/null 2>&1' % peer.name)

    def dpctl(self, *args):
        """Runs an ovs-ofctl command on this bridge, speaking OpenFlow 1.3."""
        return self.cmd('ovs-ofctl', '-O', 'OpenFlow13', args[0], self.name, *args[1:])

    def log(self):
        """What ovs-vswitchd logged (shared by every OVS bridge of the machine or sandbox)."""
        return tail('/var/log/openvswitch/ovs-vswitchd.log', lines=400)


def flow_dump(switch):
    """The flow table and groups of a FlowSwitch or OVSUserSwitch, as ovs-ofctl prints them."""
    return '%s\n%s\n' % (switch.dpctl('dump-flows'), switch.dpctl('dump-groups'))


class FlowlbController(Controller):
    """``./flowlb controller`` as a Mininet controller node, in the root namespace like Mininet's own.

    port:       OpenFlow port the switches connect to (6653)
    restPort:   REST API and dashboard port (8080)
    config:     a controller configuration file (``--config``)
    controlVip: the controller's address behind the switches, e.g. '10.0.0.254/24': a TAP device
                holds it and hosts reach the REST API there (needs a controller with a
                pseudo-interface; ignored with a warning otherwise)
    args:       more command-line arguments (a list, or a string split on spaces)
    fresh:      start from an empty load-balancing state (True): a Mininet network is built anew
                each time, so the configuration a previous run left is removed first
    Its log and state live in /tmp/flowlb-<name>/ (inside the sandbox, that /tmp is private).
    Build first: the node starts the built controller without rebuilding.
    """

    START_TIMEOUT = 60.0
    STOP_TIMEOUT = 10.0
    _help = None

    def __init__(self, name, port=6653, restPort=8080, config=None, controlVip=None, args=(), fresh=True,
                 **params):
        self.restPort = int(restPort)
        self.fresh = fresh not in (False, 'False', 'false', '0')
        self.configFile = config
        self.controlVip = controlVip
        self.extraArgs = args.split() if isinstance(args, str) else list(args)
        self.dir = '/tmp/flowlb-%s' % name
        self.logfile = os.path.join(self.dir, 'controller.log')
        self.controllerPid = None
        Controller.__init__(self, name, command=FLOWLB, cargs='', port=int(port), **params)

    @classmethod
    def isAvailable(cls):
        return os.access(FLOWLB, os.X_OK)

    @classmethod
    def usage(cls):
        """The controller's --help text (read once): which options this build has."""
        if cls._help is None:
            try:
                cls._help = subprocess.run([FLOWLB, 'controller', '--help'], env=dict(os.environ, FLOWLB_NO_BUILD='1'),
                                           capture_output=True, text=True, timeout=120).stdout
            except (OSError, subprocess.SubprocessError):
                cls._help = ''
        return cls._help

    @classmethod
    def supports(cls, option):
        """True when this build's controller accepts option (e.g. '--control-vip')."""
        return re.search(r'(^|\s)%s\b' % re.escape(option), cls.usage()) is not None

    def checkListening(self):
        """Refuses to start over another controller on the same port (without telnet)."""
        if port_open(self.ip, self.port):
            raise Exception('a controller already listens on %s:%d' % (self.ip, self.port))

    def commandLine(self):
        """The ./flowlb controller command line for this node."""
        args = [FLOWLB, 'controller', '--openflow-port', str(self.port), '--rest-port', str(self.restPort)]
        if self.configFile:
            args += ['--config', self.configFile]
        if self.supports('--state-dir'):
            args += ['--state-dir', os.path.join(self.dir, 'state')]
        if self.controlVip:
            if self.supports('--control-vip'):
                args += ['--control-vip', self.controlVip]
            else:
                warn('*** this controller has no pseudo-interface: control VIP %s not set\n' % self.controlVip)
        return args + self.extraArgs

    def start(self):
        if self.fresh:
            shutil.rmtree(os.path.join(self.dir, 'state'), ignore_errors=True)
        os.makedirs(self.dir, exist_ok=True)
        args = self.commandLine()
        debug('starting %s: %s\n' % (self.name, ' '.join(args)))
        self.controllerPid = spawn(self, args, self.logfile, env={'FLOWLB_NO_BUILD': 1})
        deadline = time.time() + self.START_TIMEOUT
        while time.time() < deadline:
            if port_open(self.ip, self.port):
                return
            if not self.controllerPid or not running(self.controllerPid):
                break
            time.sleep(0.2)
        error('*** %s did not start listening on %d:\n%s\n' % (self.name, self.port, tail(self.logfile)))
        raise Exception('flowlb controller %s failed to start (log: %s)' % (self.name, self.logfile))

    def restUrl(self, path=''):
        return 'http://127.0.0.1:%d%s' % (self.restPort, path)

    def restUp(self):
        """True when the REST port accepts connections."""
        return port_open('127.0.0.1', self.restPort)

    def log(self):
        """The controller's log so far."""
        return tail(self.logfile, lines=100000)

    def stop(self, *args, **kwargs):
        """SIGTERM (the controller closes its sessions and the pseudo-interface), then the node."""
        pid = self.controllerPid
        self.controllerPid = None
        if pid and not stop_pid(pid, self.STOP_TIMEOUT):
            info('*** %s did not stop in %.0f s: killed it\n' % (self.name, self.STOP_TIMEOUT))
        Node.stop(self, *args, **kwargs)


switches = {'flowswitch': FlowSwitch, 'ovsuser': OVSUserSwitch}
controllers = {'flowlb': FlowlbController}

# Host classes and topologies, so that one --custom file brings everything to 'mn'.
from flowlb_hosts import hosts  # noqa: E402,F401
from topologies import topos  # noqa: E402,F401
