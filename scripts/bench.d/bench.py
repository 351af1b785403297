#!/usr/bin/python3
"""Runs one flowlb benchmark and records it: bench.py NAME [--quick] [--reps N] [--seconds S]
[--deadline EPOCH] [--no-report] [--command TEXT] [--KEY VALUE ...]

Called by scripts/bench, inside scripts/sandbox for the benchmarks that need one. Unknown
--KEY VALUE pairs are passed to the benchmark (pps: --rows d,c,b --gc-seconds 60; flowsetup:
--loops 10 ...)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import benchlib  # noqa: E402
import failover  # noqa: E402
import flowsetup  # noqa: E402
import httpbench  # noqa: E402
import jmh  # noqa: E402
import memory  # noqa: E402
import pps  # noqa: E402

BENCHMARKS = {"pps": pps, "flowsetup": flowsetup, "jmh": jmh, "http": httpbench, "failover": failover, "memory": memory}


def parse(argv):
    if not argv or argv[0] not in BENCHMARKS:
        sys.exit(f"bench.py: first argument must be one of {', '.join(BENCHMARKS)}")
    ctx = benchlib.Context(name=argv[0])
    args = argv[1:]
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--quick":
            ctx.quick = True
        elif a == "--no-report":
            ctx.report = False
        elif a.startswith("--") and i + 1 < len(args):
            key, val = a[2:], args[i + 1]
            i += 1
            if key == "reps":
                ctx.reps = int(val)
            elif key == "seconds":
                ctx.seconds = float(val)
            elif key == "deadline":
                ctx.deadline = float(val)
            elif key == "command":
                ctx.command = val
            else:
                ctx.options[key] = val
        else:
            sys.exit(f"bench.py: unexpected argument {a}")
        i += 1
    if not ctx.command:
        ctx.command = "./flowlb bench " + " ".join(argv)
    return ctx


def main():
    ctx = parse(sys.argv[1:])
    module = BENCHMARKS[ctx.name]
    if ctx.remaining() < module.estimate_seconds(ctx) * 0.5:
        ctx.log(f"skipped: about {module.estimate_seconds(ctx):.0f} s needed, {ctx.remaining():.0f} s left")
        return 3
    result = module.run(ctx)
    benchlib.record(ctx, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
