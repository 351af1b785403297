"""Helpers of the scenario tests: feature probes, client traffic, counters, captures.

A scenario that needs a part of flowlb this build does not have skips, and says which part and
how it was probed. Probes ask the running system, never a list of what is supposed to exist:
  REST API        GET /api/v1/config answers 200
  Floodlight API  GET /quantum/v1.0/vips/ answers 200
  pseudo-interface  ./flowlb controller --help offers --control-vip
  LB application  after a VIP is configured, something answers ARP for it on the hosts' segment
"""

import os
import re
import time

import pytest

from flowlb_hosts import host_dir, traffic, traffic_background
from flowlb_lab import eventually, shares
from flowlb_nodes import FlowlbController
from flowlb_proc import running, spawn, stop_pid


# ---- feature probes

def probed(lab, name, probe):
    """The answer of probe() for this network, asked once (the controller does not change under it)."""
    answers = lab.__dict__.setdefault('probes', {})
    if name not in answers:
        answers[name] = probe()
    return answers[name]


def require_rest(lab):
    if not probed(lab, 'rest', lambda: eventually(lambda: lab.rest('GET', '/api/v1/config')[0] == 200, timeout=8)):
        pytest.skip('the controller has no REST API: GET /api/v1/config does not answer 200')


def require_floodlight(lab):
    require_rest(lab)
    if not probed(lab, 'floodlight', lambda: lab.rest('GET', '/quantum/v1.0/vips/')[0] == 200):
        pytest.skip('the controller has no Floodlight-compatible API: GET /quantum/v1.0/vips/ does not answer 200')


def require_pseudo(lab):
    if not FlowlbController.supports('--control-vip'):
        pytest.skip('the controller has no pseudo-interface: ./flowlb controller --help offers no --control-vip')


def require_lb(lab, host, address, what='VIP', timeout=15):
    """Skips unless the load-balancing application answers ARP for a configured address (a VIP,
    or a router pool's gateway: what), asked from host. A negative answer is kept per network."""
    answers = lab.__dict__.setdefault('probes', {})
    key = 'arp ' + what
    if answers.get(key) is False or not eventually(lambda: lab.resolves(host, address), timeout=timeout, interval=1):
        answers[key] = False
        pytest.skip('no load-balancing application for this in the build: nobody answers ARP for %s %s within %d s'
                    % (what, address, timeout))


# ---- readiness

def wait_pingall(lab, timeout=90):
    """Waits until every host pings every other one (a module's lab_ready)."""
    assert eventually(lambda: lab.net.pingAll(timeout=1) == 0, timeout=timeout, interval=1), \
        'pingall keeps losing packets after %d s' % timeout


# ---- traffic

def http(client, url, count=300, concurrency=4, timeout=3.0):
    """count requests from client, each on a new connection: {'counts': {server: n}, 'failures': n, ...}."""
    return traffic(client, 'http', '--url', url, '--count', count, '--concurrency', concurrency,
                   '--timeout', timeout)


def http_clean(client, url, count=30, timeout=30.0, want=None):
    """Polls batches until one has no failure (and, with want, only servers in want); returns it."""
    last = {}

    def clean():
        nonlocal last
        last = http(client, url, count=count, concurrency=2, timeout=1.0)
        return last['failures'] == 0 and (want is None or set(last['counts']) <= set(want))

    assert eventually(clean, timeout=timeout, interval=0.5), 'no clean batch to %s within %.0f s: %s' % (
        url, timeout, last)
    return last


def assert_shares(counts, expected, tolerance):
    """Each server's share of counts is within tolerance of its expected share (fractions)."""
    got = shares(counts)
    for name, want in expected.items():
        assert abs(got.get(name, 0.0) - want) <= tolerance, 'share of %s: %.3f, expected %.3f +- %.2f (counts %s)' % (
            name, got.get(name, 0.0), want, tolerance, counts)


class Background:
    """lbtraffic.py running on a host in the background; result() waits for its JSON answer."""

    def __init__(self, host, name, *args):
        self.host = host
        self.log = os.path.join(host_dir(host), name + '.log')
        if os.path.exists(self.log):
            os.remove(self.log)
        self.pid = traffic_background(host, self.log, *args)

    def result(self, timeout=60.0):
        import json
        deadline = time.time() + timeout
        while time.time() < deadline and running(self.pid):
            time.sleep(0.2)
        stop_pid(self.pid, 1)
        with open(self.log) as f:
            lines = [line for line in f.read().splitlines() if line.startswith('{')]
        assert lines, 'no answer from background traffic on %s (log %s)' % (self.host.name, self.log)
        return json.loads(lines[-1])

    def stop(self):
        stop_pid(self.pid, 2)


# ---- counters a host keeps per network namespace

def snmp(host, proto, field):
    """A counter of /proc/net/snmp in host's namespace, e.g. snmp(h, 'Icmp', 'InEchos')."""
    lines = [line.split() for line in host.cmd('cat /proc/net/snmp').splitlines() if line.startswith(proto + ':')]
    if len(lines) < 2:
        return 0
    return int(lines[1][lines[0].index(field)])


def established(host, port, side='sport'):
    """(local, peer) 'ip:port' pairs of host's established TCP connections whose local port
    (side='sport') or remote port (side='dport') is port."""
    out = host.cmd("ss -Htn state established '( %s = :%d )'" % (side, port))
    return [tuple(line.split()[-2:]) for line in out.splitlines() if len(line.split()) >= 4]


def established_peers(server, port=80):
    """'ip:port' of the clients with an established TCP connection to server's port."""
    return [peer for _, peer in established(server, port)]


# ---- captures

class HostCapture:
    """tcpdump -e -nn on one interface of a node (a switch port in the root namespace, or a host's
    interface in its namespace), as text lines."""

    def __init__(self, node, intf, bpf='', name=None):
        self.node = node
        self.path = os.path.join(host_dir(node), '%s.tcpdump.log' % (name or intf))
        self.pid = spawn(node, ['tcpdump', '-l', '-e', '-nn', '-i', intf] + (bpf.split() if bpf else []), self.path)
        # Traffic sent before tcpdump listens is not seen: wait for it (slow to start on a busy machine).
        assert eventually(lambda: 'listening on' in _read(self.path), timeout=30, interval=0.1), \
            'tcpdump on %s %s did not start within 30 s: %s' % (node.name, intf, _read(self.path)[-300:])

    def stop(self):
        time.sleep(0.3)  # let the last frames be printed
        stop_pid(self.pid, 2)
        return self.lines()

    def lines(self):
        return [line for line in _read(self.path).splitlines() if re.match(r'^\d\d:', line)]


def _read(path):
    try:
        with open(path, errors='replace') as f:
            return f.read()
    except OSError:
        return ''


FRAME = re.compile(r'^\S+ ([0-9a-f:]{17}) > ([0-9a-f:]{17}), .*?length \d+: '
                   r'(\d+\.\d+\.\d+\.\d+)\.(\d+) > (\d+\.\d+\.\d+\.\d+)\.(\d+):')


def frames(lines):
    """tcpdump -e -nn lines of TCP/UDP frames as dicts: smac, dmac, src, sport, dst, dport."""
    out = []
    for line in lines:
        m = FRAME.match(line)
        if m:
            out.append(dict(zip(('smac', 'dmac', 'src', 'sport', 'dst', 'dport'), m.groups()), line=line))
    return out
