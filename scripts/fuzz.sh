#!/usr/bin/env bash
# Coverage-guided fuzzing of appxlint with cargo-fuzz (libFuzzer). See docs/fuzzing.md.
#
#   scripts/fuzz.sh                 # every target, 60 s each
#   scripts/fuzz.sh 3600 lint_bytes # one target, an hour
#
# cargo-fuzz needs nightly compiler features; on a stable toolchain RUSTC_BOOTSTRAP=1
# unlocks them. Seeds come from fixtures/ (manifests) and packages made of them. Crashes
# land in fuzz/artifacts/<target>/; reproduce one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -O <target> fuzz/artifacts/<target>/<file>
# Exits 0 with a message, without fuzzing, when cargo-fuzz is not installed or cannot
# build (so that CI can call it as a smoke test).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(lint_bytes package_bytes manifest_set xml_paths)

export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: skipped: cargo-fuzz is not installed (cargo install cargo-fuzz)"
  exit 0
fi

seed() {
  local target="$1" dir="fuzz/corpus/$1"
  mkdir -p "$dir"
  [ -n "$(ls -A "$dir")" ] && return 0
  python3 - "$target" "$dir" <<'PY'
import hashlib, io, os, pathlib, sys, zipfile
target, out = sys.argv[1], pathlib.Path(sys.argv[2])
manifests = sorted(p for base in ("fixtures/rules", "fixtures/examples") for p in pathlib.Path(base).rglob("*") if p.is_file())
def put(data):
    (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
def msix(text):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", b"<Types/>", zipfile.ZIP_DEFLATED)
        z.writestr("AppxManifest.xml", text, zipfile.ZIP_DEFLATED)
        z.writestr("Assets/Logo.png", b"png", zipfile.ZIP_STORED)
    return buf.getvalue()
if target in ("lint_bytes", "xml_paths"):
    for p in manifests:
        put(p.read_bytes())
elif target == "package_bytes":
    for p in manifests[::4]:
        put(msix(p.read_bytes()))
    inner = msix(pathlib.Path("fixtures/examples/fabrikam-tools/AppxManifest.xml").read_bytes())
    listing = ('<Bundle xmlns="http://schemas.microsoft.com/appx/2013/bundle" SchemaVersion="2.0">'
               '<Identity Name="Fabrikam.Tools" Publisher="CN=Fabrikam, O=Fabrikam Inc, C=US" Version="5.1.0.0"/>'
               f'<Packages><Package Type="application" Version="5.1.0.0" Architecture="x64" FileName="A.msix" Offset="1" Size="{len(inner)}"/></Packages></Bundle>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("AppxMetadata/AppxBundleManifest.xml", listing, zipfile.ZIP_DEFLATED)
        z.writestr("A.msix", inner, zipfile.ZIP_STORED)
    put(buf.getvalue())
else:
    sep = b"\x00\x00FILE\x00\x00"
    client = pathlib.Path("fixtures/examples/loopback/client/Package.appxmanifest").read_bytes()
    server = pathlib.Path("fixtures/examples/loopback/server/Package.appxmanifest").read_bytes()
    put(client + sep + server)
    for p in manifests[::6]:
        put(client + sep + p.read_bytes())
PY
}

status=0
for t in "${targets[@]}"; do
  seed "$t"
  if ! (cd fuzz && cargo fuzz build -O "$t" >/dev/null 2>fuzz-build.log); then
    echo "fuzz: skipped: cargo fuzz build failed (see fuzz/fuzz-build.log)"
    exit 0
  fi
  echo "fuzz: $t for ${seconds}s"
  if ! (cd fuzz && cargo fuzz run -O "$t" "corpus/$t" -- -dict=xml.dict -max_total_time="$seconds" \
        -timeout=10 -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 2>"fuzz-$t.log"); then
    echo "fuzz: $t FAILED; the log is fuzz/fuzz-$t.log, the input in fuzz/artifacts/$t/"
    tail -40 "fuzz/fuzz-$t.log"
    status=1
  else
    grep -E "^stat::(number_of_executed_units|peak_rss_mb)|^Done" "fuzz/fuzz-$t.log" | sed "s/^/fuzz: $t: /"
  fi
done
exit $status
