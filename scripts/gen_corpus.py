#!/usr/bin/env python3
"""Writes a synthetic corpus of package manifests for the benchmark (scripts/bench.sh).

    python3 scripts/gen_corpus.py --out target/bench-corpus --count 10000 --seed 1

Layout:
    OUT/lint/          what appxlint lints: loose manifests in project-like folders, and
                       packages (.msix) and bundles (.msixbundle) holding the others
    OUT/xmllint.txt    the same manifests as files xmllint can read: the loose ones, plus
                       a copy of every manifest inside a package (OUT/extracted/)
    OUT/summary.json   counts and sizes

Manifests are 2-60 KB (most 5-25 KB), with one to many applications, extensions, file
type associations and capabilities, 6-14 namespaces, in UTF-8 (some with a byte order
mark or CRLF line ends) and UTF-16. About 3% have a finding; the rest are clean. The
output depends on --count and --seed only.
"""

import argparse
import io
import json
import os
import random
import re
import shutil
import zipfile

FOUNDATION = "http://schemas.microsoft.com/appx/manifest/foundation/windows10"
NAMESPACES = [
    ("uap", "http://schemas.microsoft.com/appx/manifest/uap/windows10"),
    ("uap2", "http://schemas.microsoft.com/appx/manifest/uap/windows10/2"),
    ("uap3", "http://schemas.microsoft.com/appx/manifest/uap/windows10/3"),
    ("uap4", "http://schemas.microsoft.com/appx/manifest/uap/windows10/4"),
    ("uap5", "http://schemas.microsoft.com/appx/manifest/uap/windows10/5"),
    ("uap6", "http://schemas.microsoft.com/appx/manifest/uap/windows10/6"),
    ("desktop", "http://schemas.microsoft.com/appx/manifest/desktop/windows10"),
    ("desktop2", "http://schemas.microsoft.com/appx/manifest/desktop/windows10/2"),
    ("com", "http://schemas.microsoft.com/appx/manifest/com/windows10"),
    ("rescap", "http://schemas.microsoft.com/appx/manifest/foundation/windows10/restrictedcapabilities"),
    ("mp", "http://schemas.microsoft.com/appx/2014/phone/manifest"),
]
WORDS = "alpha beta gamma delta photo video audio note sketch chart grid canvas ledger atlas vault relay".split()
CAPS = ["internetClient", "internetClientServer", "privateNetworkClientServer"]
UAP_CAPS = ["picturesLibrary", "videosLibrary", "musicLibrary", "removableStorage", "userAccountInformation"]
DEVICE_CAPS = ["location", "microphone", "webcam", "bluetooth", "proximity"]


def word(rng):
    return rng.choice(WORDS)


def app(rng, i, full_trust, with_com):
    name = f"{word(rng).title()}{i}"
    entry = "Windows.FullTrustApplication" if full_trust else f"{name}.App"
    out = [
        f'    <Application Id="{name}" Executable="{name}.exe" EntryPoint="{entry}">',
        f'      <uap:VisualElements DisplayName="{name} {word(rng)}" Description="The {word(rng)} {word(rng)} app for {word(rng)} work"',
        '        BackgroundColor="transparent" Square150x150Logo="Assets\\Square150x150Logo.png" Square44x44Logo="Assets\\Square44x44Logo.png">',
        '        <uap:DefaultTile Wide310x150Logo="Assets\\Wide310x150Logo.png" Square71x71Logo="Assets\\SmallTile.png"/>',
        '        <uap:SplashScreen Image="Assets\\SplashScreen.png"/>',
        "      </uap:VisualElements>",
        "      <Extensions>",
    ]
    for p in range(rng.randint(0, 2)):
        out += [
            '        <uap:Extension Category="windows.protocol">',
            f'          <uap:Protocol Name="{name.lower()}-{p}">',
            f"            <uap:DisplayName>{name} link {p}</uap:DisplayName>",
            "          </uap:Protocol>",
            "        </uap:Extension>",
        ]
    types = rng.randint(1, 40)
    out += [
        '        <uap:Extension Category="windows.fileTypeAssociation">',
        f'          <uap:FileTypeAssociation Name="{name.lower()}files">',
        f"            <uap:DisplayName>{name} documents</uap:DisplayName>",
        "            <uap:SupportedFileTypes>",
    ]
    for t in range(types):
        # Unique in the package (the schema's Extension_FileType key spans applications).
        out.append(f'              <uap:FileType ContentType="application/x-{word(rng)}">.{name.lower()}{t}</uap:FileType>')
    out += ["            </uap:SupportedFileTypes>", "          </uap:FileTypeAssociation>", "        </uap:Extension>"]
    if full_trust:
        out += [
            '        <uap3:Extension Category="windows.appExecutionAlias" Executable="{0}.exe" EntryPoint="Windows.FullTrustApplication">'.format(name),
            "          <uap3:AppExecutionAlias>",
            f'            <desktop:ExecutionAlias Alias="{name.lower()}.exe"/>',
            "          </uap3:AppExecutionAlias>",
            "        </uap3:Extension>",
            f'        <desktop:Extension Category="windows.fullTrustProcess" Executable="{name}Helper.exe"/>',
        ]
    if with_com:
        out += [
            '        <com:Extension Category="windows.comServer">',
            "          <com:ComServer>",
            f'            <com:ExeServer Executable="{name}Server.exe" DisplayName="{name} server">',
            f'              <com:Class Id="{rng.randrange(16**8):08x}-{rng.randrange(16**4):04x}-4{rng.randrange(16**3):03x}-8{rng.randrange(16**3):03x}-{rng.randrange(16**12):012x}" DisplayName="{name} class"/>',
            "            </com:ExeServer>",
            "          </com:ComServer>",
            "        </com:Extension>",
        ]
    out += ["      </Extensions>", "    </Application>"]
    return out


def manifest(rng, i, target, defect):
    full_trust = rng.random() < 0.6
    with_com = full_trust and rng.random() < 0.3
    ns = [n for n in NAMESPACES if n[0] in ("uap", "uap3", "desktop", "com", "rescap")]
    ns += rng.sample([n for n in NAMESPACES if n not in ns], rng.randint(1, len(NAMESPACES) - len(ns)))
    name = f"Contoso.{word(rng).title()}{i}"
    head = ['<?xml version="1.0" encoding="utf-8"?>', "<Package", f'  xmlns="{FOUNDATION}"']
    head += [f'  xmlns:{p}="{u}"' for p, u in ns]
    head += ['  IgnorableNamespaces="{}">'.format(" ".join(p for p, _ in ns)), ""]
    body = [
        f'  <Identity Name="{name}" Publisher="CN=Contoso {i % 97}, O=Contoso Ltd, C=US" Version="{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 999)}.0" ProcessorArchitecture="{rng.choice(["x64", "x86", "arm64", "neutral"])}"/>',
        "",
        "  <Properties>",
        f"    <DisplayName>{name}</DisplayName>",
        "    <PublisherDisplayName>Contoso Ltd</PublisherDisplayName>",
        "    <Logo>Assets\\StoreLogo.png</Logo>",
        "  </Properties>",
        "",
        "  <Dependencies>",
        '    <TargetDeviceFamily Name="Windows.Desktop" MinVersion="10.0.19041.0" MaxVersionTested="10.0.22621.0"/>',
        "  </Dependencies>",
        "",
        "  <Resources>",
    ]
    body += [f'    <Resource Language="{lang}"/>' for lang in rng.sample(["en-us", "de-de", "fr-fr", "ja-jp", "pt-br", "ko-kr"], rng.randint(1, 4))]
    body += ["  </Resources>", "", "  <Applications>"]
    apps = []
    k = 0
    size = sum(len(l) + 1 for l in head + body) + 600
    while True:
        a = app(rng, k, full_trust, with_com and k == 0)
        apps += a
        size += sum(len(l) + 1 for l in a)
        k += 1
        if size >= target:
            break
    caps = ["  </Applications>", "", "  <Capabilities>"]
    caps += [f'    <Capability Name="{c}"/>' for c in rng.sample(CAPS, rng.randint(1, 3))]
    caps += [f'    <uap:Capability Name="{c}"/>' for c in rng.sample(UAP_CAPS, rng.randint(0, 3))]
    if full_trust and not defect:
        caps.append('    <rescap:Capability Name="runFullTrust"/>')
    if not full_trust and defect:
        caps.append('    <rescap:Capability Name="runFullTrust"/>')
    caps += [f'    <DeviceCapability Name="{c}"/>' for c in rng.sample(DEVICE_CAPS, rng.randint(0, 2))]
    caps += ["  </Capabilities>", "</Package>", ""]
    if defect and not full_trust:
        # A full-trust process without runFullTrust, in the first application.
        apps.insert(apps.index("      <Extensions>") + 1, '        <desktop:Extension Category="windows.fullTrustProcess" Executable="Helper.exe"/>')
        caps.remove('    <rescap:Capability Name="runFullTrust"/>')
    return "\n".join(head + body + apps + caps)


def encode(rng, text):
    r = rng.random()
    if r < 0.05:
        return b"\xff\xfe" + text.replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16-le"), "utf-16le"
    if r < 0.15:
        return text.replace("\n", "\r\n").encode(), "crlf"
    if r < 0.25:
        return b"\xef\xbb\xbf" + text.encode(), "bom"
    return text.encode(), "utf-8"


def package(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", b'<?xml version="1.0" encoding="UTF-8"?><Types/>', zipfile.ZIP_DEFLATED)
        for name, data, method in files:
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, method)
        z.writestr("AppxBlockMap.xml", b"<BlockMap/>", zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    out = args.out
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "lint"))
    os.makedirs(os.path.join(out, "extracted"))
    xmllint = []
    stats = {"manifests": 0, "bytes": 0, "loose": 0, "in_packages": 0, "packages": 0, "bundles": 0, "with_findings": 0, "encodings": {}}
    i = 0
    while i < args.count:
        # Sizes: log-uniform-ish between 2 and 60 KB, most between 5 and 25 KB.
        target = int(min(60_000, max(2_000, rng.lognormvariate(9.4, 0.6))))
        defect = rng.random() < 0.03
        text = manifest(rng, i, target, defect)
        data, enc = encode(rng, text)
        stats["manifests"] += 1
        stats["bytes"] += len(data)
        stats["with_findings"] += int(defect)
        stats["encodings"][enc] = stats["encodings"].get(enc, 0) + 1
        kind = rng.random()
        project = f"{word(rng)}-{i // 100:03d}"
        if kind < 0.10 and i + 1 < args.count:
            # A package, and now and then a bundle of two.
            ext = os.path.join(out, "extracted", f"{i:05d}.xml")
            with open(ext, "wb") as f:
                f.write(data)
            xmllint.append(ext)
            logo = bytes(rng.randrange(256) for _ in range(512))
            pkg = package([("AppxManifest.xml", data, zipfile.ZIP_DEFLATED), ("Assets/StoreLogo.png", logo, zipfile.ZIP_STORED)])
            stats["in_packages"] += 1
            if kind < 0.02:
                # A bundle of two packages of one app, for two architectures.
                i += 1
                ident = dict(re.findall(r'(Name|Publisher|Version|ProcessorArchitecture)="([^"]*)"', text.split("<Identity", 1)[1].split("/>", 1)[0]))
                other = "x86" if ident["ProcessorArchitecture"] != "x86" else "arm64"
                text2 = text.replace(f'ProcessorArchitecture="{ident["ProcessorArchitecture"]}"', f'ProcessorArchitecture="{other}"', 1)
                data2 = text2.encode()
                ext2 = os.path.join(out, "extracted", f"{i:05d}.xml")
                with open(ext2, "wb") as f:
                    f.write(data2)
                xmllint.append(ext2)
                stats["manifests"] += 1
                stats["bytes"] += len(data2)
                stats["in_packages"] += 1
                pkg2 = package([("AppxManifest.xml", data2, zipfile.ZIP_DEFLATED)])
                listing = (
                    '<?xml version="1.0" encoding="UTF-8"?>\n<Bundle xmlns="http://schemas.microsoft.com/appx/2013/bundle" SchemaVersion="2.0">\n'
                    f'  <Identity Name="{ident["Name"]}" Publisher="{ident["Publisher"]}" Version="1.0.0.0"/>\n  <Packages>\n'
                    f'    <Package Type="application" Version="{ident["Version"]}" Architecture="{ident["ProcessorArchitecture"]}" FileName="One.msix" Offset="100" Size="{len(pkg)}"/>\n'
                    f'    <Package Type="application" Version="{ident["Version"]}" Architecture="{other}" FileName="Two.msix" Offset="200" Size="{len(pkg2)}"/>\n'
                    "  </Packages>\n</Bundle>\n"
                )
                bundle = package([("AppxMetadata/AppxBundleManifest.xml", listing.encode(), zipfile.ZIP_DEFLATED), ("One.msix", pkg, zipfile.ZIP_STORED), ("Two.msix", pkg2, zipfile.ZIP_STORED)])
                path = os.path.join(out, "lint", project, "AppPackages", f"App{i}.msixbundle")
                stats["bundles"] += 1
                blob = bundle
            else:
                path = os.path.join(out, "lint", project, "AppPackages", f"App{i}.msix")
                stats["packages"] += 1
                blob = pkg
        else:
            name = rng.choice(["Package.appxmanifest", "AppxManifest.xml"])
            path = os.path.join(out, "lint", project, f"App{i:05d}", name)
            blob = data
            xmllint.append(path)
            stats["loose"] += 1
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(blob)
        i += 1
    with open(os.path.join(out, "xmllint.txt"), "w") as f:
        f.write("\n".join(os.path.abspath(p) for p in xmllint) + "\n")
    stats["count"] = args.count
    stats["seed"] = args.seed
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(stats, f, indent=2)
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
