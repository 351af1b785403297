"""A flowlb network in a few lines: Mininet with flow-switch or Open vSwitch, the flowlb controller,
its REST API, and the load-balancing configuration documents. The scenarios and the demo use it;
so can a script of your own (see mininet/README.md).

    lab = Lab(LbFig1Topo(clients=2, servers=3), switch='flowswitch').start()
    lab.put_config(service(VIP, 80, [(lab.host('srv1'), 1), (lab.host('srv2'), 3)]))
    print(lab.host('c1').cmd('curl -s http://10.0.0.200/'))
    lab.stop()

Run it as root where Mininet may delete interfaces and kill processes: inside scripts/sandbox.
"""

import functools
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request

from mininet.net import Mininet

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from flowlb_hosts import stop_services  # noqa: E402
from flowlb_nodes import FlowlbController, FlowSwitch, OVSUserSwitch  # noqa: E402
from topologies import CONTROL_VIP_CIDR  # noqa: E402

SWITCH_TYPES = ('flowswitch', 'ovs')


def switch_class(kind, **params):
    """The Mininet switch class for a switch type: 'flowswitch' or 'ovs' (userspace datapath)."""
    cls = {'flowswitch': FlowSwitch, 'ovs': OVSUserSwitch}.get(kind)
    if cls is None:
        raise ValueError('switch type must be one of %s, not %r' % (', '.join(SWITCH_TYPES), kind))
    return functools.partial(cls, **params) if params else cls


def eventually(check, timeout=20.0, interval=0.5):
    """Polls check() until it returns a truthy value or the timeout passes; returns the last value."""
    deadline = time.time() + timeout
    value = check()
    while not value and time.time() < deadline:
        time.sleep(interval)
        value = check()
    return value


def quiet_init():
    """Mininet's one-time set-up raises system limits; in the sandbox some cannot be raised (they
    are the machine's, not the namespace's) and it says so as an error. Nothing here needs them."""
    from mininet import log
    level = log.lg.getEffectiveLevel()
    log.lg.setLevel(log.LEVELS['critical'])
    try:
        Mininet.init()
    finally:
        log.lg.setLevel(level)


class RestError(Exception):
    def __init__(self, status, body, what):
        Exception.__init__(self, '%s -> HTTP %s: %s' % (what, status, body))
        self.status = status
        self.body = body


class Lab:
    """One Mininet network driven by one flowlb controller.

    topo:        a Mininet Topo
    switch:      'flowswitch' or 'ovs'
    controlVip:  the controller's pseudo-interface address (None: none)
    restPort, openflowPort, listenPort: the controller's ports, and the first switch's
                 passive OpenFlow port (ovs-ofctl reaches flow-switch there)
    **mininet:   more Mininet() arguments (ipBase, autoSetMacs, ...)
    """

    def __init__(self, topo, switch='flowswitch', controlVip=CONTROL_VIP_CIDR, restPort=8080, openflowPort=6653,
                 listenPort=6654, switchParams=None, **mininet):
        self.switchType = switch
        self.restPort = restPort
        controller = functools.partial(FlowlbController, port=openflowPort, restPort=restPort, controlVip=controlVip)
        mininet.setdefault('ipBase', '10.0.0.0/24')
        quiet_init()
        self.net = Mininet(topo=topo, switch=switch_class(switch, **(switchParams or {})), controller=controller,
                           listenPort=listenPort, waitConnected=False, **mininet)

    # ---- life cycle
    def start(self, timeout=60.0):
        self.net.start()
        if not self.net.waitConnected(timeout=timeout):
            logs = '\n'.join('--- %s\n%s' % (s.name, s.log()[-2000:]) for s in self.net.switches)
            raise RuntimeError('switches did not connect to the controller in %.0f s\n%s\n--- controller\n%s'
                               % (timeout, logs, self.controller.log()[-3000:]))
        return self

    def stop(self):
        for h in self.net.hosts:
            stop_services(h)
        self.net.stop()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # ---- nodes
    @property
    def controller(self):
        return self.net.controllers[0]

    def host(self, name):
        return self.net.get(name)

    def resolves(self, host, address):
        """Whether host resolves address to a MAC now (asks by ARP once, reads its neighbour table):
        how a client sees that the load-balancing application answers for a VIP."""
        host.cmd('ip neigh del %s dev %s 2>/dev/null; ping -c1 -W1 %s >/dev/null 2>&1'
                 % (address, host.defaultIntf(), address))
        return re.search(r'lladdr ([0-9a-f:]{17})', host.cmd('ip neigh show %s' % address)) is not None

    def hosts(self, prefix):
        return [h for h in self.net.hosts if h.name.startswith(prefix) and h.name[len(prefix):].isdigit()]

    # ---- REST
    def rest(self, method, path, body=None, timeout=10.0):
        """Calls the controller's REST API; returns (status, parsed JSON or text)."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.controller.restUrl(path), data=data, method=method,
                                     headers={'Content-Type': 'application/json'} if data else {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                status, text = resp.status, resp.read().decode(errors='replace')
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode(errors='replace')
        except (urllib.error.URLError, OSError) as e:
            return 0, str(e)
        try:
            return status, json.loads(text) if text else None
        except ValueError:
            return status, text

    def call(self, method, path, body=None, ok=(200, 201, 202, 204)):
        """Like rest() but raises RestError unless the status is one of ok; returns the body."""
        status, answer = self.rest(method, path, body)
        if status not in ok:
            raise RestError(status, answer, '%s %s %s' % (method, path, json.dumps(body) if body else ''))
        return answer

    def get(self, path):
        return self.call('GET', path)

    def put_config(self, config):
        """Replaces the whole load-balancing configuration (PUT /api/v1/config)."""
        return self.call('PUT', '/api/v1/config', config)

    def clear_config(self):
        return self.put_config(empty_config())

    def distribution(self, vip_id):
        """GET /api/v1/vips/{id}/distribution: members with weight, health, share, connections."""
        return self.get('/api/v1/vips/%s/distribution' % vip_id)

    def set_weight(self, member_id, weight):
        return self.call('PUT', '/api/v1/members/%s/weight' % member_id, {'weight': weight})

    def set_admin_state(self, member_id, state):
        return self.call('PUT', '/api/v1/members/%s/admin-state' % member_id, {'admin_state': state})


# ---- configuration documents (the format of GET/PUT /api/v1/config)

def empty_config():
    return {'format': 1, 'vips': [], 'pools': [], 'members': [], 'monitors': [], 'router_pools': []}


def service(vip, port, members, protocol='tcp', mode='nat', vip_id='web', algorithm='weighted', monitor=None,
            availability=None, member_port=None):
    """A configuration with one VIP over one pool. members: (host, weight) pairs or hosts; member
    ids are the host names. monitor: a monitor document (its id is used) or None."""
    pool = {'id': vip_id, 'name': vip_id, 'algorithm': algorithm}
    if availability:
        pool['availability'] = availability
    doc = empty_config()
    if monitor:
        doc['monitors'].append(monitor)
        pool['monitor_ids'] = [monitor['id']]
    doc['vips'].append({'id': vip_id, 'name': vip_id, 'address': vip, 'protocol': protocol, 'port': port,
                        'mode': mode, 'pool_id': vip_id})
    doc['pools'].append(pool)
    for order, m in enumerate(members):
        host, weight = m if isinstance(m, tuple) else (m, None)
        member = {'id': host.name, 'pool_id': vip_id, 'address': host.IP(),
                  'port': port if member_port is None else member_port, 'mac': host.MAC(), 'failover_order': order}
        if weight is not None:
            member['weight'] = weight
        doc['members'].append(member)
    return doc


def merge(*configs):
    """One configuration holding the objects of several."""
    doc = empty_config()
    for c in configs:
        for key in ('vips', 'pools', 'members', 'monitors', 'router_pools'):
            doc[key].extend(c.get(key, []))
    return doc


def shares(counts):
    """{name: count} -> {name: fraction of the total}."""
    total = float(sum(counts.values())) or 1.0
    return {k: v / total for k, v in counts.items()}


def distribution_table(dist, served=None):
    """The distribution of one VIP as a text table (the controller's view: weight, health, admin
    state, share of new connections, connections) beside what each server counted itself."""
    rows = [('member', 'address', 'weight', 'health', 'state', 'share', 'active', 'total', 'served', 'served%')]
    fractions = shares(served or {})
    for m in (dist or {}).get('members', []):
        name = m.get('member_id', '?')
        rows.append((name, '%s:%s' % (m.get('address', '?'), m.get('port', '')), str(m.get('weight', '')),
                     str(m.get('health', '')), str(m.get('admin_state', '')), '%.1f%%' % (100 * m['share']) if 'share' in m else '',
                     str(m.get('active_connections', '')), str(m.get('total_connections', '')),
                     str((served or {}).get(name, '')), '%.1f%%' % (100 * fractions[name]) if name in fractions else ''))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return '\n'.join('  '.join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)
