"""pps: 64-byte UDP packets/s through flow-switch, Open vSwitch, the Linux bridge and a veth pair.

Runs inside scripts/sandbox (private network namespace with its own Open vSwitch). Topology, one
"lane" per device under test so that every row exists at once and repetitions can be interleaved
(each repetition measures every row once, in turn, so drift in the machine's load spreads over
all rows instead of favouring one):

    netns gen                  sandbox root netns                     netns sink
    g1 ---------------------------------------------------------------- s1    (d) direct veth pair
    g2 ---- x2 =[ Linux bridge br2 ]= y2 ------------------------------ s2    (c)
    g3 ---- x3 =[ OVS br3, userspace datapath, AF_PACKET ports ]= y3 -- s3    (b)
    g4 ---- x4 =[ flow-switch (./flowlb switch) ]= y4 ----------------- s4    (a)

trafgen (pinned to core 0) sends 60-byte frames (64 on the wire with the FCS) into gK. Rows (a)
and (b) get frames for the VIP 10.K.0.100:5000 (MAC 02:00:0a:0K:00:64) and apply the same NAT
rule: a SELECT group over three members 10.K.0.2-4:5001 on the sink that sets eth_dst, ipv4_dst
and udp_dst, installed with ovs-ofctl (over flow-switch's passive OpenFlow listener). Rows (c)
and (d) get frames addressed to the sink itself. A UDP socket that never reads holds port 5001 in
the sink, so frames end in a full receive queue instead of ICMP port-unreachable replies.

Delivered packets/s = rx_packets delta of sK over the window (after a warm-up), read from
/proc/<pid in sink>/net/dev. CPU time per delivered packet is taken per process, which other
jobs on the machine cannot pollute: trafgen's utime+stime (core 0, also carrying the kernel work
done in its context: veth transmit, the bridge, AF_PACKET receive of user-space forwarders) and
the forwarder's utime+stime (core 1: ovs-vswitchd with all its threads, or flow-switch's JVM,
including the veth transmit to the sink done in their context).
"""

import os
import re
import signal
import subprocess
import time

import benchlib
import ofstats
from benchlib import Check, Result, Row, sh

TITLE = "64-byte UDP packets/s through each forwarder"
NEEDS_SANDBOX = True
NEEDS_OVS = True

GEN_CPU = 0
FWD_CPU = 1
SINK_PORT = 5001
VIP_PORT = 5000
OF_LISTEN = "tcp:127.0.0.1:6634"

# connections -> trafgen field functions (counters that advance together on every packet: with
# pairwise coprime ranges the tuple repeats only after the product of the ranges)
PATTERNS = {
    1: ("", "1024"),
    10_100: (", sa[2]=dinc(0, 99), sa[3]=dinc(1, 101)", "1024"),  # 100 x 101 source addresses
    999_900: (", sa[2]=dinc(0, 99), sa[3]=dinc(1, 101)", "dinc(1024, 1122)"),  # x 99 source ports
}


class Spec:
    def __init__(self, rid, label, kind, lane, conns=1):
        self.rid, self.label, self.kind, self.lane, self.conns = rid, label, kind, lane, conns


SPECS = [
    Spec("d", "direct veth pair, no forwarder", "direct", 1),
    Spec("d-1m", "direct veth pair, generator sending the 999,900-flow pattern (generator control)", "direct", 1,
         999_900),
    Spec("c", "Linux bridge", "bridge", 2),
    Spec("b", "Open vSwitch 3.1 userspace datapath, AF_PACKET ports, NAT VIP select group", "ovs", 3),
    Spec("a-1", "flow-switch, NAT VIP select group, 1 connection", "flowswitch", 4, 1),
    Spec("a-10k", "flow-switch, NAT VIP select group, 10,100 connections", "flowswitch", 4, 10_100),
    Spec("a-1m", "flow-switch, NAT VIP select group, 999,900 connections", "flowswitch", 4, 999_900),
]


def params(ctx):
    quick = ctx.quick
    return {
        "reps": ctx.reps or (2 if quick else 3),
        "window_s": ctx.seconds or (3.0 if quick else 10.0),
        "warmup_s": 1.0 if quick else 2.0,
        "jvm_warmup_s": 3.0 if quick else 5.0,
        "gc_window_s": float(ctx.options.get("gc-seconds", 10 if quick else 60)),
        "rows": ctx.options.get("rows", ",".join(s.rid for s in SPECS)).split(","),
    }


def estimate_seconds(ctx):
    p = params(ctx)
    per_run = p["window_s"] + p["warmup_s"] + 2
    fs_runs = sum(1 for s in SPECS if s.kind == "flowswitch" and s.rid in p["rows"])
    other = sum(1 for s in SPECS if s.kind != "flowswitch" and s.rid in p["rows"])
    return 20 + p["reps"] * (other * per_run + fs_runs * (per_run + p["jvm_warmup_s"] + 3)) \
        + p["gc_window_s"] + 15


# ------------------------------------------------------------------ topology


def lane_addr(lane, host):
    return f"10.{lane}.0.{host}"


def vip_mac(lane):
    return f"02:00:0a:0{lane}:00:64"


def ns(name, cmd):
    return sh(f"ip netns exec {name} {cmd}")


def build_topology(ctx):
    """Creates every lane at once; returns the MAC addresses of the sink and generator interfaces."""
    sh("ip netns add gen")
    sh("ip netns add sink")
    sh("ip -n sink link set lo up")
    for key in ("all", "default"):
        sh(f"ip netns exec sink sysctl -qw net.ipv4.conf.{key}.rp_filter=0")
    lanes = sorted({s.lane for s in SPECS})
    for lane in lanes:
        if lane == 1:
            sh(f"ip link add g1 netns gen type veth peer name s1 netns sink")
        else:
            sh(f"ip link add g{lane} netns gen type veth peer name x{lane}")
            sh(f"ip link add y{lane} type veth peer name s{lane} netns sink")
            for dev in (f"x{lane}", f"y{lane}"):
                sh(f"ip link set {dev} up")
        sh(f"ip -n gen link set g{lane} up")
        sh(f"ip -n gen addr add {lane_addr(lane, 1)}/24 dev g{lane}")
        sh(f"ip -n sink link set s{lane} up")
        for host in (2, 3, 4):
            sh(f"ip -n sink addr add {lane_addr(lane, host)}/24 dev s{lane}")
    macs = {lane: ns("sink", f"cat /sys/class/net/s{lane}/address").strip() for lane in lanes}
    gen_macs = {lane: ns("gen", f"cat /sys/class/net/g{lane}/address").strip() for lane in lanes}
    # (c) Linux bridge with the sink's MAC known, so it forwards instead of flooding
    sh("ip link add br2 type bridge")
    sh("ip link set x2 master br2")
    sh("ip link set y2 master br2")
    sh("ip link set br2 up")
    sh(f"bridge fdb replace {macs[2]} dev y2 master static")
    # (b) Open vSwitch, userspace datapath, pinned to the forwarder core with all its threads
    sh("ovs-vsctl add-br br3 -- set bridge br3 datapath_type=netdev fail_mode=secure protocols=OpenFlow13"
       " -- add-port br3 x3 -- set interface x3 ofport_request=1"
       " -- add-port br3 y3 -- set interface y3 ofport_request=2")
    pin_ovs()
    benchlib.renice_all_threads(ovs_pid(), int(ctx.options.get("nice", 0)))
    install_nat_rules("br3", 3, macs[3])
    return macs, gen_macs


def ovs_pid():
    with open("/run/openvswitch/ovs-vswitchd.pid") as f:
        return int(f.read().strip())


def pin_ovs():
    sh(f"taskset -a -p {1 << FWD_CPU:#x} {ovs_pid()}")


def nat_rule_commands(target, lane, sink_mac):
    """The NAT VIP rule as ovs-ofctl commands: the same for Open vSwitch and flow-switch."""
    buckets = ",".join(
        f"bucket=weight=1,actions=set_field:{sink_mac}->eth_dst,set_field:{lane_addr(lane, h)}->ip_dst,"
        f"set_field:{SINK_PORT}->udp_dst,output:2" for h in (2, 3, 4))
    return [
        ["ovs-ofctl", "-O", "OpenFlow13", "add-group", target, f"group_id=1,type=select,{buckets}"],
        ["ovs-ofctl", "-O", "OpenFlow13", "add-flow", target,
         f"table=0,priority=100,in_port=1,udp,nw_dst={lane_addr(lane, 100)},tp_dst={VIP_PORT},actions=group:1"],
    ]


def install_nat_rules(target, lane, sink_mac):
    for cmd in nat_rule_commands(target, lane, sink_mac):
        sh(cmd)


def start_sink_socket():
    code = ("import socket,time\n"
            "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
            "s.setsockopt(socket.SOL_SOCKET,socket.SO_RCVBUF,4096)\n"
            f"s.bind(('0.0.0.0',{SINK_PORT}))\n"
            "time.sleep(1e9)\n")
    return benchlib.Proc(["ip", "netns", "exec", "sink", "/usr/bin/python3", "-c", code])


def netdev(pid, dev):
    """(rx_packets, rx_dropped, tx_packets, tx_dropped) of dev in the netns of pid."""
    with open(f"/proc/{pid}/net/dev") as f:
        for line in f:
            name, _, rest = line.partition(":")
            if name.strip() == dev:
                v = rest.split()
                return int(v[1]), int(v[3]), int(v[9]), int(v[11])
    raise RuntimeError(f"no interface {dev} in the namespace of process {pid}")


# ------------------------------------------------------------------ generator


def trafgen_conf(ctx, spec, macs, gen_macs):
    lane = spec.lane
    src_fn, sport_fn = PATTERNS[spec.conns]
    if spec.kind in ("ovs", "flowswitch"):
        dmac, dip, dport = vip_mac(lane), lane_addr(lane, 100), VIP_PORT
    else:
        dmac, dip, dport = macs[lane], lane_addr(lane, 2), SINK_PORT
    path = f"{ctx.work}/trafgen-{spec.rid}.cfg"
    with open(path, "w") as f:
        f.write(f"{{ eth(da={dmac}, sa={gen_macs[lane]}),"
                f" ipv4(sa=172.16.0.1, da={dip}, ttl=64{src_fn}),"
                f" udp(sp={sport_fn}, dp={dport}), fill(0x00, 18) }}\n")
    return path


def start_trafgen(ctx, spec, conf):
    argv = ["ip", "netns", "exec", "gen"] + benchlib.nice_prefix(ctx) + [
        "taskset", "-c", str(GEN_CPU), "trafgen", "--dev", f"g{spec.lane}", "--conf", conf, "--cpus", "1",
        "--no-sock-mem", "--notouch-irq", "--no-cpu-stats"]
    return benchlib.Proc(argv, log_path=f"{ctx.work}/trafgen-{spec.rid}.log")


# ------------------------------------------------------------------ flow-switch


class FlowSwitch:
    """flow-switch on x4/y4, pinned to the forwarder core, with the NAT rule set over OpenFlow."""

    def __init__(self, ctx, sink_mac, tag):
        self.gc_log = f"{ctx.work}/flowswitch-{tag}-gc.log"
        gc_log = self.gc_log
        opts = (os.environ.get("FLOWLB_JAVA_OPTS", "") + f" -Xlog:gc*:file={gc_log}:uptime,tags").strip()
        env = dict(os.environ, FLOWLB_NO_BUILD="1", FLOWLB_JAVA_OPTS=opts)
        argv = benchlib.nice_prefix(ctx) + [
            "taskset", "-c", str(FWD_CPU), os.path.join(benchlib.ROOT, "flowlb"), "switch", "--port", "x4",
            "--port", "y4", "--listen", "ptcp:6634", "--fail-mode", "secure", "--name", "bench"]
        self.proc = benchlib.Proc(argv, log_path=f"{ctx.work}/flowswitch-{tag}.log", env=env)
        end = time.time() + 30
        while True:
            if not self.proc.alive():
                raise RuntimeError("flow-switch exited at start:\n" + self.proc.output())
            p = subprocess.run(["ovs-ofctl", "-O", "OpenFlow13", "show", OF_LISTEN],
                                        capture_output=True, text=True, timeout=10)
            if p.returncode == 0:
                break
            if time.time() > end:
                self.stop()
                raise RuntimeError("flow-switch did not accept OpenFlow on " + OF_LISTEN + " within 30 s:\n"
                                   + self.proc.output())
            time.sleep(0.3)
        install_nat_rules(OF_LISTEN, 4, sink_mac)

    def pids(self):
        return benchlib.group_pids(self.proc.pid)

    def group_stats(self):
        """The group's bucket counters (ovs-ofctl) and its connections per bucket (select_connections)."""
        p = subprocess.run(["ovs-ofctl", "-O", "OpenFlow13", "dump-group-stats", OF_LISTEN],
                                    capture_output=True, text=True, timeout=10)
        text = " ".join((p.stdout or p.stderr).split())[:300]
        host, port = OF_LISTEN.split(":")[1:]
        try:
            entries, ms = ofstats.select_connections(host, int(port))
            conns = f"{ofstats.summary(entries)} (answered in {ms:,.0f} ms)"
        except (OSError, ValueError, RuntimeError) as e:
            conns = f"not available: {e}"
        return f"`{text}`; connections (`flowlb.select_connections`): {conns}"

    def gc_lines(self):
        try:
            with open(self.gc_log, errors="replace") as f:
                return f.readlines()
        except OSError:
            return []

    def stop(self):
        self.proc.stop(sig=signal.SIGTERM, grace=5)


def gc_pauses(lines):
    """(number of GC pauses, longest pause in ms) in -Xlog:gc* lines."""
    ids, longest = set(), 0.0
    for line in lines:
        m = re.search(r"GC\((\d+)\) Pause.*?([0-9.]+)ms\s*$", line)
        if m:
            ids.add(m.group(1))
            longest = max(longest, float(m.group(2)))
    return len(ids), longest


# ------------------------------------------------------------------ measurement


def measure(ctx, spec, conf, sink_pid, fwd_pids, warmup, window, fs=None):
    """One repetition of one row: start trafgen, warm up, count over the window, stop."""
    lane = spec.lane
    tg = start_trafgen(ctx, spec, conf)
    try:
        time.sleep(warmup)
        if not tg.alive():
            raise RuntimeError("trafgen exited early: " + " | ".join(tg.output().strip().splitlines()[-3:]))
        tg_pids = benchlib.group_pids(tg.pid)
        pids = fwd_pids()
        gc0 = len(fs.gc_lines()) if fs else 0
        rx0, rxd0, _, _ = netdev(sink_pid, f"s{lane}")
        _, _, tx0, _ = netdev(tg.pid, f"g{lane}")
        g0, f0, t0 = benchlib.cpu_seconds(tg_pids), benchlib.cpu_seconds(pids), time.monotonic()
        time.sleep(window)
        rx1, rxd1, _, _ = netdev(sink_pid, f"s{lane}")
        _, _, tx1, _ = netdev(tg.pid, f"g{lane}")
        g1, f1, t1 = benchlib.cpu_seconds(tg_pids), benchlib.cpu_seconds(pids), time.monotonic()
        gc_window = fs.gc_lines()[gc0:] if fs else []
    finally:
        tg.stop()
    secs = t1 - t0
    delivered = rx1 - rx0
    run = {
        "value": delivered / secs,
        "delivered": delivered,
        "seconds": round(secs, 3),
        "offered_pps": (tx1 - tx0) / secs,
        "sink_rx_dropped": rxd1 - rxd0,
        "gen_cpu_s": round(g1 - g0, 3),
        "gen_ns_per_pkt": (g1 - g0) / delivered * 1e9 if delivered else None,
        "gen_ns_per_sent": (g1 - g0) / (tx1 - tx0) * 1e9 if tx1 > tx0 else None,
        "fwd_cpu_s": round(f1 - f0, 3) if pids else None,
        "fwd_ns_per_pkt": (f1 - f0) / delivered * 1e9 if pids and delivered else None,
        "loadavg_1m": os.getloadavg()[0],
    }
    if fs:
        run["gc_pauses"], run["gc_longest_ms"] = gc_pauses(gc_window)
    return run


def run(ctx):
    p = params(ctx)
    specs = [s for s in SPECS if s.rid in p["rows"]]
    rows = {s.rid: Row(s.rid, s.label) for s in specs}
    notes = []
    kinds = {s.rid: s.kind for s in specs}
    benchlib.require_flowlb_command("switch", rows, lambda rid: kinds[rid] == "flowswitch")
    ctx.log("building the topology (namespaces gen and sink, veth lanes, bridge, Open vSwitch)")
    macs, gen_macs = build_topology(ctx)
    sink = start_sink_socket()
    time.sleep(0.5)
    confs = {s.rid: trafgen_conf(ctx, s, macs, gen_macs) for s in specs}
    group_stats = {}
    try:
        run_repetitions(ctx, p, specs, rows, confs, macs, sink.pid, notes, group_stats)
        gc = gc_run(ctx, p, rows, confs, macs, sink.pid, notes)
    finally:
        sink.stop(sig=signal.SIGTERM)
    return build_result(ctx, p, specs, rows, notes, group_stats, gc)


def run_repetitions(ctx, p, specs, rows, confs, macs, sink_pid, notes, group_stats):
    per_run = p["window_s"] + p["warmup_s"] + 2
    for rep in range(p["reps"]):
        for s in specs:
            row = rows[s.rid]
            if not row.available:
                continue
            if ctx.remaining() < per_run + 30:
                notes.append(f"repetition {rep + 1} of ({s.rid}) and later ones skipped: time budget spent")
                return
            ctx.log(f"repetition {rep + 1}/{p['reps']}: ({s.rid}) {s.label}")
            fs = None
            try:
                if s.kind == "flowswitch":
                    fs = FlowSwitch(ctx, macs[4], f"{s.rid}-{rep + 1}")
                    fwd, warm = fs.pids, p["jvm_warmup_s"]
                elif s.kind == "ovs":
                    fwd, warm = (lambda: [ovs_pid()]), p["warmup_s"]
                else:
                    fwd, warm = (lambda: []), p["warmup_s"]
                r = measure(ctx, s, confs[s.rid], sink_pid, fwd, warm, p["window_s"], fs)
                if fs:
                    group_stats[s.rid] = fs.group_stats()
                row.runs.append(r)
                ctx.log(f"  {r['value']:,.0f} packets/s delivered (offered {r['offered_pps']:,.0f})")
            except Exception as e:  # one failing row must not stop the others
                row.why = f"repetition {rep + 1} failed: {str(e).strip().splitlines()[0]}"
                ctx.log(row.why)
            finally:
                if fs:
                    fs.stop()


def gc_run(ctx, p, rows, confs, macs, sink_pid, notes):
    """A longer flow-switch run at 999,900 connections with GC logging: pauses inside the window."""
    spec = next(s for s in SPECS if s.rid == "a-1m")
    if spec.rid not in rows or not rows[spec.rid].available or p["gc_window_s"] <= 0:
        return None
    if ctx.remaining() < p["gc_window_s"] + 40:
        notes.append("GC run skipped: time budget spent")
        return None
    ctx.log(f"GC run: flow-switch at 999,900 connections for {p['gc_window_s']:.0f} s with -Xlog:gc*")
    fs = None
    try:
        fs = FlowSwitch(ctx, macs[4], "gc-run")
        r = measure(ctx, spec, confs[spec.rid], sink_pid, fs.pids, p["jvm_warmup_s"], p["gc_window_s"], fs)
        r["gc_events_whole_run"] = gc_pauses(fs.gc_lines())[0]
        return r
    except Exception as e:
        notes.append(f"GC run failed: {str(e).strip().splitlines()[0]}")
        return None
    finally:
        if fs:
            fs.stop()


def forwarding_ns(row, gen_d):
    """The CPU a packet costs on the whole path (trafgen's core per packet sent, plus the forwarder's
    own per packet delivered) beyond what it costs over the direct pair (d). The path's parts move
    between cores from row to row (over (d) the sink's receive runs in trafgen's context, behind a
    user-space forwarder in the forwarder's), so only the total compares fairly."""
    gen, fwd = row.summary("gen_ns_per_sent"), row.summary("fwd_ns_per_pkt")
    if gen is None or gen_d is None:
        return None
    return max(gen + (fwd or 0) - gen_d, 0)


def efficiency_table(specs, rows, gen_d):
    """Packets per CPU-second of forwarding, and their ratios: what each forwarder would deliver with
    a core to itself. Steadier than packets/s when other jobs take turns on the cores."""
    cost = {s.rid: forwarding_ns(rows[s.rid], gen_d) for s in specs if rows[s.rid].runs and s.kind != "direct"}
    cost = {k: v for k, v in cost.items() if v}
    if not cost:
        return []
    out = []
    for rid, ns in cost.items():
        rate = 1e9 / ns
        vs = [f"{cost[ref] / ns:.2f}x" if ref in cost and ref != rid else "-" for ref in ("b", "c")]
        out.append([f"({rid})", ns_text(ns), benchlib.fmt_num(rate)] + vs)
    return [("CPU efficiency: packets per CPU-second of forwarding ('forwarding CPU/pkt vs (d)'), from"
             " per-process CPU times, so other jobs on the machine do not skew it. A busy-polling forwarder is"
             " charged for its idle spins too, which only makes its figure worse:",
             ["row", "forwarding CPU/pkt", "packets per CPU-second", "vs (b) OVS", "vs (c) bridge"], out)]


def ns_text(v):
    return "-" if v is None else f"{v:,.0f} ns"


def build_result(ctx, p, specs, rows, notes, group_stats, gc):
    d = rows.get("d")
    gen_d = d.summary("gen_ns_per_sent") if d else None
    for s in specs:
        row = rows[s.rid]
        if not row.runs:
            continue
        gen = row.summary("gen_ns_per_sent")
        fwd = row.summary("fwd_ns_per_pkt")
        offered = row.summary("offered_pps")
        row.columns["offered (trafgen tx/s)"] = benchlib.fmt_num(offered)
        row.columns["delivered / offered"] = f"{row.median() / offered:.2f}" if offered else "-"
        row.columns["trafgen CPU per sent packet (core 0)"] = ns_text(gen)
        user_space = s.kind in ("ovs", "flowswitch")
        row.columns["forwarder process CPU per delivered packet (core 1)"] = ns_text(fwd) if user_space \
            else "- (kernel, in trafgen's context)"
        if gen is not None and gen_d is not None:
            row.columns["forwarding CPU/pkt vs (d)"] = ns_text(forwarding_ns(row, gen_d)) if s.rid != "d" \
                else "0 (reference)"
        if s.kind == "flowswitch":
            row.columns["GC pauses in window"] = " / ".join(str(r.get("gc_pauses", "-")) for r in row.runs)
    extra_tables = efficiency_table(specs, rows, gen_d)
    checks = [
        Check("flow-switch (1 connection) / Open vSwitch userspace", "a-1", "b", 2.0),
        Check("flow-switch (1 connection) / Linux bridge", "a-1", "c", 1.3),
        Check("flow-switch (1 connection) / direct veth pair", "a-1", "d", 0.9),
        Check("flow-switch 999,900 connections / 1 connection", "a-1m", "a-1", 0.8),
        Check("flow-switch 10,100 connections / 1 connection", "a-10k", "a-1"),
        Check("Open vSwitch userspace / Linux bridge", "b", "c"),
        Check("Open vSwitch userspace / direct veth pair", "b", "d"),
        Check("Linux bridge / direct veth pair", "c", "d"),
        Check("generator with the 999,900-flow pattern / with one flow (both direct)", "d-1m", "d"),
    ]
    checks = [c for c in checks if c.num in rows and (c.den is None or c.den in rows)]
    if gc:
        verdict = "met" if gc["gc_pauses"] == 0 else f"missed: {gc['gc_pauses']} pause(s)"
        extra_tables.append((
            f"GC during a {p['gc_window_s']:.0f} s flow-switch run at 999,900 connections"
            f" (after {p['jvm_warmup_s']:.0f} s warm-up; JVM logging -Xlog:gc*):",
            ["packets/s", "GC pauses in window", "longest pause", "GC pauses in the whole run", "target",
             "verdict"],
            [[benchlib.fmt_num(gc["value"]), gc["gc_pauses"], f"{gc['gc_longest_ms']:.1f} ms",
              gc["gc_events_whole_run"], "0 pauses in the window", verdict]]))
    for rid, text in group_stats.items():
        notes.append(f"({rid}) flow-switch group stats after the run: {text}")
    for s in specs:
        row = rows[s.rid]
        if row.runs and row.summary("offered_pps") and row.median() / row.summary("offered_pps") > 0.98 \
                and s.kind in ("ovs", "flowswitch"):
            notes.append(f"({s.rid}) delivered everything trafgen offered: this row is bound by the generator"
                         " (one core), not by the forwarder.")
    method = [
        f"64-byte UDP (60-byte frames + FCS) from trafgen in namespace gen, pinned to core {GEN_CPU}; user-space"
        f" forwarders pinned to core {FWD_CPU} (ovs-vswitchd with all its threads, flow-switch's JVM). The kernel"
        " forwards in the context of the sending process: for (c) and (d) that is trafgen's core, which carries"
        " both the generator and the forwarding; a user-space forwarder's receive (AF_PACKET) also happens there,"
        " its transmit to the sink on its own core.",
        f"{p['reps']} repetitions of {p['window_s']:.0f} s after a {p['warmup_s']:.0f} s warm-up"
        f" ({p['jvm_warmup_s']:.0f} s for the JVM), rows interleaved within each repetition; delivered packets/s"
        " = rx_packets delta on the sink's interface; the median is over the repetitions.",
        "(a) and (b) carry the same NAT VIP rule, set with ovs-ofctl: a SELECT group of three members that"
        " sets eth_dst, ipv4_dst and udp_dst, and a flow matching the VIP; (c) and (d) get frames addressed to"
        " the sink. Connections are varied by trafgen counters on the source address (100 x 101) and port (99).",
        "CPU figures are utime+stime of the processes (per-process accounting is immune to other jobs on the"
        " machine): trafgen's per packet it sent, the forwarder's per packet delivered; 'forwarding CPU/pkt"
        " vs (d)' is their sum minus trafgen's per packet over the direct pair: what forwarding adds to a"
        " packet's cost, wherever the kernel placed the work.",
    ]
    peers = {
        "trafgen": benchlib.tool_version(["trafgen", "--version"]),
        "Open vSwitch": benchlib.tool_version(["ovs-vswitchd", "--version"]),
    }
    return Result("pps", TITLE, "packets/s", method, [rows[s.rid] for s in specs], checks, notes, peers,
                  dict(p, gc=gc), extra_tables)
