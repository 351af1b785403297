"""Scenarios on WO 00/30294 Fig. 1: clients c1, c2 on the external switch s1, the load-balancing
switch s2, the internal switch s3, web servers srv1-srv3 (nginx naming itself). One VIP,
10.0.0.200:80, in NAT mode; the controller's control VIP 10.0.0.254 sits on the same /24.
"""

import pytest
import re
import time

from flowlb_hosts import start_agent, start_http, stop_http, stop_service
from flowlb_lab import eventually, service
from scenario import (Background, assert_shares, established, established_peers, http, http_clean, require_lb,
                      require_pseudo, require_rest, wait_pingall)
from topologies import CONTROL_VIP, VIP, LbFig1Topo

URL = 'http://%s/' % VIP
SERVERS = ('srv1', 'srv2', 'srv3')


def make_topo():
    return LbFig1Topo(clients=2, servers=3)


lab_ready = wait_pingall


def servers(lab):
    return [lab.host(n) for n in SERVERS]


def configure(lab, weights=(1, 1, 1), **kwargs):
    require_rest(lab)
    lab.put_config(service(VIP, 80, list(zip(servers(lab), weights)), **kwargs))
    require_lb(lab, lab.host('c1'), VIP)


def test_pingall(lab):
    assert lab.net.pingAll(timeout=1) == 0


def test_vip_spreads_new_connections_by_weight(lab):
    configure(lab, weights=(1, 2, 3))
    http_clean(lab.host('c1'), URL)
    result = http(lab.host('c1'), URL, count=600)
    assert result['failures'] == 0, result
    assert_shares(result['counts'], {'srv1': 1 / 6, 'srv2': 2 / 6, 'srv3': 3 / 6}, tolerance=0.08)
    dist = lab.distribution('web')
    assert {m['member_id']: m['weight'] for m in dist['members']} == {'srv1': 1, 'srv2': 2, 'srv3': 3}, dist
    if lab.switchType == 'flowswitch':
        # flow-switch reports its groups' connections (polled every 5 s): at least what each server served.
        def counted():
            totals = {m['member_id']: m['total_connections'] for m in lab.distribution('web')['members']}
            return all(totals.get(n, 0) >= c for n, c in result['counts'].items())
        assert eventually(counted, timeout=20), (result['counts'], lab.distribution('web'))


def test_weight_changes_mid_traffic_fail_no_request(lab):
    configure(lab)
    c2 = lab.host('c2')
    http_clean(c2, URL)
    load = Background(c2, 'midtraffic', 'http', '--url', URL, '--duration', 12, '--concurrency', 4, '--timeout', 3)
    time.sleep(3)
    lab.set_weight('srv1', 0)
    lab.set_weight('srv3', 4)
    time.sleep(3)
    lab.set_weight('srv2', 2)
    result = load.result(timeout=30)
    assert result['failures'] == 0, result
    assert result['requests'] > 100, result
    after = http(lab.host('c1'), URL, count=200)
    assert after['failures'] == 0, after
    assert 'srv1' not in after['counts'], 'weight 0 still takes new connections: %s' % after
    assert_shares(after['counts'], {'srv2': 2 / 6, 'srv3': 4 / 6}, tolerance=0.12)


def test_new_connections_on_reused_source_ports_follow_the_current_weights(lab):
    # Clients reuse source ports soon (the server keeps TIME-WAIT, the client nothing): a new
    # connection on a port an earlier one used is new, and must go where the weights say now.
    # flow-switch's groups keep a connection table that takes a pure SYN on an old tuple for a new
    # connection; on Open vSwitch the controller gets the pure SYNs (tcp_flags) and, when a tuple
    # moves to another server, holds the SYN until the switch's datapath cache has let go of the
    # old flow (else the rest of the handshake may reach the old server, which resets it).
    configure(lab)
    c2 = lab.host('c2')
    http_clean(c2, URL)
    before = http(c2, URL, count=3000, concurrency=4)
    assert before['failures'] == 0 and set(before['counts']) == set(SERVERS), before
    lab.set_weight('srv3', 0)
    http_clean(c2, URL, count=20, want=['srv1', 'srv2'])
    after = http(c2, URL, count=3000, concurrency=4)
    # Open vSwitch, a known defect: for some seconds after the VIP turns from its SELECT group to
    # connection-by-connection balancing (srv3 to 0), 0.2-1% of new connections are reset: the
    # controller places the SYN, but the handshake's last ACK is forwarded by Open vSwitch's
    # datapath, 0.2 ms later, to the member the VIP's frozen group picks (capture: SYN to srv2,
    # ACK to srv3), a cached action of the VIP's group that outlives its flow. flow-switch keeps
    # every connection on one server. The second change below, once the VIP is balanced
    # connection by connection, must not fail a request on either switch.
    assert after['failures'] <= (0 if lab.switchType == 'flowswitch' else 60), after
    assert 'srv3' not in after['counts'], 'srv3 has weight 0 but took new connections: %s' % after
    # Again, now that Open vSwitch balances the VIP connection by connection (a member went to 0):
    # the tuples srv1 had move to srv2, their flows are replaced.
    lab.set_weight('srv1', 0)
    http_clean(c2, URL, count=20, want=['srv2'])
    last = http(c2, URL, count=3000, concurrency=4)
    assert last['failures'] == 0, last
    assert set(last['counts']) == {'srv2'}, 'only srv2 has weight: %s' % last
    if lab.switchType == 'ovs':
        held = re.search(r'^flowlb_lb_reactive_syns_held_total (\d+)', lab.rest('GET', '/metrics')[1], re.M)
        assert held and int(held.group(1)) > 0, 'no SYN of a moved tuple waited for its flows to settle'


def test_agent_reports_shift_load_away_from_a_busy_server(lab):
    require_pseudo(lab)
    # srv1 alone first, so that idle connections held through the VIP all land on it.
    configure(lab, weights=(1, 0, 0), algorithm='least_load')
    http_clean(lab.host('c1'), URL, want=['srv1'])
    srv1 = lab.host('srv1')
    for s in servers(lab):
        start_agent(s, '%s:8080' % CONTROL_VIP, member_id=s.name, interval='500ms')
    hold = Background(lab.host('c2'), 'hold', 'hold', '--url', URL, '--count', 9, '--seconds', 90)
    try:
        assert eventually(lambda: len(lab.get('/api/v1/agents')) >= 3, timeout=40), lab.get('/api/v1/agents')
        # At least most of them: a port reused from an earlier connection is another test's matter.
        assert eventually(lambda: len(established_peers(srv1)) >= 6, timeout=20), \
            'srv1 does not hold the clients: %s' % {h.name: established(h, 80, 'dport' if h.name == 'c2' else 'sport')
                                                      for h in servers(lab) + [lab.host('c2')]}
        lab.set_weight('srv2', 1)
        lab.set_weight('srv3', 1)

        def srv1_lightest():  # its agent reports 9 clients, the others none
            w = {m['member_id']: m['weight'] for m in lab.distribution('web')['members']}
            return 0 < w['srv1'] < min(w['srv2'], w['srv3'])
        assert eventually(srv1_lightest, timeout=30), lab.distribution('web')
        result = http(lab.host('c1'), URL, count=300)
        # The master re-weights as reports come in. Open vSwitch's SELECT groups rehash existing
        # connections when buckets are re-weighted, so there a few may break; flow-switch keeps them.
        assert result['failures'] <= (0 if lab.switchType == 'flowswitch' else 15), result
        counts = result['counts']
        # Load moved off srv1: well under an equal third. (Between srv2 and srv3 the weights keep
        # moving with their own reports, so which of them takes more varies from run to run.)
        assert counts.get('srv1', 0) < 0.25 * sum(counts.values()), counts
    finally:
        hold.stop()
        for s in servers(lab):
            stop_service(s, 'agent')


def test_failed_primary_is_replaced_and_not_preempted_when_it_recovers(lab):
    monitor = {'id': 'web-http', 'type': 'http', 'interval_ms': 500, 'timeout_ms': 400, 'rise': 2, 'fall': 2,
               'http_path': '/'}
    configure(lab, availability='primary_secondary', monitor=monitor)
    c1 = lab.host('c1')
    assert set(http_clean(c1, URL, want=['srv1'])['counts']) == {'srv1'}
    srv1 = lab.host('srv1')
    stop_http(srv1)
    try:
        http_clean(c1, URL, want=['srv2'])
    finally:
        start_http(srv1)

    def srv1_healthy_again():
        return any(m['member_id'] == 'srv1' and m.get('health') == 'up' for m in lab.distribution('web')['members'])
    assert eventually(srv1_healthy_again, timeout=20), lab.distribution('web')
    result = http(c1, URL, count=100)
    assert result['failures'] == 0 and set(result['counts']) == {'srv2'}, \
        'the recovered primary took connections back (pre-emption): %s' % result


def test_drained_member_keeps_its_connection_and_takes_no_new_ones(lab):
    configure(lab)
    c1 = lab.host('c1')
    http_clean(c1, URL)
    download = Background(c1, 'download', 'download', '--url', 'http://%s/slow/big' % VIP)

    def serving():  # the server holding the download's own connection (client address and port)
        mine = [local for local, peer in established(c1, 80, side='dport') if peer.startswith(VIP + ':')]
        found = [s for s in servers(lab) if mine and mine[0] in established_peers(s)]
        return found[0] if found else None
    busy = eventually(serving, timeout=10, interval=0.2)
    assert busy, 'no server holds the download connection'
    lab.set_admin_state(busy.name, 'drain')
    others = [s.name for s in servers(lab) if s.name != busy.name]
    # The REST call returns once the change is accepted; the switches have it a moment later.
    http_clean(lab.host('c1'), URL, count=20, want=others)
    during = http(lab.host('c2'), URL, count=150)
    assert during['failures'] == 0, during
    assert busy.name not in during['counts'], '%s is draining but took new connections: %s' % (busy.name, during)
    done = download.result(timeout=60)
    assert done['ok'] and done['server'] == busy.name, 'the drained connection broke: %s' % done


def test_hosts_ping_the_controller_at_the_control_vip(lab):
    require_pseudo(lab)
    for h in (lab.host('c1'), lab.host('srv3')):
        assert eventually(lambda: '1 received' in h.cmd('ping -c1 -W1 %s' % CONTROL_VIP), timeout=20), \
            '%s cannot ping the control VIP' % h.name


def test_hosts_reach_the_rest_api_at_the_control_vip(lab):
    require_pseudo(lab)
    require_rest(lab)
    for h in (lab.host('c2'), lab.host('srv1')):
        def answer():
            return h.cmd('curl -s -m 3 -o /dev/null -w "%%{http_code}" http://%s:8080/api/v1/config' % CONTROL_VIP)
        assert eventually(lambda: answer().strip().endswith('200'), timeout=20), \
            '%s cannot reach the REST API at %s: %s' % (h.name, CONTROL_VIP, answer())
