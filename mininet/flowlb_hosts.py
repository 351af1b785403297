"""Back-end servers and routers for flowlb topologies.

The functions work on any Mininet host (so a test can turn h5 of a plain topology into a web
server); LbServer and Router are host classes that do it at start from their parameters.

- start_http(host): nginx (Debian's nginx-light) with a generated per-host configuration: ``/``
  answers the host's name (``srv1\\n``), ``/status`` is nginx's stub_status (the load agent
  reads requests/s from it), ``/files/big`` is a larger file and ``/slow/big`` the same file
  sent at a limited rate, for downloads that outlive a policy change. Every reply carries
  ``X-Server: <name>``. Without nginx, a Python server answers the same way (far slower: not
  for load).
- start_agent(host, controller): the load agent (``./flowlb agent``) reporting this server.
- add_dsr_vip(host, vip): the VIP on the loopback, ARP for it suppressed (direct server return).
- start_sink(host, ...): UDP responder naming the host and an ESP packet counter (lbtraffic.py).

Each host keeps its files in /tmp/flowlb-<name>/ and its processes' pids; stop_services(host)
stops them by pid.
"""

import json
import os
import shlex
import sys
import time

from mininet.node import Host

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from flowlb_proc import FLOWLB, running, spawn, stop_pid  # noqa: E402

PYTHON = '/usr/bin/python3'
TRAFFIC = os.path.join(HERE, 'lbtraffic.py')
BIG_FILE_BYTES = 2 * 1024 * 1024
SLOW_RATE = '256k'

NGINX_CONF = """worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
  keepalive_requests 1000000;
  server {{
    listen {port} reuseport;
    add_header X-Server {name} always;
    location = / {{ default_type text/plain; return 200 "{name}\\n"; }}
    location = /status {{ stub_status; }}
    location /files/ {{ alias {dir}/files/; }}
    location /slow/ {{ alias {dir}/files/; limit_rate {rate}; }}
  }}
}}
"""


def host_dir(host):
    """The host's own directory for configuration, logs and state files."""
    d = '/tmp/flowlb-%s' % host.name
    os.makedirs(d, exist_ok=True)
    return d


def _pids(host):
    if not hasattr(host, 'flowlbPids'):
        host.flowlbPids = {}
    return host.flowlbPids


def _start(host, key, args, env=None):
    stop_service(host, key)
    pid = spawn(host, args, os.path.join(host_dir(host), key + '.log'), env=env)
    _pids(host)[key] = pid
    return pid


def stop_service(host, key, timeout=5.0):
    """Stops one of the host's services ('http', 'agent', 'sink') if it runs."""
    pid = _pids(host).pop(key, None)
    if pid:
        stop_pid(pid, timeout)


def service_running(host, key):
    pid = _pids(host).get(key)
    return bool(pid) and running(pid)


def stop_services(host):
    for key in list(_pids(host)):
        stop_service(host, key)


def _big_file(d):
    files = os.path.join(d, 'files')
    os.makedirs(files, exist_ok=True)
    path = os.path.join(files, 'big')
    if not os.path.exists(path) or os.path.getsize(path) != BIG_FILE_BYTES:
        with open(path, 'wb') as f:
            f.write(b'flowlb\n' * (BIG_FILE_BYTES // 7) + b'.' * (BIG_FILE_BYTES % 7))


def have_nginx():
    return os.access('/usr/sbin/nginx', os.X_OK)


def start_http(host, port=80):
    """Starts a web server on host that names itself; returns its pid."""
    d = host_dir(host)
    _big_file(d)
    if not have_nginx():
        return _start(host, 'http', [PYTHON, TRAFFIC, 'http-server', '--port', str(port), '--name', host.name,
                                     '--files', os.path.join(d, 'files')])
    conf = os.path.join(d, 'nginx.conf')
    with open(conf, 'w') as f:
        f.write(NGINX_CONF.format(dir=d, port=port, name=host.name, rate=SLOW_RATE))
    return _start(host, 'http', ['/usr/sbin/nginx', '-e', os.path.join(d, 'nginx-error.log'), '-c', conf, '-p', d])


def stop_http(host):
    """Stops the host's web server (a server failure, as a client sees it)."""
    stop_service(host, 'http')


def start_agent(host, controller, member_id=None, service_port=80, interval='1s', max_clients=None,
                state_file=None, stats_url=None, extra=()):
    """Starts the load agent on host, reporting to controller ('HOST:PORT'); returns its pid."""
    args = [FLOWLB, 'agent', '--controller', controller, '--service-port', str(service_port),
            '--interval', interval, '--address', host.IP()]
    if member_id:
        args += ['--member-id', member_id]
    if max_clients:
        args += ['--max-clients', str(max_clients)]
    if state_file:
        args += ['--state-file', state_file]
    if stats_url:
        args += ['--stats-url', stats_url]
    return _start(host, 'agent', args + list(extra), env={'FLOWLB_NO_BUILD': 1})


def add_dsr_vip(host, vip):
    """Holds vip on the loopback for direct server return, and keeps the host from answering
    ARP for it (arp_ignore=1) or using it as the source of its own ARP requests (arp_announce=2)."""
    for key in ('all', 'default', host.defaultIntf().name):
        host.cmd('sysctl -qw net.ipv4.conf.%s.arp_ignore=1 net.ipv4.conf.%s.arp_announce=2' % (key, key))
    host.cmd('ip addr replace %s/32 dev lo' % vip)


def start_sink(host, udp_port=None, addresses=(), esp=False, timeout=10.0):
    """Starts the UDP responder (replies with the host's name, from the address asked) and/or the
    ESP counter, and waits until it listens; the counts are read with sink_counts()."""
    counts = os.path.join(host_dir(host), 'sink.json')
    if os.path.exists(counts):
        os.remove(counts)
    args = [PYTHON, TRAFFIC, 'sink', '--name', host.name, '--counts', counts]
    if udp_port:
        args += ['--udp-port', str(udp_port)]
        for a in addresses or (host.IP(),):
            args += ['--address', a]
    if esp:
        args.append('--esp')
    pid = _start(host, 'sink', args)
    deadline = time.time() + timeout
    while not os.path.exists(counts) and time.time() < deadline and running(pid):
        time.sleep(0.05)
    if not os.path.exists(counts):
        raise RuntimeError('the sink on %s did not start (see %s)' % (host.name, os.path.join(host_dir(host), 'sink.log')))
    return pid


def sink_counts(host):
    """What the sink received so far: {'udp': n, 'esp': n}."""
    try:
        with open(os.path.join(host_dir(host), 'sink.json')) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {'udp': 0, 'esp': 0}


def traffic(host, *args):
    """Runs lbtraffic.py on host (in its namespace) and returns its JSON answer."""
    out = host.cmd(' '.join(shlex.quote(str(a)) for a in (PYTHON, TRAFFIC) + args))
    for line in reversed(out.strip().splitlines()):
        if line.startswith('{'):
            return json.loads(line)
    raise RuntimeError('lbtraffic.py %s on %s answered: %s' % (' '.join(map(str, args)), host.name, out))


def traffic_background(host, logfile, *args):
    """Starts lbtraffic.py on host in the background; read its JSON answer from logfile after."""
    return spawn(host, (PYTHON, TRAFFIC) + args, logfile)


class LbServer(Host):
    """A back-end server: runs a web server naming itself (http=True, on httpPort) and, with
    dsrVip, holds that VIP on its loopback for direct server return."""

    def config(self, http=True, httpPort=80, dsrVip=None, **params):
        r = Host.config(self, **params)
        self.httpPort = httpPort
        if dsrVip:
            for vip in dsrVip.split(',') if isinstance(dsrVip, str) else dsrVip:
                add_dsr_vip(self, vip)
        if http:
            start_http(self, httpPort)
        return r

    def terminate(self):
        stop_services(self)
        Host.terminate(self)


class Router(Host):
    """A router: a host that forwards IPv4 between its interfaces (addresses from the links)."""

    def config(self, **params):
        r = Host.config(self, **params)
        self.cmd('sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0')
        for intf in self.intfList():
            self.cmd('sysctl -qw net.ipv4.conf.%s.rp_filter=0' % intf.name)
        return r

    def terminate(self):
        stop_services(self)
        Host.terminate(self)


hosts = {'lbserver': LbServer, 'router': Router}
