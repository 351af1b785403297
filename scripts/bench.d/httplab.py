"""The HTTP lab shared by the http and failover benchmarks: a client and three nginx servers in
network namespaces, and the balancers a user would put between them.

Runs inside scripts/sandbox. Every namespace has one veth whose other end ("v-NS") stays in the
sandbox's root namespace, where the balancer under test takes the ends it needs:

    netns c1 (10.0.0.10, wrk, core 0) --- v-c1 -+
    netns h1 (10.0.0.1, nginx)      ----- v-h1 -+-- [ Linux bridge br0 | flow-switch | Open vSwitch br1 ]
    netns h2 (10.0.0.2, nginx)      ----- v-h2 -+        balancer on core 1
    netns h3 (10.0.0.3, nginx)      ----- v-h3 -+
    netns hap (10.0.0.200, HAProxy)  ---- v-hap  (on the bridge only)

- BridgeFabric: the Linux bridge joins every end (rows "direct" and HAProxy in its namespace).
- FlowLb: `./flowlb controller` (REST on 127.0.0.1:8080, the control VIP 10.0.0.254/24 on its
  pseudo-interface, through which its health checks reach the servers) and a switch it drives:
  `./flowlb switch` on v-c1, v-h1..3, or an Open vSwitch userspace bridge with those ports. It
  configures over REST a NAT VIP 10.0.0.100:80 and a DSR VIP 10.0.0.101:80 (the servers hold it on
  loopback and do not answer ARP for it), each over the three servers.

The client runs wrk (closed loop) or `open_loop`, the benchmarks module's open-loop generator
(io.flowlb.bench.http.OpenLoopHttp: a constant offered rate, latency from each request's intended
send time). Each server is one nginx (master + one worker, in its own process group so that a kill takes
both) answering GET / with a short body naming it ("h1\\n").
"""

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request

import benchlib
from benchlib import sh

CLIENT = "c1"
CLIENT_IP = "10.0.0.10"
SERVERS = ("h1", "h2", "h3")
HAPROXY_NS = "hap"
HAPROXY_IP = "10.0.0.200"
NAT_VIP = "10.0.0.100"
DSR_VIP = "10.0.0.101"
CONTROL_VIP = "10.0.0.254/24"
CLIENT_CPU = 0
BALANCER_CPU = 1
OF_PORT = 6653
REST_PORT = 8080
OFPORTS = {CLIENT: 1, "h1": 2, "h2": 3, "h3": 4}
NAMESPACES = (CLIENT,) + SERVERS + (HAPROXY_NS,)

# A monitor that notices a stopped server well within 2 s (fall 2 x 500 ms + timeout).
FAST_MONITOR = {"id": "http", "type": "http", "interval_ms": 500, "timeout_ms": 300, "rise": 2, "fall": 2}


def server_ip(name):
    return f"10.0.0.{SERVERS.index(name) + 1}"


def outside(ns):
    return f"v-{ns}"


def in_ns(ns, cmd):
    return ["ip", "netns", "exec", ns] + cmd


NGINX_CONF = """user root;
worker_processes 1;
daemon off;
master_process on;
pid {d}/nginx.pid;
error_log {d}/error.log;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {d}/body;
  proxy_temp_path {d}/proxy;
  fastcgi_temp_path {d}/fcgi;
  uwsgi_temp_path {d}/uwsgi;
  scgi_temp_path {d}/scgi;
  server {{
    listen 80 backlog=4096;
    location = / {{ return 200 "{name}\\n"; }}
  }}
}}
"""


class Lab:
    """The namespaces, their veths and the nginx servers; close() stops the servers."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.servers = {}
        for ns in NAMESPACES:
            sh(f"ip netns add {ns}")
            sh(f"ip -n {ns} link set lo up")
            sh(f"ip link add {outside(ns)} type veth peer name eth0 netns {ns}")
            sh(f"ip -n {ns} link set eth0 up")
            sh(f"ip link set {outside(ns)} up")
        sh(f"ip -n {CLIENT} addr add {CLIENT_IP}/24 dev eth0")
        sh(f"ip -n {HAPROXY_NS} addr add {HAPROXY_IP}/24 dev eth0")
        for s in SERVERS:
            sh(f"ip -n {s} addr add {server_ip(s)}/24 dev eth0")
            sh(f"ip -n {s} addr add {DSR_VIP}/32 dev lo")  # DSR: the VIP on loopback, never announced
            for key, val in (("arp_ignore", 1), ("arp_announce", 2)):
                sh(f"ip netns exec {s} sysctl -qw net.ipv4.conf.all.{key}={val}")
        for ns in NAMESPACES:  # many short connections: reuse ports, keep backlogs deep
            sh(f"ip netns exec {ns} sysctl -qw net.ipv4.ip_local_port_range='1024 65000'"
               " net.core.somaxconn=4096 net.ipv4.tcp_max_syn_backlog=4096")
        for s in SERVERS:
            self.start_server(s)
        for s in SERVERS:
            if not wait_http(s, f"http://{server_ip(s)}/", 10):
                raise RuntimeError(f"nginx in {s} does not answer: {self.servers[s].output()}")

    def start_server(self, name):
        d = os.path.join(self.ctx.work, f"nginx-{name}")
        for sub in ("", "body", "proxy", "fcgi", "uwsgi", "scgi"):
            os.makedirs(os.path.join(d, sub), exist_ok=True)
        conf = os.path.join(d, "nginx.conf")
        with open(conf, "w") as f:
            f.write(NGINX_CONF.format(d=d, name=name))
        self.servers[name] = benchlib.Proc(in_ns(name, ["nginx", "-c", conf, "-p", d]),
                                           log_path=os.path.join(d, "stdout.log"))

    def kill_server(self, name):
        """SIGKILLs the server's nginx (master and worker); returns the wall-clock time of the kill."""
        p = self.servers[name]
        at = time.time()
        os.killpg(p.pid, signal.SIGKILL)
        p.p.wait(5)
        return at

    def offloads(self, on):
        """Transmit checksum offload (and with it TSO) of every host interface: Open vSwitch's
        userspace datapath needs it off; flow-switch and the kernel paths run with the default, on."""
        state = "on" if on else "off"
        for ns in NAMESPACES:
            sh(f"ip netns exec {ns} ethtool -K eth0 tx {state}")

    def tx_offload(self, ns=CLIENT):
        """"on" or "off": the transmit checksum offload of a host's interface as ethtool reports it."""
        for line in sh(f"ip netns exec {ns} ethtool -k eth0").splitlines():
            if line.startswith("tx-checksumming:"):
                return line.split(":", 1)[1].split()[0]
        return "unknown"

    def flush_neighbours(self):
        for ns in NAMESPACES:
            subprocess.run(["ip", "-n", ns, "neigh", "flush", "all"], capture_output=True)

    def close(self):
        for p in self.servers.values():
            p.stop(sig=signal.SIGTERM, grace=3)


def wait_http(ns, url, timeout, expect=None):
    """True once a GET of url from namespace ns answers 200 (and, if given, a body containing expect)."""
    end = time.time() + timeout
    while time.time() < end:
        p = subprocess.run(in_ns(ns, ["curl", "-s", "-m", "1", url]), capture_output=True, text=True)
        if p.returncode == 0 and (expect is None or expect in p.stdout):
            return True
        time.sleep(0.2)
    return False


def answering_servers(url, tries=30):
    """The servers that answered `tries` new connections to url from the client."""
    seen = set()
    for _ in range(tries):
        p = subprocess.run(in_ns(CLIENT, ["curl", "-s", "-m", "1", url]), capture_output=True, text=True)
        if p.returncode == 0 and p.stdout.strip() in SERVERS:
            seen.add(p.stdout.strip())
    return seen


# ------------------------------------------------------------------ open-loop client

OPEN_LOOP_MAIN = "io.flowlb.bench.http.OpenLoopHttp"


def open_loop_status():
    """(available, why) for the open-loop generator of the benchmarks module."""
    t = os.path.join(benchlib.ROOT, "benchmarks", "target")
    cls = os.path.join(t, "classes", *OPEN_LOOP_MAIN.split(".")) + ".class"
    if os.path.exists(cls) and os.path.isdir(os.path.join(t, "lib")):
        return True, ""
    return False, f"{OPEN_LOOP_MAIN} is not built (run ./flowlb build)"


def open_loop(ctx, url, rate, close, seconds, warmup_s, connections, log_name):
    """Runs the open-loop generator (a constant offered rate, latency from each request's intended
    send time) from the client namespace on the client core; returns its JSON figures (ms)."""
    t = os.path.join(benchlib.ROOT, "benchmarks", "target")
    out_json = os.path.join(ctx.work, log_name + ".json")
    argv = in_ns(CLIENT, benchlib.nice_prefix(ctx) + [
        "taskset", "-c", str(CLIENT_CPU), ctx.java, "-XX:+UseSerialGC", "-Xms64m", "-Xmx256m", "-cp",
        f"{t}/classes:{t}/lib/*", OPEN_LOOP_MAIN, "--rate", f"{rate:.0f}", "--connections", str(connections),
        "--duration", f"{seconds:g}", "--warmup", f"{warmup_s:g}", "--timeout", "2000", "--json", out_json])
    if close:
        argv.append("--close")
    argv.append(url)
    if os.path.exists(out_json):
        os.remove(out_json)
    p = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + warmup_s + 60)
    with open(os.path.join(ctx.work, log_name + ".txt"), "w") as f:
        f.write(p.stdout + p.stderr)
    if p.returncode != 0 or not os.path.exists(out_json):
        tail = (p.stderr or p.stdout).strip().splitlines()[-1:] or [f"exit status {p.returncode}"]
        raise RuntimeError(f"open-loop generator failed: {tail[0]}")
    with open(out_json) as f:
        return json.load(f)


# ------------------------------------------------------------------ balancers


class BridgeFabric:
    """The Linux bridge br0 over every veth end: the client reaches the servers and HAProxy directly."""

    def __init__(self, lab):
        self.lab = lab
        lab.flush_neighbours()
        sh("ip link add br0 type bridge")
        sh("ip link set br0 up")
        for ns in NAMESPACES:
            sh(f"ip link set {outside(ns)} master br0")

    def close(self):
        subprocess.run(["ip", "link", "del", "br0"], capture_output=True)


HAPROXY_CONF = """global
  maxconn 8000
  nbthread 1
defaults
  mode tcp
  timeout connect 2s
  timeout client 30s
  timeout server 30s
frontend vip
  bind {ip}:80
  default_backend web
backend web
  balance roundrobin
{servers}
"""


class HAProxy:
    """HAProxy in TCP mode, round robin over the three servers, in namespace hap, pinned to the
    balancer core (needs the bridge)."""

    def __init__(self, ctx):
        conf = os.path.join(ctx.work, "haproxy.cfg")
        servers = "\n".join(f"  server {s} {server_ip(s)}:80" for s in SERVERS)
        with open(conf, "w") as f:
            f.write(HAPROXY_CONF.format(ip=HAPROXY_IP, servers=servers))
        self.proc = benchlib.Proc(in_ns(HAPROXY_NS, benchlib.nice_prefix(ctx) + [
            "taskset", "-c", str(BALANCER_CPU), "haproxy", "-db", "-f", conf]),
            log_path=os.path.join(ctx.work, "haproxy.log"))
        if not wait_http(CLIENT, f"http://{HAPROXY_IP}/", 10) \
                or len(answering_servers(f"http://{HAPROXY_IP}/", 9)) != len(SERVERS):
            out = self.proc.output()
            self.close()
            raise RuntimeError("HAProxy does not reach the three servers: " + out.strip()[-300:])

    def pids(self):
        return benchlib.group_pids(self.proc.pid)

    def close(self):
        self.proc.stop(sig=signal.SIGTERM, grace=3)


def ovs_pid():
    with open("/run/openvswitch/ovs-vswitchd.pid") as f:
        return int(f.read().strip())


class FlowLb:
    """flowlb's controller driving one switch ("flowswitch" or "ovs"), both pinned to the balancer
    core, with the NAT and DSR VIPs configured over REST (and the fast monitor when asked)."""

    def __init__(self, ctx, lab, switch, tag, monitor=False):
        self.ctx, self.lab, self.switch, self.tag = ctx, lab, switch, tag
        self.controller = self.switch_proc = None
        lab.flush_neighbours()
        try:
            self._start(monitor)
        except Exception:
            self.close()
            raise

    def _start(self, monitor):
        ctx = self.ctx
        env = dict(os.environ, FLOWLB_NO_BUILD="1")
        pin = benchlib.nice_prefix(ctx) + ["taskset", "-c", str(BALANCER_CPU)]
        state = os.path.join(ctx.work, f"controller-{self.tag}-state")
        self.controller = benchlib.Proc(pin + [
            os.path.join(benchlib.ROOT, "flowlb"), "controller", "--openflow-port", str(OF_PORT), "--rest-port",
            str(REST_PORT), "--state-dir", state, "--control-vip", CONTROL_VIP],
            log_path=os.path.join(ctx.work, f"controller-{self.tag}.log"), env=env)
        if not benchlib.wait_tcp("127.0.0.1", REST_PORT, 60):
            raise RuntimeError("the controller did not serve REST within 60 s: " + self.controller.output()[-400:])
        if self.switch == "flowswitch":
            ports = []
            for ns, no in OFPORTS.items():
                ports += ["--port", f"{outside(ns)}={no}"]
            self.switch_proc = benchlib.Proc(pin + [
                os.path.join(benchlib.ROOT, "flowlb"), "switch"] + ports + [
                "--controller", f"tcp:127.0.0.1:{OF_PORT}", "--fail-mode", "secure", "--dpid", "0x1",
                "--name", "bench", "--listen", "ptcp:6634"],
                log_path=os.path.join(ctx.work, f"flowswitch-{self.tag}.log"), env=env)
        else:
            self.lab.offloads(False)
            cmd = ["ovs-vsctl", "add-br", "br1", "--", "set", "bridge", "br1", "datapath_type=netdev",
                   "fail_mode=secure", "protocols=OpenFlow13", "other-config:datapath-id=0000000000000001"]
            for ns, no in OFPORTS.items():
                cmd += ["--", "add-port", "br1", outside(ns), "--", "set", "interface", outside(ns),
                        f"ofport_request={no}"]
            sh(cmd)
            sh(["ovs-vsctl", "set-controller", "br1", f"tcp:127.0.0.1:{OF_PORT}"])
            sh(f"taskset -a -p {1 << BALANCER_CPU:#x} {ovs_pid()}")
            benchlib.renice_all_threads(ovs_pid(), int(ctx.options.get("nice", 0)))
        self.await_condition(lambda: self.switch_connected(), 60, "the switch did not connect to the controller")
        self.configure(monitor)
        for vip in (NAT_VIP, DSR_VIP):
            self.await_condition(lambda v=vip: len(answering_servers(f"http://{v}/", 12)) == len(SERVERS), 40,
                        f"the VIP {vip} does not reach the three servers")

    def await_condition(self, cond, timeout, what):
        end = time.time() + timeout
        while time.time() < end:
            if not self.controller.alive():
                raise RuntimeError("the controller exited: " + self.controller.output()[-400:])
            if self.switch_proc is not None and not self.switch_proc.alive():
                raise RuntimeError("flow-switch exited: " + self.switch_proc.output()[-400:])
            if cond():
                return
            time.sleep(0.3)
        raise RuntimeError(f"{what} within {timeout} s")

    def rest(self, method, path, body=None, timeout=20):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"http://127.0.0.1:{REST_PORT}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                text = r.read().decode()
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"{method} {path}: {e.code} {e.read().decode()[:300]}") from None
        return json.loads(text) if text else None

    def switch_connected(self):
        try:
            return bool(self.rest("GET", "/api/v1/switches", timeout=5))
        except (OSError, RuntimeError, ValueError):
            return False

    def configure(self, monitor):
        cfg = {"format": 1, "vips": [], "pools": [], "members": [], "monitors": []}
        if monitor:
            cfg["monitors"].append(FAST_MONITOR)
        for vid, addr, mode, port in (("nat", NAT_VIP, "nat", 80), ("dsr", DSR_VIP, "dsr", 0)):
            pool = {"id": f"web-{vid}", "algorithm": "round_robin"}
            if monitor:
                pool["monitor_ids"] = ["http"]
            cfg["pools"].append(pool)
            cfg["vips"].append({"id": vid, "address": addr, "protocol": "tcp", "port": 80, "mode": mode,
                                "pool_id": f"web-{vid}"})
            for s in SERVERS:
                cfg["members"].append({"id": f"{vid}-{s}", "pool_id": f"web-{vid}", "address": server_ip(s),
                                       "port": port})
        self.rest("PUT", "/api/v1/config", cfg)

    def member_health(self, vip, member):
        """The health the controller publishes for a member of a VIP ("up", "down", ...), or None."""
        try:
            d = self.rest("GET", f"/api/v1/vips/{vip}/distribution", timeout=2)
        except (OSError, RuntimeError, ValueError):
            return None
        for m in d.get("members", []) if isinstance(d, dict) else []:
            if m.get("member_id") == member or m.get("id") == member:
                return m.get("health")
        return None

    def pids(self):
        """The forwarding process: flow-switch's JVM or ovs-vswitchd."""
        if self.switch == "flowswitch":
            return benchlib.group_pids(self.switch_proc.pid) if self.switch_proc else []
        return [ovs_pid()]

    def close(self):
        if self.switch_proc is not None:
            self.switch_proc.stop(sig=signal.SIGTERM, grace=5)
        if self.switch == "ovs":
            subprocess.run(["ovs-vsctl", "--if-exists", "del-br", "br1"], capture_output=True)
            self.lab.offloads(True)
        if self.controller is not None:
            self.controller.stop(sig=signal.SIGTERM, grace=5)
