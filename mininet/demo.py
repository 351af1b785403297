#!/usr/bin/python3
"""The flowlb demo (run by ./flowlb demo, inside scripts/sandbox, as root).

Starts the lbfig1 topology (clients c1, c2 - s1 - load-balancing switch s2 - s3 - web servers
srv1-srv3) with flow-switch or Open vSwitch and the flowlb controller, puts VIP 10.0.0.200:80
over the servers with weights 1, 2, 3 (through the REST API), drives client load at the VIP and
prints the distribution live: member, weight, health, share, active connections, and the
requests each server counted itself. Without the load-balancing application in this build, it
shows L2 forwarding instead: the clients load every server directly.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from mininet.log import setLogLevel  # noqa: E402

from flowlb_hosts import traffic_background  # noqa: E402
from flowlb_lab import Lab, distribution_table, eventually, service  # noqa: E402
from flowlb_nodes import FlowlbController  # noqa: E402
from flowlb_proc import spawn, stop_pid  # noqa: E402
from topologies import CONTROL_VIP, VIP, LbFig1Topo  # noqa: E402

WEIGHTS = (1, 2, 3)
MONITOR = {'id': 'web-http', 'type': 'http', 'interval_ms': 1000, 'timeout_ms': 500, 'rise': 2, 'fall': 2,
           'http_path': '/'}
TTY = sys.stdout.isatty()


def say(text):
    print('demo: ' + text, flush=True)


def served(servers, baseline=None):
    """Requests each nginx counted (its stub_status), since baseline."""
    counts = {}
    for s in servers:
        out = s.cmd('curl -s -m 1 http://127.0.0.1/status').split()
        try:
            counts[s.name] = int(out[out.index('requests') + 3])  # 'server accepts handled requests' a h r
        except (ValueError, IndexError):
            counts[s.name] = 0
    if baseline:
        counts = {k: v - baseline.get(k, 0) for k, v in counts.items()}
    return counts


def table(lab, servers, baseline, lb):
    dist = lab.rest('GET', '/api/v1/vips/web/distribution')[1] if lb else None
    counts = served(servers, baseline)
    if not isinstance(dist, dict):  # L2 only: the servers' own counts are all there is
        dist = {'members': [{'member_id': s.name, 'address': s.IP(), 'port': 80} for s in servers]}
    return distribution_table(dist, counts), counts


def start_load(lab, clients, servers, duration, lb):
    """Client load for duration seconds: at the VIP, or (L2 only) at every server in turn."""
    procs = []
    targets = ['http://%s/' % VIP] if lb else ['http://%s/' % s.IP() for s in servers]
    for c in clients:
        for url in targets:
            log = '/tmp/flowlb-%s/load-%s.log' % (c.name, len(procs))
            os.makedirs(os.path.dirname(log), exist_ok=True)
            if shutil.which('wrk'):
                procs.append((c, spawn(c, ['wrk', '-t1', '-c4', '-d%ds' % duration, '-H', 'Connection: close', url],
                                       log)))
            else:
                procs.append((c, traffic_background(c, log, 'http', '--url', url, '--duration', duration,
                                                    '--concurrency', 4)))
    return procs


def run(args):
    setLogLevel('warning')
    t0 = time.time()
    say('starting lbfig1 with %s: controller, 3 switches, 2 clients, 3 nginx servers...' % args.switch)
    lab = Lab(LbFig1Topo(clients=2, servers=3), switch=args.switch, restPort=8080)
    fwd = None
    try:
        lab.start(timeout=90)
        if args.rest_socket:
            fwd = subprocess.Popen(['/usr/bin/python3', os.path.join(HERE, 'portfwd.py'), 'unix-to-tcp',
                                    args.rest_socket, '127.0.0.1:8080'])
        say('network up in %.0f s; waiting for L2 forwarding (pingall)...' % (time.time() - t0))
        if not eventually(lambda: lab.net.pingAll(timeout=1) == 0, timeout=120, interval=1):
            say('pingall still loses packets after 120 s: see %s' % lab.controller.logfile)
            return 1
        say('pingall: every host reaches every other one (%.0f s)' % (time.time() - t0))
        clients, servers = lab.hosts('c'), lab.hosts('srv')
        rest = eventually(lambda: lab.rest('GET', '/api/v1/config')[0] == 200, timeout=10)
        lb = False
        if rest:
            lab.put_config(service(VIP, 80, list(zip(servers, WEIGHTS)), monitor=MONITOR))
            lb = eventually(lambda: lab.resolves(clients[0], VIP), timeout=15, interval=1)
        if lb:
            say('VIP %s:80 over srv1, srv2, srv3 with weights %s (PUT /api/v1/config)' % (VIP, WEIGHTS))
        else:
            say('this build has %s: showing L2 forwarding, each client loads every server directly'
                % ('no load-balancing application yet' if rest else 'no REST API yet'))
        where(args, rest)
        baseline = served(servers)
        procs = start_load(lab, clients, servers, args.duration, lb)
        say('client load for %d s (%s)...' % (args.duration, 'wrk' if shutil.which('wrk') else 'lbtraffic.py'))
        end = time.time() + args.duration + 1
        lines = 0
        while time.time() < end:
            time.sleep(1 if TTY else 2)
            text, _ = table(lab, servers, baseline, lb)
            if TTY and lines:
                sys.stdout.write('\033[%dF\033[J' % lines)
            stamp = '-- %s, %.0f s left' % (time.strftime('%H:%M:%S'), max(0, end - time.time()))
            print(stamp + '\n' + text, flush=True)
            lines = text.count('\n') + 2
        for _, pid in procs:
            stop_pid(pid, 5)
        text, counts = table(lab, servers, baseline, lb)
        print('\nfinal distribution (%s):\n%s' % ('VIP %s:80' % VIP if lb else 'direct requests', text), flush=True)
        every = all(counts.get(s.name, 0) > 0 for s in servers)
        say('every server received requests: %s' % ('yes' if every else 'NO'))
        if args.cli:
            from mininet.cli import CLI
            say('Mininet CLI: try "c1 curl -s %s", "c1 ping -c1 %s"; exit (or Ctrl-D) ends the demo'
                % (('http://%s/' % VIP) if lb else 'http://10.0.0.101/', CONTROL_VIP))
            CLI(lab.net)
        return 0 if every else 1
    finally:
        say('stopping the network...')
        if fwd:
            stop_pid(fwd.pid, 2)
        lab.stop()
        say('done in %.0f s' % (time.time() - t0))


def where(args, rest):
    if not rest:
        return
    if args.dashboard_url:
        say('dashboard %s  REST %sapi/v1/distribution  (forwarded into the sandbox while the demo runs)'
            % (args.dashboard_url, args.dashboard_url))
    if FlowlbController.supports('--control-vip'):
        say('from the Mininet hosts: http://%s:8080/ (the controller\'s control VIP, through the switches)'
            % CONTROL_VIP)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--switch', choices=('flowswitch', 'ovs'), default='flowswitch')
    p.add_argument('--duration', type=int, default=20, help='seconds of client load (default 20)')
    p.add_argument('--cli', action='store_true', help='leave the Mininet CLI open at the end')
    p.add_argument('--rest-socket', help='Unix socket to expose the REST port on (for scripts/demo)')
    p.add_argument('--dashboard-url', help='where the forwarded dashboard is, to print')
    args = p.parse_args()
    if os.environ.get('FLOWLB_IN_SANDBOX') != '1':
        raise SystemExit('demo.py runs inside scripts/sandbox: use ./flowlb demo')
    try:
        sys.exit(run(args))
    except KeyboardInterrupt:
        say('interrupted: cleaned up')
        sys.exit(130)


if __name__ == '__main__':
    main()
