#!/usr/bin/env python3
"""Differential check of appxlint against the schema oracle on a corpus of real manifests.

For every manifest in CORPUS:
- appxlint must not crash (no internal-error finding);
- when the schema oracle accepts the file, appxlint must report no error, unless the
  (file, rule) pair is listed in tests/corpus-defects.tsv with the defect it names.

Usage: scripts/corpus_check.py APPXLINT_BINARY CORPUS_DIR ORACLE
"""
import csv, json, os, subprocess, sys

def main(binary, corpus, oracle):
    here = os.path.dirname(os.path.abspath(__file__))
    known = {}
    with open(os.path.join(here, "..", "tests", "corpus-defects.tsv"), newline="") as f:
        for row in csv.reader((l for l in f if not l.startswith("#") and l.strip()), delimiter="\t"):
            known[(row[0], row[1])] = row[2]
    files = sorted(os.path.join(corpus, n) for n in os.listdir(corpus) if n != "INDEX.tsv" and not n.endswith(".md"))
    run = subprocess.run([binary, "check", "--format", "json", *files], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        print(run.stderr)
        print(f"appxlint exited with {run.returncode}")
        return 1
    report = json.loads(run.stdout)
    verdicts = {}
    out = subprocess.run([sys.executable, oracle, *files], capture_output=True, text=True).stdout
    for line in out.splitlines():
        verdict, path, *_ = line.split("\t")
        verdicts[os.path.basename(path)] = verdict
    problems, used = [], set()
    counts = {"valid": 0, "invalid": 0, "skipped": 0}
    for f in report["files"]:
        name = os.path.basename(f["path"])
        verdict = verdicts.get(name, "?")
        counts[verdict] = counts.get(verdict, 0) + 1
        for d in f["diagnostics"]:
            if d["name"] == "internal-error":
                problems.append(f"{name}: appxlint crashed: {d['message']}")
            if d["severity"] != "error" or verdict != "valid":
                continue
            key = (name, d["name"])
            if key in known:
                used.add(key)
                continue
            loc = d["location"] or {}
            problems.append(f"{name}:{loc.get('line')}:{loc.get('column')}: {d['name']}: {d['message']} (the oracle accepts this file)")
    for key in sorted(set(known) - used):
        problems.append(f"tests/corpus-defects.tsv lists {key[0]} / {key[1]}, which appxlint no longer reports")
    s = report["summary"]
    print(f"corpus: {len(report['files'])} files (oracle: {counts.get('valid', 0)} valid, {counts.get('invalid', 0)} invalid, "
          f"{counts.get('skipped', 0)} skipped); appxlint: {s['errors']} errors, {s['warnings']} warnings, {s['infos']} infos; "
          f"{len(used)} reviewed defects")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0

if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
