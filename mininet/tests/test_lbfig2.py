"""Scenarios on WO 99/33227 Fig. 2: the internet host inet behind routers r1, r2 (outside switch
s2), the load-balancing switch s1, servers srv1-srv3 sharing VIP 10.0.0.200 on their loopbacks.
Direct server return: the switch rewrites only the destination MAC of packets to the VIP, and
the servers answer from the VIP straight to their gateway. Router pool: the servers' gateway
10.0.0.253 is virtual; the switch answers their ARP for it with one router's MAC.
"""

import re

from flowlb_hosts import sink_counts, start_sink, stop_service, traffic
from flowlb_lab import eventually, merge, service
from scenario import HostCapture, frames, http, http_clean, require_lb, require_rest
from topologies import GATEWAY, INET, OUTSIDE, PREFIX, VIP, LbFig2Topo

SERVERS = ('srv1', 'srv2', 'srv3')


def make_topo():
    return LbFig2Topo(servers=3, routers=2)


def lab_ready(lab):
    inet = lab.host('inet')
    for s in SERVERS:
        ip = lab.host(s).IP()
        assert eventually(lambda: '1 received' in inet.cmd('ping -c1 -W1 %s' % ip), timeout=90, interval=1), \
            'inet cannot reach %s through r1' % s


def servers(lab):
    return [lab.host(n) for n in SERVERS]


def configure(lab, protocol='tcp', port=80):
    require_rest(lab)
    lab.put_config(service(VIP, port, servers(lab), protocol=protocol, mode='dsr', algorithm='round_robin'))
    require_lb(lab, lab.host('r1'), VIP)


def test_internet_host_reaches_every_server_through_a_router(lab):
    inet = lab.host('inet')
    for s in servers(lab):
        assert '1 received' in inet.cmd('ping -c1 -W1 %s' % s.IP()), s.name


def test_dsr_rewrites_only_the_destination_mac_and_replies_come_from_the_vip(lab):
    configure(lab)
    inet, r1 = lab.host('inet'), lab.host('r1')
    http_clean(inet, 'http://%s/' % VIP)
    lb = lab.net.get('s1')
    ports = {s.name: s.connectionsTo(lb)[0][1].name for s in servers(lab)}
    caps = {name: HostCapture(lb, port, 'tcp port 80', name='dsr-' + port) for name, port in ports.items()}
    router_side = HostCapture(r1, r1.defaultIntf().name, 'tcp port 80', name='dsr-r1')
    result = http(inet, 'http://%s/' % VIP, count=60, concurrency=2)
    lines = {name: cap.stop() for name, cap in caps.items()}
    at_router = router_side.stop()
    assert result['failures'] == 0 and set(result['counts']) == set(SERVERS), result
    r1_mac = r1.MAC()
    for s in servers(lab):
        seen = frames(lines[s.name])
        to_server = [f for f in seen if f['dst'] == VIP and f['dport'] == '80']
        from_server = [f for f in seen if f['src'] == VIP and f['sport'] == '80']
        assert to_server and from_server, 'no DSR traffic seen at %s: %s' % (s.name, lines[s.name][:5])
        for f in to_server:  # only the destination MAC was rewritten: source MAC and both IPs untouched
            assert (f['smac'], f['dmac'], f['src']) == (r1_mac, s.MAC(), INET), f['line']
        for f in from_server:  # the reply leaves from the VIP, to the router
            assert (f['smac'], f['dmac'], f['dst']) == (s.MAC(), r1_mac, INET), f['line']
    replies = [f for f in frames(at_router) if f['src'] == VIP and f['dst'] == INET]
    assert replies, 'no reply from the VIP reached r1'
    server_macs = {s.MAC() for s in servers(lab)}
    for f in replies:  # replies bypass the switch's rewrite: they still carry the servers' own MACs
        assert f['smac'] in server_macs, f['line']


def test_udp_is_balanced_in_dsr_mode(lab):
    configure(lab, protocol='udp', port=5000)
    for s in servers(lab):
        start_sink(s, udp_port=5000, addresses=(VIP, s.IP()))
    try:
        inet = lab.host('inet')
        assert eventually(lambda: traffic(inet, 'udp', '--host', VIP, '--port', 5000, '--count', 5)['failures'] == 0,
                          timeout=20), 'UDP to the VIP gets no answer'
        result = traffic(inet, 'udp', '--host', VIP, '--port', 5000, '--count', 300)
        assert result['failures'] == 0, result
        for s in SERVERS:
            assert result['counts'].get(s, 0) >= 300 * 0.15, 'UDP not balanced: %s' % result
    finally:
        for s in servers(lab):
            stop_service(s, 'sink')


def test_esp_is_balanced_in_dsr_mode(lab):
    configure(lab, protocol='esp', port=0)
    for s in servers(lab):
        start_sink(s, esp=True)
    try:
        sent = traffic(lab.host('inet'), 'esp', '--dst', VIP, '--count', 256, '--sources', 64,
                       '--src-base', OUTSIDE + '100')
        assert sent['sent'] == 256

        def all_counted():
            return sum(sink_counts(s)['esp'] for s in servers(lab)) >= 256
        eventually(all_counted, timeout=10)
        counts = {s.name: sink_counts(s)['esp'] for s in servers(lab)}
        assert sum(counts.values()) == 256, 'ESP packets lost or duplicated: %s' % counts
        for name, n in counts.items():  # 64 sources over 3 servers: each gets a fair part
            assert n >= 256 * 0.15, 'ESP not balanced over the sources: %s' % counts
    finally:
        for s in servers(lab):
            stop_service(s, 'sink')


def router_pool(lab, selection='source_ip_round_robin'):
    return {'router_pools': [{'id': 'edge', 'name': 'edge', 'gateway_address': GATEWAY, 'selection': selection,
                              'routers': [{'address': lab.host(r).IP(), 'mac': lab.host(r).MAC()}
                                          for r in ('r1', 'r2')]}]}


def gateway_mac(server):
    m = re.search(r'lladdr ([0-9a-f:]{17})', server.cmd('ip neigh show %s' % GATEWAY))
    return m.group(1) if m else None


def test_router_pool_spreads_servers_over_routers_and_survives_a_router_failure(lab):
    require_rest(lab)
    lab.put_config(merge(router_pool(lab)))
    require_lb(lab, lab.host('srv1'), GATEWAY, what='router pool gateway')
    inet, r1, r2 = lab.host('inet'), lab.host('r1'), lab.host('r2')
    try:
        for s in servers(lab):
            s.cmd('ip route replace default via %s; ip neigh flush all' % GATEWAY)
        for s in servers(lab):
            assert eventually(lambda: '1 received' in s.cmd('ping -c1 -W1 %s' % INET), timeout=20), \
                '%s cannot reach inet through the router pool' % s.name
        chosen = {s.name: gateway_mac(s) for s in servers(lab)}
        assert set(chosen.values()) == {r1.MAC(), r2.MAC()}, \
            'the gateway should resolve to both routers over the servers: %s' % chosen
        # r1 fails. Upstream routing converging on r2 is the outside world's job: done by hand.
        lab.net.configLinkStatus('r1', 's1', 'down')
        lab.net.configLinkStatus('r1', 's2', 'down')
        inet.cmd('ip route replace default via %s2' % OUTSIDE)
        for s in servers(lab):
            assert eventually(lambda: '1 received' in s.cmd('ping -c1 -W1 %s' % INET), timeout=30), \
                '%s lost the internet when r1 failed (gateway now %s)' % (s.name, gateway_mac(s))
    finally:
        lab.net.configLinkStatus('r1', 's1', 'up')
        lab.net.configLinkStatus('r1', 's2', 'up')
        inet.cmd('ip route replace default via %s1' % OUTSIDE)
        for s in servers(lab):
            s.cmd('ip route replace default via %s1; ip neigh flush all' % PREFIX)
