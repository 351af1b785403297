"""flowlb topologies for Mininet (``--topo NAME[,ARGS]`` with ``--custom mininet/flowlb_nodes.py``).

Addresses are /24s, not Mininet's 10.0.0.0/8 default, so the control VIP and the VIPs have room:

    10.0.0.1-99     clients (lbfig1, lbparam) / routers' inside addresses (lbfig2)
    10.0.0.101-199  back-end servers srv1, srv2, ...
    10.0.0.200      the service VIP (VIP)
    10.0.0.253      the router pool's virtual gateway (lbfig2, GATEWAY)
    10.0.0.254      the controller's control VIP (pseudo-interface, CONTROL_VIP)
    172.16.0.0/24   lbfig2's outside: routers 172.16.0.1-, the internet host 172.16.0.10

lbfig1   WO 00/30294 Fig. 1: clients on an external switch (s1), the load-balancing switch (s2),
         an internal switch (s3), back-end servers. Args: clients, servers (2, 3).
lbfig2   WO 99/33227 Fig. 2: an internet host (inet) on the outside switch (s2), a pool of routers
         between it and the load-balancing switch (s1), servers sharing one VIP on their
         loopbacks (direct server return). Args: servers, routers (3, 2).
lbparam  N clients, M servers, K switches in a line: clients on the first half of the switches,
         servers on the rest (all on s1 when K=1). Args: clients, servers, switches (2, 3, 1).
"""

import os
import sys

from mininet.topo import Topo

_here = os.path.dirname(os.path.abspath(__file__)) if '__file__' in globals() else None
if _here and _here not in sys.path:
    sys.path.insert(0, _here)

from flowlb_hosts import LbServer, Router  # noqa: E402

PREFIX = '10.0.0.'
VIP = '10.0.0.200'
GATEWAY = '10.0.0.253'
CONTROL_VIP = '10.0.0.254'
CONTROL_VIP_CIDR = CONTROL_VIP + '/24'
OUTSIDE = '172.16.0.'
INET = OUTSIDE + '10'


def client_ip(i):
    return '%s%d' % (PREFIX, i)


def server_ip(i):
    return '%s%d' % (PREFIX, 100 + i)


def mac(kind, i):
    """Deterministic MACs, readable in captures: 02:00:00:00:<kind>:<i>."""
    return '02:00:00:00:%02x:%02x' % (kind, i)


CLIENT, SERVER, ROUTER_IN, ROUTER_OUT, INTERNET = 1, 2, 3, 4, 5


class LbTopo(Topo):
    """Shared pieces: clients c1.. and servers srv1.. with this file's addresses."""

    def addClient(self, i):
        return self.addHost('c%d' % i, ip=client_ip(i) + '/24', mac=mac(CLIENT, i))

    def addServer(self, i, **params):
        return self.addHost('srv%d' % i, cls=LbServer, ip=server_ip(i) + '/24', mac=mac(SERVER, i), **params)


class LbFig1Topo(LbTopo):
    """Clients - external switch s1 - load-balancing switch s2 - internal switch s3 - servers."""

    def build(self, clients=2, servers=3):
        external, lb, internal = self.addSwitch('s1'), self.addSwitch('s2'), self.addSwitch('s3')
        self.addLink(external, lb)
        self.addLink(lb, internal)
        for i in range(1, int(clients) + 1):
            self.addLink(self.addClient(i), external)
        for i in range(1, int(servers) + 1):
            self.addLink(self.addServer(i), internal)


class LbFig2Topo(LbTopo):
    """inet - outside switch s2 - routers r1..rR - load-balancing switch s1 - servers (DSR, one VIP).

    Servers route through r1 (10.0.0.1) until a scenario points them at the router pool's
    virtual gateway; inet routes the inside network through r1."""

    def build(self, servers=3, routers=2):
        lb, outside = self.addSwitch('s1'), self.addSwitch('s2')
        inet = self.addHost('inet', ip=INET + '/24', mac=mac(INTERNET, 1), defaultRoute='via %s1' % OUTSIDE)
        self.addLink(inet, outside)
        for i in range(1, int(routers) + 1):
            r = self.addHost('r%d' % i, cls=Router, ip='%s%d/24' % (PREFIX, i), mac=mac(ROUTER_IN, i))
            self.addLink(r, lb, params1={'ip': '%s%d/24' % (PREFIX, i)}, addr1=mac(ROUTER_IN, i))
            self.addLink(r, outside, params1={'ip': '%s%d/24' % (OUTSIDE, i)}, addr1=mac(ROUTER_OUT, i))
        for i in range(1, int(servers) + 1):
            self.addLink(self.addServer(i, dsrVip=VIP, defaultRoute='via %s1' % PREFIX), lb)


class LbParamTopo(LbTopo):
    """N clients, M servers, K switches s1..sK in a line."""

    def build(self, clients=2, servers=3, switches=1):
        k = max(1, int(switches))
        sw = [self.addSwitch('s%d' % i) for i in range(1, k + 1)]
        for a, b in zip(sw, sw[1:]):
            self.addLink(a, b)
        client_side = sw[:(k + 1) // 2] if k > 1 else sw
        server_side = sw[(k + 1) // 2:] if k > 1 else sw
        for i in range(1, int(clients) + 1):
            self.addLink(self.addClient(i), client_side[(i - 1) % len(client_side)])
        for i in range(1, int(servers) + 1):
            self.addLink(self.addServer(i), server_side[(i - 1) % len(server_side)])


topos = {'lbfig1': LbFig1Topo, 'lbfig2': LbFig2Topo, 'lbparam': LbParamTopo}
