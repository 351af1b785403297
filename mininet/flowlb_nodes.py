"""Mininet node classes for flowlb.

FlowSwitch runs flow-switch (``./flowlb switch``) for a Mininet switch node: it switches the
node's interfaces (``sN-ethK``, OpenFlow port K), connects to the controllers Mininet gives it,
and listens on the node's ``listenPort`` for ovs-ofctl (``dpctl``), like Mininet's OVS switch.

    mn --custom mininet/flowlb_nodes.py --switch flowswitch --test pingall
    mn --custom mininet/flowlb_nodes.py --switch flowswitch,failMode=standalone --controller none

Build first (``./flowlb build``): the node starts the built switch without rebuilding.
Run Mininet only where it may delete interfaces and kill processes (a lab machine, or inside
``./flowlb sandbox``).
"""

import inspect
import os
import re
import shlex
import signal
import time

from mininet.log import debug, error, info
from mininet.node import Switch

# 'mn --custom' runs this file with exec() and no __file__; the code object still knows its file.
_HERE = os.path.dirname(os.path.abspath(inspect.currentframe().f_code.co_filename))
FLOWLB = os.path.join(os.path.dirname(_HERE), 'flowlb')


def running(pid):
    """True while the process exists and has not exited (an unreaped zombie counts as gone)."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except (OSError, IndexError):
        return False


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
        cmd = ' '.join(shlex.quote(a) for a in self.command(controllers))
        debug('starting %s: %s\n' % (self.name, cmd))
        out = self.cmd('FLOWLB_NO_BUILD=1 %s > %s 2>&1 & echo $!' % (cmd, shlex.quote(self.logfile)))
        pids = re.findall(r'\d+', out)
        self.switchPid = int(pids[-1]) if pids else None

    def log(self):
        """The switch's log so far."""
        try:
            with open(self.logfile) as f:
                return f.read()
        except OSError:
            return ''

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
        if pid:
            try:
                os.kill(pid, signal.SIGTERM)
                deadline = time.time() + self.STOP_TIMEOUT
                while time.time() < deadline and running(pid):
                    time.sleep(0.05)
                if running(pid):
                    info('*** %s did not stop in %.0f s: killing it\n' % (self.name, self.STOP_TIMEOUT))
                    os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        Switch.stop(self, deleteIntfs)


switches = {'flowswitch': FlowSwitch}
