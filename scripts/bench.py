#!/usr/bin/env python3
"""Times appxlint against `xmllint --noout` on the same manifests, side by side.

    python3 scripts/bench.py --appxlint target/release/appxlint --corpus target/bench-corpus

The corpus comes from scripts/gen_corpus.py. Each round runs, one after the other:
appxlint on the whole corpus with every core, appxlint with one thread, and xmllint once
over the same manifests (the loose ones, and copies of those inside packages) in one
process, and (with --scan) quick-xml's bare event scan of the same files on one thread,
the floor for any linter built on it. Wall time comes from wait4(2), peak RSS from GNU time where it is installed (Debian:
apt-get install time). The medians of the
rounds are compared; ratios are taken within the run, because the machine may be busy.
Then one file: the wall time of a whole appxlint process on one manifest, and of xmllint.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


GNU_TIME = shutil.which("time") if os.path.exists("/usr/bin/time") else None


def run(cmd, stdout=subprocess.DEVNULL, rss=True):
    """Wall time (s) and peak RSS (MiB) of one process; its exit status.

    The peak RSS comes from GNU time (`/usr/bin/time -f %M`) when it is installed: the
    rusage of a child forked from Python counts Python's own pages before the exec.
    """
    start = time.perf_counter()
    if GNU_TIME and rss:
        with tempfile.NamedTemporaryFile("r") as out:
            p = subprocess.Popen(["/usr/bin/time", "-q", "-f", "%M", "-o", out.name, *cmd], stdout=stdout, stderr=subprocess.DEVNULL)
            _, status, _ = os.wait4(p.pid, 0)
            wall = time.perf_counter() - start
            rss_kib = int(out.read().strip().splitlines()[-1])
        return wall, rss_kib / 1024, os.waitstatus_to_exitcode(status)
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory": mem, "os": f"{platform.system()} {platform.release()}", "load": load}


def version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
        return (out.stdout + out.stderr).strip().splitlines()[0]
    except Exception:
        return "unknown"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--appxlint", required=True)
    ap.add_argument(
        "--scan",
        help="the `scan` example (examples/scan.rs): quick-xml's event scan of the same files on one thread, the floor",
    )
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--single", type=int, default=30, help="runs of the one-file measurement")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument(
        "--schema",
        help="the manifest XSD set (all.xsd): also time xmllint validating against it, the C baseline that does comparable work",
    )
    args = ap.parse_args()

    summary = json.load(open(os.path.join(args.corpus, "summary.json")))
    files = [l for l in open(os.path.join(args.corpus, "xmllint.txt")).read().splitlines() if l]
    lint_dir = os.path.join(args.corpus, "lint")
    n, size = summary["manifests"], summary["bytes"]
    xmllint = shutil.which("xmllint")
    m = machine()
    print(f"machine: {m['cpus']} CPUs ({m['cpu']}), {m['memory']}, {m['os']}, load average {m['load']:.2f} at start")
    print(f"appxlint: {version([args.appxlint, '--version'])}; xmllint: {version(['xmllint', '--version']) if xmllint else 'not installed'}")
    print(
        f"corpus: {n} manifests, {size / 1e6:.1f} MB ({summary['loose']} loose, {summary['in_packages']} in "
        f"{summary['packages']} packages and {summary['bundles']} bundles; {summary['with_findings']} with findings)"
    )

    # Warm the page cache, so that every command reads from memory.
    run([args.appxlint, "check", "-f", "json", "-o", os.devnull, lint_dir])
    if xmllint:
        run(["xmllint", "--noout", *files])

    commands = {
        "appxlint (all cores)": [args.appxlint, "check", "-f", "json", "-o", os.devnull, lint_dir],
        "appxlint --threads 1": [args.appxlint, "check", "-f", "json", "-o", os.devnull, "--threads", "1", lint_dir],
    }
    commands["appxlint, parse only (all cores)"] = [
        args.appxlint, "check", "-f", "json", "-o", os.devnull, "--no-config", "--select", "io-error", lint_dir,
    ]
    if xmllint and args.schema:
        commands["xmllint --noout --schema (1 process)"] = ["xmllint", "--noout", "--schema", args.schema, *files]
    if xmllint:
        commands["xmllint --noout (1 process)"] = ["xmllint", "--noout", *files]
    if args.scan:
        commands["quick-xml event scan, no tree (1 thread)"] = [args.scan, os.path.join(args.corpus, "xmllint.txt")]
    results = {k: [] for k in commands}
    for r in range(args.rounds):
        for name, cmd in commands.items():
            wall, rss, code = run(cmd)
            if name.startswith("appxlint") and code not in (0, 1) or (not name.startswith(("appxlint", "xmllint --noout --schema")) and code != 0):
                sys.exit(f"{name} exited with {code}")
            results[name].append((wall, rss))
        print(f"round {r + 1}/{args.rounds}: " + ", ".join(f"{k} {v[-1][0]:.3f} s" for k, v in results.items()), flush=True)

    rows = []
    for name, runs in results.items():
        walls = [w for w, _ in runs]
        med = statistics.median(walls)
        rows.append(
            {
                "command": name,
                "median_s": med,
                "min_s": min(walls),
                "files_per_s": n / med,
                "mb_per_s": size / 1e6 / med,
                "peak_rss_mib": max(r for _, r in runs),
            }
        )
    print()
    print("| Command | Median wall time | Min | Files/s | MB/s | Peak RSS |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['command']} | {r['median_s'] * 1000:.0f} ms | {r['min_s'] * 1000:.0f} ms | {r['files_per_s']:,.0f} | "
            f"{r['mb_per_s']:.0f} | {r['peak_rss_mib']:.1f} MiB |"
        )
    ratios = {}
    for base_row in [r for r in rows if r["command"].startswith("xmllint")]:
        label = base_row["command"].removesuffix(" (1 process)")
        for r in rows:
            if r["command"].startswith("appxlint"):
                ratios[f"{r['command']} / {label}"] = base_row["median_s"] / r["median_s"]
                print(f"\n{r['command']}: {base_row['median_s'] / r['median_s']:.2f}x as fast as {label}", end="")
        print()

    # Peak memory against the number of files: a tenth of the corpus, then all of it.
    folders = sorted(os.path.join(lint_dir, d) for d in os.listdir(lint_dir))
    tenth = folders[: max(1, len(folders) // 10)]
    tenth_files = sum(len(fs) for f in tenth for _, _, fs in os.walk(f))
    tenth_rss = max(run([args.appxlint, "check", "-f", "json", "-o", os.devnull, *tenth])[1] for _ in range(3))
    print(f"\npeak RSS (appxlint, all cores): {tenth_files} input files {tenth_rss:.1f} MiB; all {n} manifests {rows[0]['peak_rss_mib']:.1f} MiB")

    # One file, whole process: pick a loose manifest of about 20 KB.
    one = min((p for p in files if "/lint/" in p), key=lambda p: abs(os.path.getsize(p) - 20_000))
    single = sorted(run([args.appxlint, "check", "-f", "json", "-o", os.devnull, one], rss=False)[0] for _ in range(args.single))
    print(f"\none file ({os.path.getsize(one)} bytes), whole process, median of {args.single}: appxlint {statistics.median(single) * 1000:.2f} ms", end="")
    single_xml = None
    if xmllint:
        single_xml = sorted(run(["xmllint", "--noout", one], rss=False)[0] for _ in range(args.single))
        print(f", xmllint {statistics.median(single_xml) * 1000:.2f} ms", end="")
    print()

    if args.json:
        with open(args.json, "w") as f:
            json.dump(
                {
                    "machine": m,
                    "corpus": summary,
                    "rows": rows,
                    "ratios": ratios,
                    "tenth_rss_mib": tenth_rss,
                    "single_ms": statistics.median(single) * 1000,
                    "single_xmllint_ms": statistics.median(single_xml) * 1000 if single_xml else None,
                },
                f,
                indent=2,
            )


if __name__ == "__main__":
    main()
