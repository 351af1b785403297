"""http: HTTP requests/s and latency through flow-switch (DSR and NAT VIPs), Open vSwitch driven by
flowlb's controller, HAProxy in TCP mode, and straight to one server.

(Named httpbench.py, not http.py, so that it does not hide Python's own http package.)

Runs inside scripts/sandbox on the lab of httplab.py: a client namespace, three nginx servers (one
worker each, a short body naming the server), the balancer under test between them. The client
runs `wrk -t1 -c32 --latency` pinned to core 0, the balancer is pinned to core 1 (flow-switch's JVM
or ovs-vswitchd, with the controller beside it; HAProxy); nginx is left to the scheduler. Two
variants per row: keep-alive (32 long connections: the forwarding path) and `Connection: close`
(a new TCP connection per request: connection set-up and the balancer's choice of server).

Each repetition sets every balancer up in turn (rows interleaved, so drift in the machine's load
spreads over all of them), warms it up, and runs each variant for the window. wrk's requests/s is
the raw figure; p50/p99 come from its latency distribution; errors are its socket errors (connect,
read, write, timeout) plus non-2xx/3xx answers. The balancer's CPU time per request is taken from
its processes (per-process accounting, which other jobs on the machine do not pollute).

Latency is compared at an equal offered rate: after each wrk window the same row runs the
open-loop generator (io.flowlb.bench.http.OpenLoopHttp, in the manner of wrk2) at one fixed rate
for every balancer, half of HAProxy's wrk requests/s in the first repetition (--open-share, --open-rate), with
each request's latency counted from when it was due to be sent. wrk is closed loop: each balancer
runs at its own throughput, so its p99 measures queues of different lengths (flow-switch serves 1.7x
HAProxy's requests, with servers and client that much busier), and requests that would have queued
behind a stall are never sent. The p99 targets use the open-loop figures; wrk's p99 stays in the
table for information.
"""

import os
import re
import statistics

import benchlib
import httplab
from benchlib import Check, Result, Row

TITLE = "HTTP requests/s (wrk) and latency at an equal offered rate (open loop) through each load balancer"
NEEDS_SANDBOX = True
NEEDS_OVS = True

VARIANTS = (("ka", "keep-alive"), ("close", "Connection: close"))


class Spec:
    def __init__(self, rid, label, setup, url):
        self.rid, self.label, self.setup, self.url = rid, label, setup, url


SPECS = [
    Spec("fs-dsr", "flow-switch, DSR VIP (flowlb controller)", "flowswitch", f"http://{httplab.DSR_VIP}/"),
    Spec("fs-nat", "flow-switch, NAT VIP (flowlb controller)", "flowswitch", f"http://{httplab.NAT_VIP}/"),
    Spec("ovs", "Open vSwitch 3.1 userspace, NAT VIP (flowlb controller)", "ovs", f"http://{httplab.NAT_VIP}/"),
    Spec("haproxy", "HAProxy in TCP mode, round robin", "bridge", f"http://{httplab.HAPROXY_IP}/"),
    Spec("direct", "direct to one server (Linux bridge)", "bridge", "http://10.0.0.1/"),
]
SETUPS = ("bridge", "flowswitch", "ovs")


# The equal offered rate as a share of HAProxy's (closed-loop) requests/s: low enough that every balancer
# keeps up with it while other jobs take their share of the two cores (at 0.7 on a machine at load 5,
# HAProxy and flow-switch rows fell behind the rate and their queues grew for the whole window).
OPEN_SHARE = 0.5


def params(ctx):
    quick = ctx.quick
    fixed = ctx.options.get("open-rate")
    share = float(ctx.options.get("open-share", OPEN_SHARE))
    if not 0 < share <= 1:
        raise SystemExit(f"--open-share expects a share of HAProxy's requests/s in (0, 1], got {share}")
    return {
        "reps": ctx.reps or (1 if quick else 3),
        "window_s": ctx.seconds or (3.0 if quick else 6.0),
        "warmup_s": 2.0,
        "connections": 32,
        "rows": ctx.rows(s.rid for s in SPECS),
        "open_warmup_s": 1.0,
        # Enough connections that they never limit the offered rate: 32 connections carry at most
        # 32 / round-trip requests/s (what wrk measures), so at 32 a rate near a balancer's wrk figure
        # would queue in the generator, not in the balancer.
        "open_connections": 128,
        # requests/s offered by the open-loop runs per variant: fixed with --open-rate KA[,CLOSE], else
        # set once from the first measured HAProxy row (see open_rate)
        "open_rate": parse_open_rate(fixed) if fixed else {},
        "open_share": share,
    }


def parse_open_rate(text):
    parts = [float(x) for x in text.split(",")]
    if not parts or len(parts) > 2 or min(parts) <= 0:
        raise SystemExit(f"--open-rate expects KA[,CLOSE] requests/s, got {text}")
    return {"ka": parts[0], "close": parts[-1]}


def setup_seconds(setup):
    return {"bridge": 5, "flowswitch": 25, "ovs": 20}[setup]


def setup_time(p, setup, n_specs):
    """Seconds one repetition of a setup takes with n_specs rows (warm-up, wrk window and open-loop
    window per variant)."""
    wrk_s = p["warmup_s"] + p["window_s"] + 2
    open_s = p["open_warmup_s"] + p["window_s"] + 3
    return setup_seconds(setup) + n_specs * len(VARIANTS) * (wrk_s + open_s)


def estimate_seconds(ctx):
    p = params(ctx)
    specs = [s for s in SPECS if s.rid in p["rows"]]
    per_rep = sum(setup_time(p, setup, len([s for s in specs if s.setup == setup])) for setup in SETUPS
                  if any(s.setup == setup for s in specs))
    return 15 + p["reps"] * per_rep


# ------------------------------------------------------------------ wrk

UNITS_MS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def to_ms(text):
    m = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text.strip())
    return float(m.group(1)) * UNITS_MS[m.group(2)] if m else None


def parse_wrk(text):
    """requests/s, p50/p99 (ms), total requests, and errors from wrk --latency output."""
    out = {"value": None, "p50_ms": None, "p99_ms": None, "requests": 0, "socket_errors": 0, "non_2xx": 0}
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("Requests/sec:"):
            out["value"] = float(s.split()[1])
        elif re.match(r"^50(\.0+)?%\s", s):
            out["p50_ms"] = to_ms(s.split()[1])
        elif re.match(r"^99(\.0+)?%\s", s):
            out["p99_ms"] = to_ms(s.split()[1])
        elif re.match(r"^\d+ requests in", s):
            out["requests"] = int(s.split()[0])
        elif s.startswith("Socket errors:"):
            out["socket_errors"] = sum(int(x) for x in re.findall(r"\d+", s))
            out["socket_error_kinds"] = s.split(":", 1)[1].strip()
        elif s.startswith("Non-2xx or 3xx responses:"):
            out["non_2xx"] = int(s.split(":")[1])
    out["errors"] = out["socket_errors"] + out["non_2xx"]
    return out


def wrk(ctx, url, variant, seconds, connections, log_name):
    argv = httplab.in_ns(httplab.CLIENT, benchlib.nice_prefix(ctx) + [
        "taskset", "-c", str(httplab.CLIENT_CPU), "wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s",
        "--latency", "--timeout", "2s"])
    if variant == "close":
        argv += ["-H", "Connection: close"]
    argv.append(url)
    log = os.path.join(ctx.work, log_name)
    text = benchlib.sh(argv, timeout=seconds + 30)
    with open(log, "w") as f:
        f.write(text)
    r = parse_wrk(text)
    if r["value"] is None:
        raise RuntimeError("no Requests/sec in wrk's output: " + " | ".join(text.strip().splitlines()[-3:]))
    return r


# ------------------------------------------------------------------ run


def row_id(spec, variant):
    return f"{spec.rid}-{variant}"


def start_setup(ctx, lab, setup, tag):
    """The balancer(s) of one setup, as a list of objects with close() (and pids() for the measured one)."""
    if setup == "bridge":
        fabric = httplab.BridgeFabric(lab)
        try:
            return [httplab.HAProxy(ctx), fabric]
        except Exception:
            fabric.close()
            raise
    return [httplab.FlowLb(ctx, lab, setup, tag)]


def balancer_pids(spec, parts):
    if spec.rid == "haproxy":
        return parts[0].pids()
    if spec.rid == "direct":
        return []
    return parts[0].pids()


def run(ctx):
    p = params(ctx)
    specs = [s for s in SPECS if s.rid in p["rows"]]
    rows = {}
    for s in specs:
        for v, vlabel in VARIANTS:
            rows[row_id(s, v)] = Row(row_id(s, v), f"{s.label}, {vlabel}")
    setups = {row_id(s, v): s.setup for s in specs for v, _ in VARIANTS}
    benchlib.require_flowlb_command("controller", rows, lambda rid: setups[rid] != "bridge")
    benchlib.require_flowlb_command("switch", rows, lambda rid: setups[rid] == "flowswitch")
    notes = []
    ctx.log("building the lab (namespaces c1, h1-h3, hap; nginx servers)")
    lab = httplab.Lab(ctx)
    try:
        for rep in range(p["reps"]):
            for setup in SETUPS:
                todo = [s for s in specs if s.setup == setup
                        and any(rows[row_id(s, v)].available for v, _ in VARIANTS)]
                if not todo:
                    continue
                need = setup_time(p, setup, len(todo))
                if ctx.remaining() < need + 20:
                    notes.append(f"repetition {rep + 1} of the {setup} rows and later ones skipped: time budget spent")
                    continue
                run_setup(ctx, p, lab, setup, todo, rows, rep)
    finally:
        lab.close()
    return build_result(ctx, p, specs, rows, notes)


def run_setup(ctx, p, lab, setup, todo, rows, rep):
    ctx.log(f"repetition {rep + 1}/{p['reps']}: setting up {setup}")
    try:
        parts = start_setup(ctx, lab, setup, f"{setup}-{rep + 1}")
    except Exception as e:
        for s in todo:
            for v, _ in VARIANTS:
                rows[row_id(s, v)].why = f"repetition {rep + 1} could not start: {first_line(e)}"
        ctx.log(f"{setup} could not start: {first_line(e)}")
        return
    try:
        for s in todo:  # warm-up: JIT, connection tables, ARP/neighbour entries, learned MACs
            for v, _ in VARIANTS:
                wrk(ctx, s.url, v, p["warmup_s"], p["connections"], f"wrk-{row_id(s, v)}-{rep + 1}-warmup.txt")
        for s in todo:
            for v, _ in VARIANTS:
                row = rows[row_id(s, v)]
                if not row.available:
                    continue
                try:
                    pids = balancer_pids(s, parts)
                    c0 = benchlib.cpu_seconds(pids)
                    r = wrk(ctx, s.url, v, p["window_s"], p["connections"], f"wrk-{row.id}-{rep + 1}.txt")
                    cpu = benchlib.cpu_seconds(pids) - c0
                    r["balancer_cpu_s"] = round(cpu, 3) if pids else None
                    r["balancer_us_per_req"] = cpu / r["requests"] * 1e6 if pids and r["requests"] else None
                    r["loadavg_1m"] = os.getloadavg()[0]
                    r["host_tx_offload"] = lab.tx_offload()
                    row.runs.append(r)
                    ctx.log(f"  ({row.id}) {r['value']:,.0f} requests/s, p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms,"
                            f" errors {r['errors']}, load {r['loadavg_1m']:.1f}")
                except Exception as e:  # one failing row must not stop the others
                    row.why = f"repetition {rep + 1} failed: {first_line(e)}"
                    ctx.log(row.why)
                    continue
                open_loop_window(ctx, p, s, v, row, r, rep)
    except Exception as e:
        for s in todo:
            for v, _ in VARIANTS:
                rows[row_id(s, v)].why = f"repetition {rep + 1} failed: {first_line(e)}"
        ctx.log(f"{setup} failed: {first_line(e)}")
    finally:
        for part in parts:
            part.close()


def open_rate(p, spec, variant, r):
    """The open-loop rate of a variant: fixed the first time it is asked for, from HAProxy's wrk
    figure (or, without an HAProxy row, the first row measured), so every balancer gets the same."""
    if variant not in p["open_rate"] and (spec.rid == "haproxy" or "haproxy" not in p["rows"]):
        p["open_rate"][variant] = max(1.0, round(p["open_share"] * r["value"], -1))
        p.setdefault("open_rate_from", {})[variant] = spec.rid
    return p["open_rate"].get(variant)


def open_loop_window(ctx, p, spec, variant, row, r, rep):
    """The row's latency at the common offered rate, stored in its wrk run as open_* figures."""
    ok, why = httplab.open_loop_status()
    rate = open_rate(p, spec, variant, r) if ok else None
    if rate is None:
        r["open_error"] = why or "no rate yet (the HAProxy row did not run first)"
        return
    try:
        o = httplab.open_loop(ctx, spec.url, rate, variant == "close", p["window_s"], p["open_warmup_s"],
                              p["open_connections"], f"open-{row.id}-{rep + 1}")
    except Exception as e:  # the wrk figures of the row stand without it
        r["open_error"] = first_line(e)
        ctx.log(f"  ({row.id}) open loop failed: {r['open_error']}")
        return
    for k in ("offered_rps", "achieved_rps", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms", "errors",
              "timeouts", "unsent", "sent_late", "due", "completed"):
        r["open_" + k] = o[k]
    r["open_loadavg_1m"] = os.getloadavg()[0]
    ctx.log(f"  ({row.id}) open loop at {rate:,.0f} requests/s: achieved {o['achieved_rps']:,.0f}, p50 {o['p50_ms']:.2f}"
            f" ms, p99 {o['p99_ms']:.2f} ms, p99.9 {o['p999_ms']:.2f} ms, errors {o['errors']}, unsent {o['unsent']}")


def first_line(e):
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def ms_text(v):
    return "-" if v is None else f"{v:,.2f} ms"


def build_result(ctx, p, specs, rows, notes):
    ordered = [rows[row_id(s, v)] for v, _ in VARIANTS for s in specs]
    for row in ordered:
        if not row.runs:
            continue
        row.columns["p50 (median)"] = ms_text(row.summary("p50_ms"))
        row.columns["p99 (median)"] = ms_text(row.summary("p99_ms"))
        row.columns["p99 per run"] = " / ".join(ms_text(r["p99_ms"]) for r in row.runs)
        errors = sum(r["errors"] for r in row.runs)
        requests = sum(r["requests"] for r in row.runs)
        row.columns["errors (all runs)"] = f"{errors:,} of {requests:,}"
        offload = sorted({r.get("host_tx_offload", "unknown") for r in row.runs})
        row.columns["host tx offload"] = "/".join(offload)
        cpu = row.summary("balancer_us_per_req")
        row.columns["balancer CPU per request (core 1)"] = "-" if cpu is None else f"{cpu:,.1f} us"
        row.columns["load avg (1 min)"] = " / ".join(f"{r['loadavg_1m']:.1f}" for r in row.runs)
    checks = []
    for v, vlabel in VARIANTS:
        rate = p["open_rate"].get(v)
        at = f" at {rate:,.0f} requests/s" if rate else ""
        for fs in ("fs-dsr", "fs-nat"):
            checks.append(Check(f"{fs} / HAProxy requests/s, {vlabel}", f"{fs}-{v}", f"haproxy-{v}", 1.0))
            checks.append(Check(f"{fs} / HAProxy p99 latency, equal offered rate{at} (open loop), {vlabel}",
                                f"{fs}-{v}", f"haproxy-{v}", 1.2, key="open_p99_ms", at_most=True))
            checks.append(Check(f"{fs} / HAProxy p99 latency, wrk (closed loop, each at its own rate; information),"
                                f" {vlabel}", f"{fs}-{v}", f"haproxy-{v}", key="p99_ms"))
        checks.append(Check(f"Open vSwitch / HAProxy requests/s, {vlabel}", f"ovs-{v}", f"haproxy-{v}"))
        checks.append(Check(f"Open vSwitch / HAProxy p99 latency, equal offered rate{at} (open loop), {vlabel}",
                            f"ovs-{v}", f"haproxy-{v}", key="open_p99_ms"))
        checks.append(Check(f"HAProxy / direct requests/s, {vlabel}", f"haproxy-{v}", f"direct-{v}"))
        checks.append(Check(f"flow-switch NAT / direct requests/s, {vlabel}", f"fs-nat-{v}", f"direct-{v}"))
    checks = [c for c in checks if c.num in rows and c.den in rows]
    for c in checks:  # a row that fell behind the offered rate has a queue, not a latency, in its p99
        if c.key == "open_p99_ms" and c.target is not None:
            behind = [f"{rows[r].id} fell behind the offered rate in {n} of {len(rows[r].runs)} repetitions"
                      for r in (c.num, c.den) for n in [fell_behind(rows[r])] if n]
            if behind:
                c.unmeasurable = "not measured: " + "; ".join(behind)
    loads = [r["loadavg_1m"] for row in ordered for r in row.runs]
    cores = os.cpu_count() or 1
    if loads and max(loads) > cores / 2:
        notes.append(f"The load average was {min(loads):.1f}-{max(loads):.1f} on {cores} cores during the windows:"
                     " a process waits for a core for milliseconds at a time, so the p99 latencies here mostly"
                     " measure other jobs' time slices, and they vary several-fold between repetitions of one row;"
                     " requests/s and p50 are steadier.")
    notes += open_loop_notes(p, ordered)
    method = [
        f"wrk -t1 -c{p['connections']} --latency --timeout 2s in the client namespace, pinned to core"
        f" {httplab.CLIENT_CPU}; the balancer pinned to core {httplab.BALANCER_CPU} (flow-switch's JVM with the"
        " flowlb controller, ovs-vswitchd with all its threads and the controller, HAProxy); three nginx servers"
        " (one worker each, `return 200` of 3 bytes) scheduled freely. The Linux kernel forwards the direct and"
        " HAProxy rows (a bridge) in the sending process's context.",
        "Keep-alive: 32 connections kept open (nginx closes one after 1,000 requests); `Connection: close`: a new"
        " TCP connection per request, so the balancer chooses a server for every request.",
        f"{p['reps']} repetition(s); in each, every balancer is set up in turn (rows interleaved), warmed up"
        f" ({p['warmup_s']:.0f} s per variant) and measured for {p['window_s']:.0f} s per variant; raw figures are"
        " wrk's requests/s, the median is over repetitions.",
        "flowlb rows: `./flowlb controller` (REST, control VIP 10.0.0.254/24 on its pseudo-interface) configured"
        " with `PUT /api/v1/config`: VIP 10.0.0.100:80 NAT and 10.0.0.101:80 DSR, each a round-robin pool of the"
        " three servers (the servers hold the DSR VIP on loopback); the switch is `./flowlb switch` (host"
        " interfaces with their default offloads) or an Open vSwitch userspace bridge (host interfaces with"
        " `ethtool -K tx off`, which Open vSwitch's userspace datapath needs for TCP).",
        "Balancer CPU per request: utime+stime of the forwarding process (flow-switch's JVM, ovs-vswitchd, HAProxy)"
        " over the window divided by the requests; a busy-polling flow-switch is also charged for its idle spins.",
        "Latency at an equal offered rate: after each wrk window the row runs the open-loop generator"
        f" (io.flowlb.bench.http.OpenLoopHttp, like wrk2; {p['open_connections']} keep-alive connections, or with"
        f" `Connection: close` up to {p['open_connections']} at once, so that connections never limit the rate;"
        " pinned to the client core) for the same window after a"
        f" {p['open_warmup_s']:.0f} s warm-up, at one rate for every balancer: {open_rate_text(p)}. Requests fall due"
        " at that constant rate whatever the answers do; each latency runs from when the request was due (not"
        " when a connection was free to send it) to the last byte of its response, so a stall counts for every"
        " request due during it (no coordinated omission). Percentiles from a log-linear histogram (0.8%"
        " resolution); the generator polls at 50 us granularity when a send is due within 2 ms.",
    ]
    peers = {
        "wrk": benchlib.tool_version(["wrk", "-v"]),
        "nginx": benchlib.tool_version(["nginx", "-v"]),
        "HAProxy": benchlib.tool_version(["haproxy", "-v"]),
        "Open vSwitch": benchlib.tool_version(["ovs-vswitchd", "--version"]),
    }
    extra = [open_loop_table(p, ordered)] if any("open_p99_ms" in r for row in ordered for r in row.runs) else []
    return Result("http", TITLE, "requests/s", method, ordered, checks, notes, peers, p, extra_tables=extra,
                  digits=0)


def open_rate_text(p):
    rates = p["open_rate"]
    if not rates:
        return "none measured"
    source = p.get("open_rate_from", {})
    parts = []
    for v, vlabel in VARIANTS:
        if v in rates:
            whence = (f"{p['open_share']:.0%} of the {source[v]} row's wrk requests/s in its first repetition"
                      if v in source else "given with --open-rate")
            parts.append(f"{rates[v]:,.0f} requests/s with {vlabel} ({whence})")
    return "; ".join(parts)


def open_loop_table(p, ordered):
    headers = ["row", "offered (requests/s)", "achieved (median)", "p50 (median)", "p90 (median)", "p99 (median)",
               "p99 per run", "p99.9 (median)", "errors, of which timeouts; unsent (all runs)", "sent >1 ms late",
               "load avg (1 min)"]
    out = []
    for row in ordered:
        runs = [r for r in row.runs if "open_p99_ms" in r]
        if not runs:
            why = next((r["open_error"] for r in row.runs if r.get("open_error")), "not run")
            out.append([row.id, why] + ["-"] * (len(headers) - 2))
            continue

        def med(key, runs=runs):
            return statistics.median(r[key] for r in runs)

        out.append([
            row.id, f"{med('open_offered_rps'):,.0f}", f"{med('open_achieved_rps'):,.0f}", ms_text(med("open_p50_ms")),
            ms_text(med("open_p90_ms")), ms_text(med("open_p99_ms")),
            " / ".join(ms_text(r["open_p99_ms"]) for r in runs), ms_text(med("open_p999_ms")),
            f"{sum(r['open_errors'] for r in runs):,}, {sum(r['open_timeouts'] for r in runs):,};"
            f" {sum(r['open_unsent'] for r in runs):,} of {sum(r['open_due'] for r in runs):,}",
            f"{sum(r['open_sent_late'] for r in runs):,}", " / ".join(f"{r['open_loadavg_1m']:.1f}" for r in runs)])
    return ("Latency at an equal offered rate (open loop, latency from each request's intended send time):", headers, out)


def throughput_spread(ordered):
    """"1.66-1.91x": flow-switch's wrk requests/s over HAProxy's, over the rows and variants measured."""
    med = {row.id: row.median() for row in ordered}
    ratios = [med[f"{fs}-{v}"] / med[f"haproxy-{v}"] for fs in ("fs-dsr", "fs-nat") for v, _ in VARIANTS
              if med.get(f"{fs}-{v}") and med.get(f"haproxy-{v}")]
    if not ratios:
        return ""
    lo, hi = min(ratios), max(ratios)
    return f" (here flow-switch at {lo:.2f}x" + (f"-{hi:.2f}x" if hi - lo >= 0.005 else "") + " HAProxy's requests/s"


def open_loop_notes(p, ordered):
    spread = throughput_spread(ordered)
    notes = ["The p99 targets are checked at an equal offered rate (open loop), not on wrk's p99: wrk is closed loop,"
             f" so each balancer runs at its own throughput{spread}{',' if spread else ''} with servers and client"
             f" that much busier and their queues that much longer{')' if spread else ''}, and a request that would"
             " have waited behind a stall is never sent, so never measured. Comparing those p99s compares"
             " different loads. At one offered rate, below every balancer's capacity, the p99 measures what a"
             " client sees through each balancer; wrk's p99 and its ratios stay in the tables for information."]
    short = [row.id for row in ordered if fell_behind(row)]
    if short:
        notes.append("Open-loop windows that completed less than 98% of the offered rate (the balancer or the"
                     " machine fell behind; their latencies include the queue): " + ", ".join(sorted(set(short))) + ".")
    return notes


def fell_behind(row):
    """How many of the row's open-loop windows completed less than 98% of the offered rate."""
    return sum(1 for r in row.runs if "open_p99_ms" in r and r["open_achieved_rps"] < 0.98 * r["open_offered_rps"])
