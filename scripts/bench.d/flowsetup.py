"""flowsetup: packet-ins a controller answers per second, flowlb's controller against
ovs-testcontroller, measured by the flowsetup tool (io.flowlb.bench.flowsetup.FlowSetupMain).

Runs inside scripts/sandbox (its own loopback, so port 6653 is free and nothing else connects).
Each row starts a fresh controller pinned to core 1 and runs the tool pinned to core 0: 16
emulated switches, 1000 hosts each, announced once (learning), then host-to-host packet-ins;
throughput mode keeps 64 packet-ins outstanding per switch, latency mode one. A response is a
FLOW_MOD or PACKET_OUT naming a packet-in (buffer id, or the tag in the frame when the
controller asked for unbuffered packet-ins); each loop's rate is one raw figure.
"""

import json
import os
import signal
import subprocess
import time

import benchlib
from benchlib import Check, Result, Row

TITLE = "controller flow setups (cbench-style): packet-ins answered per second"
NEEDS_SANDBOX = True
NEEDS_OVS = False

TOOL_CPU = 0
CTRL_CPU = 1
PORT = 6653
MAIN = "io.flowlb.bench.flowsetup.FlowSetupMain"


class Spec:
    def __init__(self, rid, controller, mode, of10=False):
        self.rid, self.controller, self.mode, self.of10 = rid, controller, mode, of10
        name = "flowlb controller" if controller == "flowlb" else "ovs-testcontroller"
        self.label = f"{name}, {mode} mode, OpenFlow {'1.0' if of10 else '1.3'}"


SPECS = [
    Spec("tc-thr", "ovs", "throughput"),
    Spec("ours-thr", "flowlb", "throughput"),
    Spec("tc-lat", "ovs", "latency"),
    Spec("ours-lat", "flowlb", "latency"),
    Spec("tc-thr-of10", "ovs", "throughput", of10=True),
]


def params(ctx):
    return {
        "loops": int(ctx.options.get("loops", ctx.reps or (3 if ctx.quick else 10))),
        "loop_ms": int(ctx.options.get("loop-ms", (ctx.seconds or 1) * 1000)),
        "warmup": int(ctx.options.get("warmup", 1 if ctx.quick else 10)),
        "switches": int(ctx.options.get("switches", 16)),
        "hosts": int(ctx.options.get("hosts", 1000)),
        "window": int(ctx.options.get("window", 64)),
        "rows": ctx.options.get("rows", ",".join(s.rid for s in SPECS)).split(","),
    }


def estimate_seconds(ctx):
    p = params(ctx)
    per_row = (p["loops"] + p["warmup"]) * p["loop_ms"] / 1000 + 8
    return len([s for s in SPECS if s.rid in p["rows"]]) * per_row + 10


def tool_classpath():
    t = os.path.join(benchlib.ROOT, "benchmarks", "target")
    return f"{t}/classes:{t}/lib/*"


def start_controller(ctx, spec):
    log = f"{ctx.work}/{spec.rid}-controller.log"
    if spec.controller == "ovs":
        argv = benchlib.nice_prefix(ctx) + [
            "taskset", "-c", str(CTRL_CPU), "ovs-testcontroller", f"ptcp:{PORT}", "-vconsole:off",
            f"--log-file={ctx.work}/{spec.rid}-ovs-testcontroller.log"]
        env = None
    else:
        argv = benchlib.nice_prefix(ctx) + [
            "taskset", "-c", str(CTRL_CPU), os.path.join(benchlib.ROOT, "flowlb"), "controller",
            "--rest-port", "0", "--state-dir", f"{ctx.work}/{spec.rid}-state"]
        env = dict(os.environ, FLOWLB_NO_BUILD="1")
    proc = benchlib.Proc(argv, log_path=log, env=env)
    if not benchlib.wait_tcp("127.0.0.1", PORT, 60):
        out = proc.output()
        proc.stop(sig=signal.SIGTERM)
        raise RuntimeError(f"the controller did not listen on {PORT} within 60 s: {out.strip()[-300:]}")
    return proc


def run_tool(ctx, spec, p, controller_pid):
    """Runs flowsetup against the controller on PORT; returns (result dict, tool CPU seconds)."""
    out_json = f"{ctx.work}/{spec.rid}.json"
    argv = benchlib.nice_prefix(ctx) + [
        "taskset", "-c", str(TOOL_CPU), ctx.java, "--enable-native-access=ALL-UNNAMED", "-cp", tool_classpath(),
        MAIN, "--controller", f"127.0.0.1:{PORT}", "--mode", spec.mode, "--switches", str(p["switches"]),
        "--hosts", str(p["hosts"]), "--window", str(p["window"]), "--loops", str(p["loops"]),
        "--loop-ms", str(p["loop_ms"]), "--warmup", str(p["warmup"]), "--label", spec.label, "--json", out_json,
        "--controller-pid", str(controller_pid)]
    if spec.of10:
        argv.append("--of10")
    log = f"{ctx.work}/{spec.rid}-flowsetup.log"
    with open(log, "w") as f:
        child = subprocess.Popen(argv, stdout=f, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    with open(log) as f:
        text = f.read()
    print(text, end="", flush=True)
    if child.returncode != 0 or not os.path.exists(out_json):
        last = text.strip().splitlines()[-1] if text.strip() else f"exit status {child.returncode}"
        raise RuntimeError(last)
    with open(out_json) as f:
        return json.load(f), usage.ru_utime + usage.ru_stime


def run(ctx):
    p = params(ctx)
    specs = [s for s in SPECS if s.rid in p["rows"]]
    rows = {s.rid: Row(s.rid, s.label) for s in specs}
    notes = []
    controllers = {s.rid: s.controller for s in specs}
    benchlib.require_flowlb_command("controller", rows, lambda rid: controllers[rid] == "flowlb")
    per_row = (p["loops"] + p["warmup"]) * p["loop_ms"] / 1000 + 8
    for s in specs:
        row = rows[s.rid]
        if not row.available:
            continue
        if ctx.remaining() < per_row + 10:
            notes.append(f"({s.rid}) skipped: time budget spent")
            continue
        ctx.log(f"({s.rid}) {s.label}")
        ctrl = None
        try:
            ctrl = start_controller(ctx, s)
            res, tool_cpu = run_tool(ctx, s, p, ctrl.pid)
            fill_row(row, res, tool_cpu)
        except Exception as e:  # one failing row must not stop the others
            row.why = f"failed: {str(e).strip().splitlines()[0]}"
            ctx.log(row.why)
        finally:
            if ctrl:
                ctrl.stop(sig=signal.SIGTERM)
                time.sleep(0.3)
    return build_result(ctx, p, specs, rows, notes)


def micros(v):
    return "-" if v is None or v < 0 else f"{v:,.2f} us"


def fill_row(row, res, tool_cpu):
    row.runs = [{"value": v, "loop": i + 1} for i, v in enumerate(res["rates"])]
    row.columns["avg (cbench)"] = benchlib.fmt_num(res["avg"])
    row.columns["min / max"] = f"{benchlib.fmt_num(res['min'])} / {benchlib.fmt_num(res['max'])}"
    row.columns["avg round trip"] = f"{res['avgLatencyMicros']:,.0f} us"
    row.columns["flow_mods / packet_outs"] = f"{res['flowMods']:,} / {res['packetOuts']:,}"
    row.columns["expired / unmatched / errors"] = f"{res['expired']:,} / {res['unmatched']:,} / {res['errors']:,}"
    row.columns["controller's own packet_outs"] = f"{res.get('otherPacketOuts', 0):,}"
    row.columns["controller CPU/response"] = micros(res.get("controllerCpuMicrosPerResponse"))
    row.columns["flowsetup CPU/response"] = micros(res.get("toolCpuMicrosPerResponse"))
    row.runs[0]["tool"] = res  # the whole tool output, for the JSON record
    row.runs[0]["tool_cpu_s_whole_run"] = round(tool_cpu, 3)
    if res.get("note"):
        row.why = res["note"]
    if not res.get("buffered", True):
        row.why = (row.why + "; " if row.why else "") + "the controller asked for unbuffered packet-ins"


def build_result(ctx, p, specs, rows, notes):
    checks = [
        Check("flowlb controller / ovs-testcontroller, throughput mode", "ours-thr", "tc-thr", 1.0),
        Check("flowlb controller / ovs-testcontroller, latency mode", "ours-lat", "tc-lat", 1.0),
        Check("flowlb controller, throughput mode (responses/s)", "ours-thr", None, 300_000),
        Check("ovs-testcontroller OpenFlow 1.0 / 1.3, throughput mode", "tc-thr-of10", "tc-thr"),
    ]
    checks = [c for c in checks if c.num in rows and (c.den is None or c.den in rows)]
    method = [
        f"flowsetup (io.flowlb.bench.flowsetup.FlowSetupMain) pinned to core {TOOL_CPU}, the controller pinned"
        f" to core {CTRL_CPU}, over loopback in the sandbox; a fresh controller per row.",
        f"{p['switches']} emulated switches x {p['hosts']} hosts, announced once before measuring; throughput"
        f" mode keeps {p['window']} packet-ins outstanding per switch, latency mode one.",
        f"{p['warmup']} warm-up loop(s) (discarded, as cbench's -w: long enough for a JVM's JIT to compile"
        f" the answer path) then {p['loops']} loops of {p['loop_ms']} ms; each loop's rate is a raw"
        " figure; 'avg (cbench)' is their mean, 'median' their median. A response is a FLOW_MOD or PACKET_OUT"
        " that names a waiting packet-in (by buffer id, or by a tag in the frame for unbuffered packet-ins).",
        "CPU per response is the CPU time of each process over the measured loops divided by the packet-ins"
        " answered in them (flowsetup reads its own and the controller's from the JVM and /proc). flowsetup's"
        " own work per response is ~0.1 us (JMH FlowSetupHotPathBenchmark); the rest of its figure is the"
        " kernel's cost of the controller's message pattern (a controller that writes one message per"
        " system call makes both ends pay per message). Against a batching echo controller flowsetup"
        " sustained over 1M responses/s at 0.5 us of CPU each, so it does not limit these rows.",
    ]
    peers = {"ovs-testcontroller": benchlib.tool_version(["ovs-testcontroller", "--version"])}
    return Result("flowsetup", TITLE, "responses/s", method, [rows[s.rid] for s in specs], checks, notes, peers,
                  p)
