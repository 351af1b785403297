"""Shared machinery of flowlb's benchmarks: context, processes, CPU accounting, results, reports.

A benchmark module (pps.py, flowsetup.py, jmh.py, ...) exposes
    TITLE: str                      one line for the report heading
    NEEDS_SANDBOX: bool             scripts/bench runs it inside scripts/sandbox when true
    NEEDS_OVS: bool                 ... with Open vSwitch started there
    def estimate_seconds(ctx) -> float
    def run(ctx) -> Result
and this module turns its Result into a JSON file under bench-results/ and a dated section
appended to docs/PERFORMANCE.md. Rows that cannot run say why ("not available: ..."); they never
carry a figure.
"""

import datetime
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import time
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLK_TCK = os.sysconf("SC_CLK_TCK")


# ------------------------------------------------------------------ context


@dataclass
class Context:
    """What every benchmark is told: where it runs, how long it may take, how it was invoked."""

    name: str
    quick: bool = False
    reps: int | None = None
    seconds: float | None = None
    deadline: float | None = None  # epoch seconds; parts that would end later are skipped
    report: bool = True
    command: str = ""
    options: dict = field(default_factory=dict)  # benchmark-specific --key value options
    java_home: str = os.environ.get("JAVA_HOME", "")
    started: float = field(default_factory=time.time)
    loadavg_start: tuple = field(default_factory=os.getloadavg)

    @property
    def java(self):
        return os.path.join(self.java_home, "bin", "java") if self.java_home else "java"

    @property
    def stamp(self):
        return datetime.datetime.fromtimestamp(self.started, datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")

    @property
    def work(self):
        """bench-results/logs/NAME-STAMP/: configurations and logs of this run, kept for inspection."""
        path = os.path.join(ROOT, "bench-results", "logs", f"{self.name}-{self.stamp}")
        os.makedirs(path, exist_ok=True)
        return path

    def rows(self, ids):
        """The row ids chosen with --rows a,b,c (all of ids by default)."""
        return self.options["rows"].split(",") if "rows" in self.options else list(ids)

    def remaining(self):
        return float("inf") if self.deadline is None else self.deadline - time.time()

    def log(self, msg):
        print(f"bench {self.name}: {msg}", flush=True)


# ------------------------------------------------------------------ processes


def sh(cmd, check=True, capture=True, timeout=60, env=None):
    """Runs a command (list or shell string); returns its stdout. Raises with stderr on failure."""
    shell = isinstance(cmd, str)
    p = subprocess.run(cmd, shell=shell, capture_output=capture, text=True, timeout=timeout, env=env)
    if check and p.returncode != 0:
        shown = cmd if shell else " ".join(cmd)
        raise RuntimeError(f"command failed ({p.returncode}): {shown}\n{(p.stderr or '').strip()}")
    return p.stdout if capture else ""


class Proc:
    """A background process in its own session, so it and its children stop together."""

    def __init__(self, argv, log_path=None, env=None, cwd=None):
        self.argv = argv
        self.log_path = log_path
        out = open(log_path, "w") if log_path else subprocess.DEVNULL
        self.p = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                  env=env, cwd=cwd)
        if log_path:
            out.close()

    @property
    def pid(self):
        return self.p.pid

    def alive(self):
        return self.p.poll() is None

    def stop(self, sig=signal.SIGINT, grace=5.0):
        """Signals the whole process group (trafgen wants SIGINT), then TERM, then KILL."""
        for s, wait in ((sig, grace), (signal.SIGTERM, 3.0), (signal.SIGKILL, 3.0)):
            if self.p.poll() is not None:
                break
            try:
                os.killpg(self.p.pid, s)
            except ProcessLookupError:
                break
            try:
                self.p.wait(wait)
            except subprocess.TimeoutExpired:
                continue
        return self.p.poll()

    def output(self, tail=20):
        if not self.log_path or not os.path.exists(self.log_path):
            return ""
        with open(self.log_path, errors="replace") as f:
            return "".join(f.readlines()[-tail:])


def nice_prefix(ctx):
    """["nice", "-n", N] when --nice N was given (negative N raises the benchmark's priority over other
    jobs on a shared machine), else []."""
    n = int(ctx.options.get("nice", 0))
    return ["nice", "-n", str(n)] if n else []


def renice_all_threads(pid, n):
    """Sets the nice value of every thread of a running process (renice -p only changes one thread)."""
    if not n:
        return
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            os.setpriority(os.PRIO_PROCESS, int(tid), n)
        except OSError:
            pass


def group_pids(pgid):
    """Every process of a process group (trafgen forks its workers)."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:
                out.append(int(d))
        except (OSError, IndexError, ValueError):
            continue
    return out


def cpu_seconds(pids):
    """utime + stime of the given processes (all their threads), in seconds."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / CLK_TCK


def wait_tcp(host, port, timeout):
    """True once something accepts TCP connections on host:port."""
    end = time.time() + timeout
    while time.time() < end:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def flowlb_command_status(cmd):
    """(available, why) for a ./flowlb subcommand, by asking it for --help."""
    env = dict(os.environ, FLOWLB_NO_BUILD="1")
    p = subprocess.run([os.path.join(ROOT, "flowlb"), cmd, "--help"], capture_output=True, text=True,
                       timeout=60, env=env)
    if p.returncode == 0:
        return True, ""
    text = (p.stderr + p.stdout).strip().splitlines()
    why = text[-1] if text else f"exit status {p.returncode}"
    if "not available" in why:
        why = f"`./flowlb {cmd}` is not built in this version of flowlb"
    return False, why


def require_flowlb_command(cmd, rows, needs):
    """Marks the rows for which needs(row_id) is true as not available when ./flowlb CMD is missing."""
    ok, why = flowlb_command_status(cmd)
    if not ok:
        for rid, row in rows.items():
            if needs(rid):
                row.available, row.why = False, why


# ------------------------------------------------------------------ machine


def machine_info(java):
    def first(path, key):
        try:
            with open(path) as f:
                for line in f:
                    if line.startswith(key):
                        return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "unknown"

    mem_kb = first("/proc/meminfo", "MemTotal").split()[0]
    try:
        jv = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr.splitlines()
        jdk = jv[1].strip() if len(jv) > 1 else jv[0].strip()
    except (OSError, IndexError, subprocess.TimeoutExpired):
        jdk = "unknown"
    return {
        "cpu": first("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "kernel": platform.release(),
        "memory_gib": round(int(mem_kb) / 1024 / 1024, 1) if mem_kb.isdigit() else None,
        "jdk": jdk,
        "loadavg_start": os.getloadavg(),
    }


def tool_version(argv, pattern=r"([0-9]+\.[0-9]+(\.[0-9]+)?)"):
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=20)
        m = re.search(pattern, p.stdout + p.stderr)
        return m.group(1) if m else "unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"


# ------------------------------------------------------------------ results


@dataclass
class Row:
    """One line of a benchmark's table: one path/peer measured several times."""

    id: str
    label: str
    runs: list = field(default_factory=list)  # raw figures of each repetition (dicts with "value")
    available: bool = True
    why: str = ""  # why the row did not run, or failed
    columns: dict = field(default_factory=dict)  # extra summary columns (header -> text)

    def values(self):
        return [r["value"] for r in self.runs if r.get("value") is not None]

    def median(self):
        v = self.values()
        return statistics.median(v) if v else None

    def summary(self, key):
        v = [r[key] for r in self.runs if r.get(key) is not None]
        return statistics.median(v) if v else None


@dataclass
class Check:
    """A ratio or a target: numerator row over denominator row (or an absolute figure).

    The figure of a row is the median of its raw figures, or with `key` of that field of its runs
    (a latency percentile, an error count); `agg` takes their maximum or sum instead. The target
    is a minimum, or a maximum when `at_most` is set."""

    label: str
    num: str
    den: str | None = None
    target: float | None = None  # minimum ratio (or minimum value when den is None); maximum if at_most
    value: float | None = None
    why: str = ""
    key: str | None = None
    at_most: bool = False
    agg: str = "median"  # how the runs' figures combine: median, max or sum
    unmeasurable: str = ""  # set when the figures cannot answer the check (the verdict says why)

    def figure(self, row):
        if row is None:
            return None
        v = [r[self.key or "value"] for r in row.runs if r.get(self.key or "value") is not None]
        return {"median": statistics.median, "max": max, "sum": sum}[self.agg](v) if v else None

    def met(self):
        return self.value <= self.target if self.at_most else self.value >= self.target

    def verdict(self):
        if self.unmeasurable:
            return self.unmeasurable
        if self.target is None or self.value is None:
            return ""
        if self.met():
            return "met"
        if self.at_most:
            if self.target == 0:
                return f"missed: {fmt_num(self.value, 2 if self.value % 1 else 0)}"
            return f"missed by {(self.value / self.target - 1) * 100:.0f}%"
        return f"missed by {(1 - self.value / self.target) * 100:.0f}%"


@dataclass
class Result:
    name: str
    title: str
    unit: str
    method: list
    rows: list
    checks: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    peers: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)
    extra_tables: list = field(default_factory=list)  # (title, headers, rows) appended verbatim
    digits: int = 0  # decimals shown for raw figures and medians

    def row(self, rid):
        for r in self.rows:
            if r.id == rid:
                return r
        return None

    def evaluate(self):
        for c in self.checks:
            n = self.row(c.num)
            d = self.row(c.den) if c.den else None
            nm = c.figure(n)
            if c.den is None:
                c.value = nm
                if nm is None:
                    c.why = f"({c.num}) has no figure"
            else:
                dm = c.figure(d)
                if nm is None or not dm:
                    missing = c.num if nm is None else c.den
                    c.why = f"({missing}) has no figure"
                else:
                    c.value = nm / dm


def fmt_num(v, digits=0):
    if v is None:
        return "-"
    if digits == 0:
        return f"{v:,.0f}"
    return f"{v:,.{digits}f}"


def render_markdown(ctx, result, machine, finished):
    started = datetime.datetime.fromtimestamp(ctx.started, datetime.timezone.utc)
    load_end = os.getloadavg()
    m = machine
    lines = [
        "",
        f"## {result.name}: {result.title}, {started:%Y-%m-%d %H:%M} UTC",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, kernel {m['kernel']}, {m['memory_gib']} GiB, JDK {m['jdk']}.",
        f"- Load average (1/5/15 min) at start {fmt_load(m['loadavg_start'])}, at end {fmt_load(load_end)}"
        f" on {m['cores']} cores"
        + (": the machine was busy with other jobs, so absolute figures are noisy; compare the ratios,"
           " which come from rows measured side by side in this run." if max(m['loadavg_start'][0], load_end[0])
           > 0.5 * (m['cores'] or 1) else "."),
        f"- Command: `{ctx.command}` ({'quick run, indicative only' if ctx.quick else 'full run'}),"
        f" {finished - ctx.started:.0f} s.",
    ]
    if int(ctx.options.get("nice", 0)):
        lines.append(f"- Priority: generators, forwarders, controllers and tools ran at nice {ctx.options['nice']}"
                     " to keep other jobs on the machine from taking their cores.")
    if result.peers:
        lines.append("- Versions: " + ", ".join(f"{k} {v}" for k, v in result.peers.items()) + ".")
    for line in result.method:
        lines.append(f"- {line}")
    lines += ["", table_markdown(result), ""]
    if result.checks:
        lines += ["| ratio / target | measured | target | verdict |", "|---|---|---|---|"]
        for c in result.checks:
            if c.value is None:
                lines.append(f"| {c.label} | - | {fmt_target(c)} | not measured: {c.why} |")
                continue
            shown = f"{c.value:.2f}x" if c.den else fmt_num(c.value, 2 if c.value % 1 else 0)
            lines.append(f"| {c.label} | {shown} | {fmt_target(c)} | {c.verdict()} |")
        lines.append("")
    for title, headers, rows in result.extra_tables:
        lines += [f"{title}", "", "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(str(x) for x in r) + " |" for r in rows]
        lines.append("")
    notes = list(result.notes)
    for r in result.rows:
        if not r.available:
            notes.append(f"({r.id}) {r.label}: not available: {r.why}")
        elif r.why:
            notes.append(f"({r.id}) {r.label}: {r.why}")
    if notes:
        lines.append("Notes:")
        lines.append("")
        lines += [f"- {n}" for n in notes]
        lines.append("")
    return "\n".join(lines)


def fmt_target(c):
    if c.target is None:
        return "-"
    op = "<=" if c.at_most else ">="
    return f"{op} {c.target:g}x" if c.den else f"{op} {fmt_num(c.target, 2 if c.target % 1 else 0)}"


def fmt_load(la):
    return "/".join(f"{x:.1f}" for x in la)


def table_markdown(result):
    extra = []
    for r in result.rows:
        for k in r.columns:
            if k not in extra:
                extra.append(k)
    headers = ["row", "path", f"runs ({result.unit})", "median"] + extra
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for r in result.rows:
        if not r.available:
            cells = [r.id, r.label, "not available", "-"] + ["-"] * len(extra)
        else:
            runs = " / ".join(fmt_num(v, result.digits) for v in r.values()) or "no figure"
            cells = [r.id, r.label, runs, fmt_num(r.median(), result.digits)] + [r.columns.get(k, "-") for k in extra]
        out.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(out)


def record(ctx, result):
    """Writes bench-results/<name>-<timestamp>.json and appends the report section."""
    result.evaluate()
    finished = time.time()
    machine = machine_info(ctx.java)
    machine["loadavg_start"] = ctx.loadavg_start
    stamp = ctx.stamp
    out_dir = os.path.join(ROOT, "bench-results")
    os.makedirs(out_dir, exist_ok=True)
    doc = {
        "benchmark": result.name,
        "title": result.title,
        "started": stamp,
        "seconds": round(finished - ctx.started, 1),
        "command": ctx.command,
        "quick": ctx.quick,
        "machine": machine,
        "loadavg_end": os.getloadavg(),
        "peers": result.peers,
        "params": result.params,
        "unit": result.unit,
        "rows": [{"id": r.id, "label": r.label, "available": r.available, "why": r.why, "runs": r.runs,
                  "median": r.median(), "columns": r.columns} for r in result.rows],
        "checks": [vars(c) for c in result.checks],
        "notes": result.notes,
    }
    path = os.path.join(out_dir, f"{result.name}-{stamp}.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=2)
    ctx.log(f"raw results: {os.path.relpath(path, ROOT)}")
    md = render_markdown(ctx, result, machine, finished)
    print(md, flush=True)
    if ctx.report:
        perf = os.path.join(ROOT, "docs", "PERFORMANCE.md")
        with open(perf, "a") as f:
            f.write(md)
        ctx.log("appended to docs/PERFORMANCE.md")
    return path
