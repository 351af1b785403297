"""jmh: the JMH benchmarks of the benchmarks module (per-packet path, tables, flowsetup's hot path),
with the GC profiler: ns/op and B/op (allocation per operation; the per-packet path must show 0),
and the project's CPU-time profiler (io.flowlb.bench.CpuTimeProfiler: process CPU time per
operation, which waiting for a core on a busy machine does not inflate, unlike the wall score).

Runs outside the sandbox (no network). Short settings suit a shared 2-core machine: one fork,
3 warm-up and 5 measured iterations of 1 s (quick: 1 and 2 of 0.5 s). Each measured iteration's
score is a raw figure.
"""

import json
import os
import subprocess

import benchlib
from benchlib import Result, Row

TITLE = "JMH microbenchmarks: time and allocation per operation"
NEEDS_SANDBOX = False
NEEDS_OVS = False
TARGET = os.path.join(benchlib.ROOT, "benchmarks", "target")
CPU_PROFILER = "io.flowlb.bench.CpuTimeProfiler"


def params(ctx):
    q = ctx.quick
    return {
        "forks": 1,
        "warmup_iterations": int(ctx.options.get("wi", 1 if q else 3)),
        "iterations": int(ctx.options.get("i", 2 if q else 5)),
        "iteration_time": ctx.options.get("r", "500ms" if q else "1s"),
        "filter": ctx.options.get("filter", ""),
    }


def benchmark_list():
    path = os.path.join(TARGET, "classes", "META-INF", "BenchmarkList")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line for line in f if line.strip()]


def estimate_seconds(ctx):
    p = params(ctx)
    secs = 1.0 if p["iteration_time"].endswith("s") and not p["iteration_time"].endswith("ms") else 0.5
    per = (p["warmup_iterations"] + p["iterations"]) * secs * 1.3 + 4
    return 10 + len(benchmark_list()) * per


def run(ctx):
    p = params(ctx)
    out_json = os.path.join(ctx.work, "jmh-result.json")
    notes = []
    rows = []
    if not benchmark_list():
        notes.append("no JMH benchmarks found in benchmarks/target/classes (build the benchmarks module first)")
        return Result("jmh", TITLE, "ns/op", [], rows, [], notes, {}, p)
    argv = [ctx.java, "--enable-native-access=ALL-UNNAMED", "-cp", f"{TARGET}/classes:{TARGET}/lib/*",
            "org.openjdk.jmh.Main", "-f", str(p["forks"]), "-wi", str(p["warmup_iterations"]),
            "-i", str(p["iterations"]), "-w", p["iteration_time"], "-r", p["iteration_time"],
            "-bm", "avgt", "-tu", "ns", "-prof", "gc", "-jvmArgsAppend", "--enable-native-access=ALL-UNNAMED",
            "-rf", "json", "-rff", out_json]
    cpu_profiler = os.path.exists(os.path.join(TARGET, "classes", *CPU_PROFILER.split(".")) + ".class")
    if cpu_profiler:
        argv[argv.index("-jvmArgsAppend"):argv.index("-jvmArgsAppend")] = ["-prof", CPU_PROFILER]
    if p["filter"]:
        argv.append(p["filter"])
    ctx.log(" ".join(argv[:3]) + " ... org.openjdk.jmh.Main " + " ".join(argv[6:]))
    proc = subprocess.run(argv, capture_output=True, text=True,
                          timeout=max(60, int(min(ctx.remaining(), 3 * estimate_seconds(ctx)))))
    with open(os.path.join(ctx.work, "jmh.log"), "w") as f:
        f.write(proc.stdout + proc.stderr)
    if proc.returncode != 0 or not os.path.exists(out_json):
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-3:]
        notes.append("JMH failed: " + " | ".join(tail))
        return Result("jmh", TITLE, "ns/op", [], rows, [], notes, {}, p)
    with open(out_json) as f:
        data = json.load(f)
    for entry in data:
        rows.append(row_of(entry))
    nonzero = [r.id for r in rows if r.runs and r.runs[0].get("bytes_per_op", 0) > 0.5]
    if nonzero:
        notes.append("allocating per operation: " + ", ".join(nonzero)
                     + " (fine for set-up and control-plane paths, a defect on the per-packet path)")
    method = [f"JMH {data[0].get('jmhVersion', '')}, {p['forks']} fork, {p['warmup_iterations']} warm-up and"
              f" {p['iterations']} measured iterations of {p['iteration_time']}, average time mode, -prof gc"
              " (B/op = gc.alloc.rate.norm)"
              + (f", -prof {CPU_PROFILER} (CPU ns/op = cpu.time.norm, the steadier figure on a busy machine)."
                 if cpu_profiler else ".")] if data else []
    return Result("jmh", TITLE, "ns/op", method, rows, [], notes, {"JMH": data[0].get("jmhVersion", "")
                  if data else ""}, p, digits=1)


def row_of(entry):
    name = entry["benchmark"]
    short = ".".join(name.split(".")[-2:])
    if entry.get("params"):
        short += "(" + ",".join(f"{k}={v}" for k, v in entry["params"].items()) + ")"
    pm = entry["primaryMetric"]
    sec = entry.get("secondaryMetrics", {})
    alloc = sec.get("gc.alloc.rate.norm") or sec.get("\u00b7gc.alloc.rate.norm") or {}
    bytes_per_op = alloc.get("score")
    raw = [v for fork in pm.get("rawData", []) for v in fork]
    row = Row(short, name)
    row.runs = [{"value": v, "iteration": i + 1} for i, v in enumerate(raw)]
    if row.runs:
        row.runs[0]["bytes_per_op"] = bytes_per_op
        row.runs[0]["score"] = pm.get("score")
        row.runs[0]["score_error"] = pm.get("scoreError")
    err = pm.get("scoreError")
    row.columns["score ± error (ns/op)"] = (f"{pm['score']:,.1f} ± {err:,.1f}" if isinstance(err, (int, float))
                                           else f"{pm['score']:,.1f}")
    cpu = (sec.get("cpu.time.norm") or {}).get("score")
    if cpu is not None:
        row.columns["CPU ns/op"] = f"{cpu:,.1f}"
        if row.runs:
            row.runs[0]["cpu_ns_per_op"] = cpu
    row.columns["B/op"] = "-" if bytes_per_op is None else f"{bytes_per_op:,.1f}"
    return row
