"""memory: bytes per connection entry and per flow entry of flow-switch (and per flow entry of Open
vSwitch, the peer), and the flowlb controller's heap with 1,000 VIPs x 100 members.

Runs inside scripts/sandbox (the controller's ports, Open vSwitch of its own).
- flow-switch: io.flowlb.bench.FlowSwitchMemoryMain (benchmarks module) in a JVM with native memory
  tracking: a datapath with 1,000,000 connections opened by SYNs through a NAT VIP group (the
  connection table's own size per connection, the process's RSS growth, heap growth), and
  per-connection flows (exact 5-tuple match, NAT rewrite, output), 1,000,000 by default, staged one
  FLOW_MOD at a time and published every 512 as the OpenFlow agent does per socket read (heap per
  flow: the slope between a quarter and all of them; flow-mods per second), then 10,000 more published
  one by one (the cost of a publication into a full table).
- Open vSwitch: the same per-connection flows added with `ovs-ofctl add-flows` to a userspace bridge
  (one FLOW_MOD after another, no bundle), 1,000,000 by default; ovs-vswitchd's RSS growth per flow
  and flow-mods per second.
- controller: `./flowlb controller` with no switch; live heap after a full GC (`jcmd
  GC.class_histogram`) before and after `PUT /api/v1/config` of 1,000 NAT VIPs, each with a pool of
  100 members (no monitors), after the master module has published their distributions.
"""

import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request

import benchlib
from benchlib import Check, Result, Row, sh

TITLE = "memory per connection entry, per flow entry, and the controller's heap"
NEEDS_SANDBOX = True
NEEDS_OVS = True

REST_PORT = 8080
OF_PORT = 6653
MAIN = "io.flowlb.bench.FlowSwitchMemoryMain"
ROWS = ("conn", "flow", "ovs-flow", "ctl")
SETTLE_S = 6.0
BUSY_WINDOW_S = 5.0


def params(ctx):
    quick = ctx.quick
    return {
        "connections": int(ctx.options.get("connections", 200_000 if quick else 1_000_000)),
        "flows": int(ctx.options.get("flows", 100_000 if quick else 1_000_000)),
        "ovs_flows": int(ctx.options.get("ovs-flows", 20_000 if quick else 1_000_000)),
        "vips": int(ctx.options.get("vips", 100 if quick else 1_000)),
        "members": int(ctx.options.get("members", 100)),
        "rows": ctx.rows(ROWS),
    }


def estimate_seconds(ctx):
    p = params(ctx)
    return 60 + p["connections"] / 100_000 + p["flows"] / 50_000 + p["ovs_flows"] / 10_000 \
        + p["vips"] * p["members"] / 5_000


def time_left(ctx, cap=1800):
    """A subprocess timeout: what is left of the budget, at least a minute, at most `cap` seconds."""
    return max(60, min(cap, ctx.remaining()))


def mib(v):
    return f"{v / 2 ** 20:,.1f} MiB"


def per(v, n):
    return f"{v / n:,.1f} B" if n else "-"


# ------------------------------------------------------------------ flow-switch (in-process)


def flowswitch(ctx, p, rows):
    out_json = os.path.join(ctx.work, "flowswitch-memory.json")
    t = os.path.join(benchlib.ROOT, "benchmarks", "target")
    argv = benchlib.nice_prefix(ctx) + [
        ctx.java, "-XX:NativeMemoryTracking=summary", "--enable-native-access=ALL-UNNAMED", "-cp",
        f"{t}/classes:{t}/lib/*", MAIN, "--connections", str(p["connections"]), "--flows", str(p["flows"]),
        "--json", out_json]
    log = os.path.join(ctx.work, "flowswitch-memory.log")
    with open(log, "w") as f:
        rc = subprocess.run(argv, stdout=f, stderr=subprocess.STDOUT, timeout=time_left(ctx)).returncode
    if rc != 0 or not os.path.exists(out_json):
        with open(log, errors="replace") as f:
            tail = f.read().strip().splitlines()[-1:] or [f"exit status {rc}"]
        raise RuntimeError(f"{MAIN} failed: {tail[0]}")
    with open(out_json) as f:
        m = json.load(f)
    fill_conn_row(rows["conn"], m)
    fill_flow_row(rows["flow"], m)


def fill_conn_row(row, m):
    n = m["connections.opened"]
    entries = m["connections.entries"]
    table = m["connections.table_bytes"]
    rss = m["connections.create.rss"] + m["connections.fill.rss"]
    row.runs.append({"value": table / entries if entries else None, "raw": {k: v for k, v in m.items()
                                                                            if k.startswith("connections.")}})
    row.label = f"flow-switch connection entry: table bytes per entry, {n:,} connections (NAT VIP group, one poller)"
    refused = f", {m['connections.table_full']:,} refused" if m["connections.table_full"] else ""
    nmt = m["connections.create.nmt_non_heap"] + m["connections.fill.nmt_non_heap"]
    row.columns["details"] = "; ".join([
        f"{entries:,} entries in a table of {m['connections.table_capacity_entries']:,}{refused}",
        f"table {table:,} B ({mib(table)}, {per(table, m['connections.table_capacity_entries'])} per entry of"
        " capacity)",
        f"process RSS growth creating and filling it {mib(rss)} = {per(rss, n)} per connection (includes the"
        f" empty datapath's {mib(m['connections.create.heap'])} of heap)",
        f"heap growth while filling {per(m['connections.fill.heap'], n)} per connection",
        f"native memory tracked outside the heap {mib(nmt)}" if m["nmt"] else "no native memory tracking",
        f"{m['connections.fill_seconds']:.1f} s to open them"])


def fill_flow_row(row, m):
    n = m["flows.flows"]
    slope = m["flows.slope_flows"]
    heap = m["flows.rest.heap"]
    row.runs.append({"value": heap / slope if slope else None, "raw": {k: v for k, v in m.items()
                                                                       if k.startswith("flows.")}})
    row.label = (f"flow-switch flow entry (exact 5-tuple, NAT rewrite, output): heap per flow from"
                 f" {n - slope:,} to {n:,} flows")
    first, rest = m["flows.first_quarter_seconds"], m["flows.rest_seconds"]
    empty = m["flows.empty_datapath.heap"]
    filled = m["flows.first_quarter.heap"] + heap
    row.columns["details"] = "; ".join([
        f"heap {mib(filled)} for {n:,} flows",
        f"{m['flows.add_per_second']:,.0f} flow-mods/s (published every {m['flows.batch']}):"
        f" {first:.1f} s to add the first {n - slope:,}, {rest:.1f} s for the other {slope:,}",
        f"then {m['flows.single_per_second']:,.0f} flow-mods/s published one by one ({m['flows.singles']:,} more)",
        f"empty datapath {mib(empty)} of heap (room for {m['flows.max_flows']:,} flows: counters preallocated per"
        f" poller); all in, {per(empty + filled, n)} per flow"])


# ------------------------------------------------------------------ Open vSwitch


def ovs_flows(ctx, p, row):
    n = p["ovs_flows"]
    path = os.path.join(ctx.work, "ovs-flows.txt")
    with open(path, "w") as f:
        for i in range(n):
            f.write(f"table=0,priority=200,tcp,nw_src=100.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255},"
                    f"tp_src={1024 + (i & 0x7fff)},nw_dst=10.0.0.100,tp_dst=80,actions="
                    f"set_field:02:00:00:00:10:0{i % 3}->eth_dst,set_field:10.0.10.{i % 3}->ip_dst,"
                    f"set_field:8080->tcp_dst,output:{2 + i % 3}\n")
    sh("ovs-vsctl add-br brm -- set bridge brm datapath_type=netdev fail_mode=secure protocols=OpenFlow13")
    try:
        with open("/run/openvswitch/ovs-vswitchd.pid") as f:
            pid = int(f.read().strip())
        time.sleep(1)
        before = rss_bytes(pid)
        t0 = time.time()
        sh(["ovs-ofctl", "-O", "OpenFlow13", "add-flows", "brm", path], timeout=time_left(ctx))
        secs = time.time() - t0
        time.sleep(1)
        after = rss_bytes(pid)
        count = int(re.search(r"flow_count=(\d+)", sh("ovs-ofctl -O OpenFlow13 dump-aggregate brm")).group(1))
    finally:
        subprocess.run(["ovs-vsctl", "--if-exists", "del-br", "brm"], capture_output=True)
    row.runs.append({"value": (after - before) / count if count else None, "flows": count, "rss_before": before,
                     "rss_after": after, "seconds": secs})
    row.label = f"Open vSwitch 3.1 userspace flow entry (the same flows): ovs-vswitchd RSS growth per flow, {count:,} flows"
    row.columns["details"] = (f"ovs-vswitchd RSS {mib(before)} before, {mib(after)} after; {secs:.1f} s to add them"
                              f" with ovs-ofctl add-flows (no bundle), {count / secs:,.0f} flow-mods/s")


def rss_bytes(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


# ------------------------------------------------------------------ controller


def lb_config(vips, members):
    cfg = {"format": 1, "vips": [], "pools": [], "members": []}
    for i in range(vips):
        pool = f"p{i}"
        cfg["pools"].append({"id": pool, "algorithm": "round_robin"})
        cfg["vips"].append({"id": f"v{i}", "address": f"10.100.{i // 200}.{i % 200 + 1}", "protocol": "tcp",
                            "port": 80, "mode": "nat", "pool_id": pool})
        for j in range(members):
            cfg["members"].append({"id": f"m{i}-{j}", "pool_id": pool,
                                   "address": f"172.{16 + i // 256}.{i % 256}.{j + 1}", "port": 8080})
    return cfg


def live_heap(ctx, pid):
    """Bytes of live objects (jcmd GC.class_histogram runs a full GC first) and the histogram."""
    jcmd = os.path.join(ctx.java_home, "bin", "jcmd") if ctx.java_home else "jcmd"
    text = sh([jcmd, str(pid), "GC.class_histogram"], timeout=120)
    m = re.search(r"^Total\s+(\d+)\s+(\d+)", text, re.M)
    if not m:
        raise RuntimeError("no total in jcmd GC.class_histogram: " + text.strip()[-200:])
    classes = {}
    for line in text.splitlines():
        f = line.split()
        if len(f) >= 4 and f[0].endswith(":") and f[1].isdigit():
            classes[f[3]] = int(f[2])
    return int(m.group(2)), classes


def controller(ctx, p, row):
    settings = os.path.join(ctx.work, "controller-settings.json")
    with open(settings, "w") as f:
        json.dump({"rest": {"maxBodyBytes": 256 * 2 ** 20}}, f)
    env = dict(os.environ, FLOWLB_NO_BUILD="1")
    proc = benchlib.Proc(benchlib.nice_prefix(ctx) + [
        os.path.join(benchlib.ROOT, "flowlb"), "controller", "--config", settings, "--openflow-port", str(OF_PORT),
        "--rest-port", str(REST_PORT), "--state-dir", os.path.join(ctx.work, "controller-state")],
        log_path=os.path.join(ctx.work, "controller.log"), env=env)
    try:
        if not benchlib.wait_tcp("127.0.0.1", REST_PORT, 60):
            raise RuntimeError("the controller did not serve REST within 60 s: " + proc.output()[-300:])
        pid = java_pid(proc.pid)
        time.sleep(2)
        heap0, classes0 = live_heap(ctx, pid)
        rss0 = rss_bytes(pid)
        body = json.dumps(lb_config(p["vips"], p["members"])).encode()
        t0 = time.time()
        cpu0 = benchlib.cpu_seconds([pid])
        status = put_config(body)
        answered = time.time() - t0
        put_cpu = benchlib.cpu_seconds([pid]) - cpu0
        await_vips(p["vips"], 300)
        applied = time.time() - t0
        time.sleep(SETTLE_S)  # the master module publishes every pool's distribution (report interval 2 s)
        busy = busy_share(pid, BUSY_WINDOW_S)
        heap1, classes1 = live_heap(ctx, pid)
        rss1 = rss_bytes(pid)
    finally:
        proc.stop(sig=signal.SIGTERM, grace=10)
    members = p["vips"] * p["members"]
    grown = heap1 - heap0
    row.runs.append({"value": grown, "heap_before": heap0, "heap_after": heap1, "rss_before": rss0,
                     "rss_after": rss1, "put_status": status, "put_answered_s": answered, "put_cpu_s": put_cpu, "applied_s": applied,
                     "steady_cpu_share": busy, "body_bytes": len(body)})
    row.label = (f"flowlb controller: live heap growth with {p['vips']:,} VIPs x {p['members']} members"
                 f" ({members:,} members), no switch")
    row.columns["details"] = "; ".join([
        f"{per(grown, members)} per member", f"live heap {mib(heap0)} before, {mib(heap1)} after",
        f"controller RSS {mib(rss0)} before, {mib(rss1)} after",
        f"PUT /api/v1/config of {len(body) / 2 ** 20:,.1f} MiB answered {status} after {answered:.1f} s"
        f" ({put_cpu:.1f} s of controller CPU), the VIPs were all listed {applied:.1f} s after it was sent",
        f"then, with no switch and no traffic, the controller used {busy * 100:.0f}% of a core"])
    top = sorted(((classes1.get(c, 0) - classes0.get(c, 0), c) for c in classes1), reverse=True)[:8]
    row.runs[0]["top_classes"] = [[c, b] for b, c in top]
    return [f"{c}: {per(b, members)}" for b, c in top if b > 0]


def put_config(body):
    """PUTs the configuration; returns the HTTP status. A 503 that says the change may still be applied
    (the control loop took longer than the REST deadline) is returned, any other error raised."""
    req = urllib.request.Request(f"http://127.0.0.1:{REST_PORT}/api/v1/config", data=body, method="PUT",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=300) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as e:
        text = e.read().decode(errors="replace")
        if e.code == 503 and "may still be applied" in text:
            return e.code
        raise RuntimeError(f"PUT /api/v1/config: {e.code} {text[:200]}") from None


def await_vips(n, timeout):
    end = time.time() + timeout
    while time.time() < end:
        with urllib.request.urlopen(f"http://127.0.0.1:{REST_PORT}/api/v1/vips", timeout=60) as r:
            if len(json.loads(r.read())) >= n:
                return
        time.sleep(1)
    raise RuntimeError(f"the controller did not list {n} VIPs within {timeout} s of the PUT")


def busy_share(pid, window):
    """The share of one core the process used over the next `window` seconds."""
    c0 = benchlib.cpu_seconds([pid])
    time.sleep(window)
    return (benchlib.cpu_seconds([pid]) - c0) / window


def java_pid(pid):
    """The JVM's pid: the launcher execs java, so normally pid itself, else its java descendant."""
    for cand in [pid] + benchlib.group_pids(pid):
        try:
            with open(f"/proc/{cand}/comm") as f:
                if f.read().strip() == "java":
                    return cand
        except OSError:
            continue
    return pid


# ------------------------------------------------------------------ run


def run(ctx):
    p = params(ctx)
    rows = {r: Row(r, r) for r in ROWS if r in p["rows"]}
    labels = {"conn": "flow-switch connection entry", "flow": "flow-switch flow entry",
              "ovs-flow": "Open vSwitch userspace flow entry", "ctl": "flowlb controller heap"}
    for rid, row in rows.items():
        row.label = labels[rid]
    benchlib.require_flowlb_command("controller", rows, lambda rid: rid == "ctl")
    notes = []
    steps = []
    if "conn" in rows or "flow" in rows:
        steps.append(("flow-switch", lambda: flowswitch(ctx, p, {r: rows.get(r, Row(r, r)) for r in ("conn", "flow")}),
                      [r for r in ("conn", "flow") if r in rows]))
    if "ovs-flow" in rows:
        steps.append(("Open vSwitch", lambda: ovs_flows(ctx, p, rows["ovs-flow"]), ["ovs-flow"]))
    if "ctl" in rows and rows["ctl"].available:
        steps.append(("controller", lambda: notes.extend(top_notes(controller(ctx, p, rows["ctl"]))), ["ctl"]))
    for name, step, rids in steps:
        ctx.log(f"measuring {name}")
        try:
            step()
        except Exception as e:  # one failing row must not stop the others
            text = str(e).strip()
            for rid in rids:
                rows[rid].why = f"failed: {text.splitlines()[0] if text else type(e).__name__}"
            ctx.log(f"{name} failed: {text[:300]}")
    return build_result(ctx, p, rows, notes)


def top_notes(lines):
    return ["(ctl) live heap growth by class, per member: " + "; ".join(lines)] if lines else []


def build_result(ctx, p, rows, notes):
    checks = [Check("flow-switch flow entry / Open vSwitch flow entry (bytes)", "flow", "ovs-flow")]
    checks = [c for c in checks if c.num in rows and c.den in rows]
    notes.append("(flow) flow-switch publishes the FLOW_MODs of one socket read as one snapshot (here every 512) and"
                 " copies only the 64-slot chunks a batch touches, so adding a flow costs amortised O(1); one"
                 " publication per FLOW_MOD into a full table costs the chunk pointers of the big subtable (a few"
                 " hundred KB), hence the lower one-by-one rate. Flows share equal instruction lists and compiled"
                 " programs (three distinct action lists here, as a NAT pool of three servers gives); flows whose"
                 " actions all differ would each keep their own (about 350 B more per flow of this shape).")
    notes.append("(ovs-flow) ovs-ofctl add-flows sends one FLOW_MOD after another (no bundle) over one connection.")
    method = [
        f"flow-switch: {MAIN} in a JVM with -XX:NativeMemoryTracking=summary; each figure is taken after three"
        " full GCs (heap in use), from /proc/self/status (RSS) and from VM.native_memory summary (committed"
        " outside the Java heap). The connection table maps its slots itself (2 MB pages, zeroed at creation),"
        " so its own size and the RSS growth account for it, native memory tracking does not.",
        f"Connections: {p['connections']:,} SYNs from distinct clients through a VIP flow and a SELECT group of"
        " three NAT buckets, one poller with the switch's default table capacity (1,048,576 entries; more if the"
        " connections need it). Raw figure: the table's own bytes per entry.",
        f"Flows: {p['flows']:,} per-connection flows (eth_type, ip_proto, ipv4 src/dst, tcp src/dst exact; set"
        " eth_dst, ipv4_dst, tcp_dst; output), as a reactive controller would install them; raw figure: heap"
        f" growth per flow over the last three quarters. Open vSwitch: {p['ovs_flows']:,} flows of the same"
        " shape through `ovs-ofctl add-flows` on a userspace bridge; raw figure: ovs-vswitchd's RSS growth per"
        " flow.",
        f"Controller: `./flowlb controller` without switches, `PUT /api/v1/config` of {p['vips']:,} NAT VIPs each"
        f" with a round-robin pool of {p['members']} members (no monitors); raw figure: growth of the live heap"
        f" (`jcmd GC.class_histogram`, after a full GC) {SETTLE_S + BUSY_WINDOW_S:.0f} s after every VIP is listed"
        " (the master module publishes each pool's distribution every 2 s); the controller's CPU is measured"
        f" over the last {BUSY_WINDOW_S:.0f} s of that.",
    ]
    peers = {"Open vSwitch": benchlib.tool_version(["ovs-vswitchd", "--version"])}
    return Result("memory", TITLE, "bytes", method, [rows[r] for r in ROWS if r in rows], checks, notes, peers, p,
                  digits=1)
