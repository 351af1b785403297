"""failover: how long new connections still go to a dead server, and whether clients of the other
servers see any error, through flow-switch and Open vSwitch driven by flowlb's controller.

Runs inside scripts/sandbox on the lab of httplab.py. flowlb's controller checks the servers with
an HTTP monitor (interval 500 ms, timeout 300 ms, rise 2, fall 2) through its pseudo-interface and
balances the NAT VIP 10.0.0.100:80 over them. In each repetition reqlog.py (a new connection per
request, `Connection: close`, 16 at a time) loads the VIP from the client namespace while tcpdump
inside h2 records every SYN from the client; after a short run nginx on h2 is killed (SIGKILL,
master and worker), the load goes on, then nginx is restarted and the next repetition waits until
h2 is back in service.

Figures per repetition:
- failover time: from the kill to the last client SYN that reached h2 (the last new connection
  sent to the dead server);
- detection: from the kill to the first time the controller's REST API shows h2 down;
- errors on healthy servers: failed requests whose connection did not go to h2 (its local port is
  not among the SYNs h2 received): a request refused or cut by the dead server before detection is
  expected and counted apart.
"""

import os
import signal
import time

import benchlib
import httplab
from benchlib import Check, Result, Row

TITLE = "new connections off a killed server, errors on the other servers"
NEEDS_SANDBOX = True
NEEDS_OVS = True

DEAD = "h2"
MEMBER = f"nat-{DEAD}"
URL_PORT = 80
CONCURRENCY = 16


class Spec:
    def __init__(self, rid, label, switch):
        self.rid, self.label, self.switch = rid, label, switch


SPECS = [
    Spec("fs", "flow-switch, NAT VIP (flowlb controller)", "flowswitch"),
    Spec("ovs", "Open vSwitch 3.1 userspace, NAT VIP (flowlb controller)", "ovs"),
]


def params(ctx):
    quick = ctx.quick
    return {
        "reps": ctx.reps or (1 if quick else 3),
        "before_s": 2.0,
        "after_s": ctx.seconds or (3.0 if quick else 4.0),
        "rows": ctx.rows(s.rid for s in SPECS),
    }


def rep_seconds(p):
    return p["before_s"] + p["after_s"] + 12


def estimate_seconds(ctx):
    p = params(ctx)
    n = len([s for s in SPECS if s.rid in p["rows"]])
    return 10 + n * (30 + p["reps"] * rep_seconds(p))


# ------------------------------------------------------------------ one repetition


def read_syns(path):
    """(time, client port) of every SYN in a `tcpdump -tt -n` capture."""
    out = []
    try:
        with open(path, errors="replace") as f:
            for line in f:
                parts = line.split()
                if len(parts) < 3 or parts[1] != "IP":
                    continue
                try:
                    t = float(parts[0])
                    port = int(parts[2].rsplit(".", 1)[1])
                except (ValueError, IndexError):
                    continue
                out.append((t, port))
    except OSError:
        pass
    return out


def read_requests(path):
    """(start, end, local port, ok, what) of every request reqlog.py recorded."""
    out = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 5:
                out.append((float(parts[0]), float(parts[1]), int(parts[2]), parts[3] == "ok", parts[4]))
    return out


def classify(requests, syns, killed_at):
    """Counts of the requests, their failures by cause, and the time of the last failure."""
    to_dead = {}
    for t, port in syns:
        to_dead.setdefault(port, []).append(t)

    def went_to_dead(start, end, port):
        return any(start - 0.05 <= t <= end + 0.05 for t in to_dead.get(port, ()))

    c = {"requests": len(requests), "ok": 0, "dead_server_failures": 0, "healthy_errors": 0,
         "failures_before_kill": 0, "served_by": {}, "healthy_error_kinds": {}, "last_failure_s": None}
    for start, end, port, ok, what in requests:
        if ok:
            c["ok"] += 1
            c["served_by"][what] = c["served_by"].get(what, 0) + 1
            continue
        if start < killed_at:
            c["failures_before_kill"] += 1
        c["last_failure_s"] = max(c["last_failure_s"] or 0.0, end - killed_at)
        if went_to_dead(start, end, port):
            c["dead_server_failures"] += 1
        else:
            c["healthy_errors"] += 1
            c["healthy_error_kinds"][what] = c["healthy_error_kinds"].get(what, 0) + 1
    return c


def repetition(ctx, p, lab, fl, rid, rep):
    tag = f"{rid}-{rep + 1}"
    cap_path = os.path.join(ctx.work, f"syns-{DEAD}-{tag}.txt")
    req_path = os.path.join(ctx.work, f"requests-{tag}.txt")
    capture = benchlib.Proc(httplab.in_ns(DEAD, [
        "tcpdump", "-i", "eth0", "-n", "-tt", "-l", "-p",
        f"tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn and src host {httplab.CLIENT_IP} and dst port {URL_PORT}"]),
        log_path=cap_path)
    time.sleep(1.0)  # tcpdump attached
    seconds = p["before_s"] + p["after_s"]
    client = benchlib.Proc(httplab.in_ns(httplab.CLIENT, benchlib.nice_prefix(ctx) + [
        "taskset", "-c", str(httplab.CLIENT_CPU), "/usr/bin/python3", os.path.join(os.path.dirname(__file__),
                                                                                  "reqlog.py"),
        httplab.NAT_VIP, str(URL_PORT), str(seconds), str(CONCURRENCY), req_path]),
        log_path=os.path.join(ctx.work, f"reqlog-{tag}.log"))
    detected = None
    try:
        time.sleep(p["before_s"])
        killed_at = lab.kill_server(DEAD)
        while client.alive():
            if detected is None and fl.member_health("nat", MEMBER) not in (None, "up"):
                detected = time.time() - killed_at
            time.sleep(0.1)
        client.p.wait(seconds + 15)
        time.sleep(0.3)
    finally:
        client.stop()
        capture.stop()
    if not os.path.exists(req_path):
        raise RuntimeError("reqlog wrote nothing: " + client.output())
    syns = read_syns(cap_path)
    after = [t - killed_at for t, _ in syns if t >= killed_at]
    c = classify(read_requests(req_path), syns, killed_at)
    c["value"] = max(after) if after else 0.0
    c["syns_to_dead_after_kill"] = len(after)
    c["detected_s"] = detected
    c["loadavg_1m"] = os.getloadavg()[0]
    return c


def restore(ctx, lab, fl):
    """Restarts the killed server and waits until the controller has it up and the VIP uses it."""
    lab.start_server(DEAD)
    end = time.time() + 30
    while time.time() < end:
        if fl.member_health("nat", MEMBER) == "up" \
                and DEAD in httplab.answering_servers(f"http://{httplab.NAT_VIP}/", 9):
            return
        time.sleep(0.3)
    raise RuntimeError(f"{DEAD} did not come back into service within 30 s of its restart")


def all_up(fl):
    return all(fl.member_health("nat", f"nat-{s}") == "up" for s in httplab.SERVERS)


def run_row(ctx, p, lab, spec, row):
    fl = httplab.FlowLb(ctx, lab, spec.switch, f"failover-{spec.rid}", monitor=True)
    try:
        fl.await_condition(lambda: all_up(fl), 30, "the monitor did not find the three servers up")
        for rep in range(p["reps"]):
            if ctx.remaining() < rep_seconds(p) + 10:
                row.why = f"repetitions from {rep + 1} skipped: time budget spent"
                return
            ctx.log(f"({spec.rid}) repetition {rep + 1}/{p['reps']}: killing nginx on {DEAD} under load")
            r = repetition(ctx, p, lab, fl, spec.rid, rep)
            row.runs.append(r)
            ctx.log(f"  last SYN to {DEAD} {r['value']:.3f} s after the kill (detected after "
                    f"{fmt_s(r['detected_s'])}); {r['requests']:,} requests, {r['dead_server_failures']} failed on"
                    f" {DEAD}, {r['healthy_errors']} errors on healthy servers; load {r['loadavg_1m']:.1f}")
            restore(ctx, lab, fl)
    finally:
        fl.close()


def fmt_s(v):
    return "-" if v is None else f"{v:.2f} s"


def run(ctx):
    p = params(ctx)
    specs = [s for s in SPECS if s.rid in p["rows"]]
    rows = {s.rid: Row(s.rid, s.label) for s in specs}
    benchlib.require_flowlb_command("controller", rows, lambda rid: True)
    benchlib.require_flowlb_command("switch", rows, lambda rid: rid == "fs")
    notes = []
    ctx.log("building the lab (namespaces c1, h1-h3, hap; nginx servers)")
    lab = httplab.Lab(ctx)
    try:
        for s in specs:
            row = rows[s.rid]
            if not row.available:
                continue
            if ctx.remaining() < 30 + rep_seconds(p):
                row.why = "skipped: time budget spent"
                continue
            try:
                run_row(ctx, p, lab, s, row)
            except Exception as e:  # one failing row must not stop the others
                text = str(e).strip()
                row.why = f"failed: {text.splitlines()[0] if text else type(e).__name__}"
                ctx.log(row.why)
                if DEAD not in lab.servers or not lab.servers[DEAD].alive():
                    lab.start_server(DEAD)
    finally:
        lab.close()
    return build_result(ctx, p, specs, rows, notes)


def build_result(ctx, p, specs, rows, notes):
    for s in specs:
        row = rows[s.rid]
        if not row.runs:
            continue
        row.columns["detected by the controller"] = " / ".join(fmt_s(r["detected_s"]) for r in row.runs)
        row.columns["SYNs to the dead server after the kill"] = " / ".join(
            str(r["syns_to_dead_after_kill"]) for r in row.runs)
        row.columns["requests"] = " / ".join(f"{r['requests']:,}" for r in row.runs)
        row.columns["failed on the dead server"] = " / ".join(str(r["dead_server_failures"]) for r in row.runs)
        row.columns["errors on healthy servers"] = " / ".join(str(r["healthy_errors"]) for r in row.runs)
        row.columns["load avg (1 min)"] = " / ".join(f"{r['loadavg_1m']:.1f}" for r in row.runs)
        kinds = {}
        for r in row.runs:
            for k, n in r["healthy_error_kinds"].items():
                kinds[k] = kinds.get(k, 0) + n
        if kinds:
            notes.append(f"({s.rid}) errors on healthy servers by kind: "
                         + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    checks = []
    for s in specs:
        checks.append(Check(f"{s.label}: failover time, worst repetition (s)", s.rid, None, 2.0, at_most=True,
                            agg="max"))
        checks.append(Check(f"{s.label}: errors on healthy servers, all repetitions", s.rid, None, 0,
                            key="healthy_errors", at_most=True, agg="sum"))
    method = [
        "flowlb's controller (`./flowlb controller`, control VIP 10.0.0.254/24 on its pseudo-interface) with an"
        " HTTP monitor (interval 500 ms, timeout 300 ms, rise 2, fall 2) on the NAT VIP 10.0.0.100:80 over three"
        " nginx servers, configured with `PUT /api/v1/config`; the switch and the controller pinned to core"
        f" {httplab.BALANCER_CPU}.",
        f"Load: reqlog.py in the client namespace (core {httplab.CLIENT_CPU}), {CONCURRENCY} concurrent requests,"
        " each on a new connection (`Connection: close`), recording every request's local port and outcome."
        f" After {p['before_s']:.0f} s nginx on {DEAD} is killed (SIGKILL); the load goes on for"
        f" {p['after_s']:.0f} s; nginx is restarted and the next repetition waits until the controller has"
        f" {DEAD} up again.",
        f"Failover time (the raw figure, seconds): from the kill to the last client SYN captured on {DEAD}'s"
        " interface (tcpdump inside its namespace). Detection: first time `GET /api/v1/vips/nat/distribution`"
        " (polled every 100 ms) shows it not up. A failed request whose local port is among the SYNs"
        f" {DEAD} received went to the dead server (refused or cut before detection: expected); any other"
        " failure is an error on a healthy server.",
    ]
    peers = {"Open vSwitch": benchlib.tool_version(["ovs-vswitchd", "--version"]),
             "nginx": benchlib.tool_version(["nginx", "-v"])}
    return Result("failover", TITLE, "s", method, [rows[s.rid] for s in specs], checks, notes, peers, p, digits=3)
