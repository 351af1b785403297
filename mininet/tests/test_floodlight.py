"""Floodlight's Load Balancer wiki, as its users run it: Mininet's single switch with eight hosts
10.0.0.1-8, the wiki's curl commands word for word, then pings to the ICMP VIP 10.0.0.100,
TCP to 10.0.0.200:100 and UDP to 10.0.0.150:200 spread over the members the wiki names."""

import subprocess

from mininet.topo import SingleSwitchTopo

from flowlb_hosts import start_http, start_sink, stop_service, traffic
from flowlb_lab import eventually
from scenario import http, require_floodlight, require_lb, snmp, wait_pingall

LAB_PARAMS = {'ipBase': '10.0.0.0/24', 'autoSetMacs': True}

# The wiki's sequence (Mininet --topo single,8), exactly as published.
WIKI = [
    """curl -X POST -d '{"id":"1","name":"vip1","protocol":"icmp","address":"10.0.0.100","port":"8"}' http://localhost:8080/quantum/v1.0/vips/""",
    """curl -X POST -d '{"id":"1","name":"pool1","protocol":"icmp","vip_id":"1"}' http://localhost:8080/quantum/v1.0/pools/""",
    """curl -X POST -d '{"id":"1","address":"10.0.0.3","port":"8","pool_id":"1"}' http://localhost:8080/quantum/v1.0/members/""",
    """curl -X POST -d '{"id":"2","address":"10.0.0.4","port":"8","pool_id":"1"}' http://localhost:8080/quantum/v1.0/members/""",
    """curl -X POST -d '{"id":"2","name":"vip2","protocol":"tcp","address":"10.0.0.200","port":"100"}' http://localhost:8080/quantum/v1.0/vips/""",
    """curl -X POST -d '{"id":"2","name":"pool2","protocol":"tcp","vip_id":"2"}' http://localhost:8080/quantum/v1.0/pools/""",
    """curl -X POST -d '{"id":"3","address":"10.0.0.5","port":"100","pool_id":"2"}' http://localhost:8080/quantum/v1.0/members/""",
    """curl -X POST -d '{"id":"4","address":"10.0.0.6","port":"100","pool_id":"2"}' http://localhost:8080/quantum/v1.0/members/""",
    """curl -X POST -d '{"id":"3","name":"vip3","protocol":"udp","address":"10.0.0.150","port":"200"}' http://localhost:8080/quantum/v1.0/vips/""",
    """curl -X POST -d '{"id":"3","name":"pool3","protocol":"udp","vip_id":"3"}' http://localhost:8080/quantum/v1.0/pools/""",
    """curl -X POST -d '{"id":"5","address":"10.0.0.7","port":"200","pool_id":"3"}' http://localhost:8080/quantum/v1.0/members/""",
    """curl -X POST -d '{"id":"6","address":"10.0.0.8","port":"200","pool_id":"3"}' http://localhost:8080/quantum/v1.0/members/""",
]


def make_topo():
    return SingleSwitchTopo(k=8)


lab_ready = wait_pingall


def test_pingall_on_single_8(lab):
    assert lab.net.pingAll(timeout=1) == 0


def test_wiki_curl_sequence_balances_icmp_tcp_and_udp(lab):
    require_floodlight(lab)
    for command in WIKI:
        done = subprocess.run(['sh', '-c', command.replace('localhost:8080', 'localhost:%d' % lab.restPort)],
                              capture_output=True, text=True, timeout=30)
        assert done.returncode == 0 and '"id"' in done.stdout, (command, done.stdout, done.stderr)
    h = {i: lab.host('h%d' % i) for i in range(1, 9)}
    require_lb(lab, h[1], '10.0.0.100')
    for i in (5, 6):
        start_http(h[i], port=100)
    for i in (7, 8):
        start_sink(h[i], udp_port=200)
    # A VIP balances per client: h1 gets 20 more addresses, so that there are clients to spread.
    sources = ['10.0.0.%d' % n for n in range(21, 41)]
    for a in sources:
        h[1].cmd('ip addr add %s/24 dev %s' % (a, h[1].defaultIntf()))
    try:
        echos = {i: snmp(h[i], 'Icmp', 'InEchos') for i in (3, 4)}
        for i in (1, 2, 5, 6, 7, 8):  # every non-member of pool 1 pings the ICMP VIP
            assert eventually(lambda: '1 received' in h[i].cmd('ping -c1 -W1 10.0.0.100'), timeout=20), \
                'h%d cannot ping the ICMP VIP 10.0.0.100' % i
        for a in sources:
            assert '1 received' in h[1].cmd('ping -c1 -W1 -I %s 10.0.0.100' % a), 'no answer to %s' % a
        got = {i: snmp(h[i], 'Icmp', 'InEchos') - echos[i] for i in (3, 4)}
        assert min(got.values()) >= 5, 'pings to the VIP did not spread over both members: %s' % got

        eventually(lambda: http(h[1], 'http://10.0.0.200:100/', count=5)['failures'] == 0, timeout=20)
        tcp = http(h[1], 'http://10.0.0.200:100/', count=200)
        assert tcp['failures'] == 0 and set(tcp['counts']) == {'h5', 'h6'}, tcp
        assert min(tcp['counts'].values()) >= 200 * 0.3, 'TCP VIP not balanced: %s' % tcp

        eventually(lambda: traffic(h[2], 'udp', '--host', '10.0.0.150', '--port', 200, '--count', 5)['failures'] == 0,
                   timeout=20)
        udp = traffic(h[1], 'udp', '--host', '10.0.0.150', '--port', 200, '--count', 200,
                      *[x for a in sources for x in ('--source', a)])
        assert udp['failures'] == 0 and set(udp['counts']) == {'h7', 'h8'}, udp
        assert min(udp['counts'].values()) >= 200 * 0.3, 'UDP VIP not balanced: %s' % udp
    finally:
        for a in sources:
            h[1].cmd('ip addr del %s/24 dev %s' % (a, h[1].defaultIntf()))
        for i in (5, 6, 7, 8):
            stop_service(h[i], 'http')
            stop_service(h[i], 'sink')
