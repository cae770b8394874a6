//! `oop-server-structure`: the children and switches of an out-of-process server.
//!
//! Schema (`CT_OutOfProcessServer` in UapManifestSchema_v5.xsd and
//! FoundationManifestSchema.xsd): `Path`, optional `Arguments`, `Instancing`, then one or
//! more `ActivatableClass`, all in the server's own namespace.

use super::Ctx;
use super::oop_server::{display, run_full_trust, servers};
use crate::manifest::{El, Manifest};

const ORDER: [&str; 4] = ["Path", "Arguments", "Instancing", "ActivatableClass"];

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for server in servers(m) {
        check_children(m, server, cx);
        if let Some(attr) = run_full_trust(server)
            && attr.as_bool().is_none()
            && !attr.is_placeholder()
        {
            cx.report(attr.value_span(), format!("{}=\"{}\" is not a boolean", attr.qname(), attr.value()))
                .help("write \"true\" or \"false\"");
        }
    }
}

fn check_children(m: &Manifest<'_>, server: El<'_>, cx: &mut Ctx<'_>) {
    let ns = server.ns();
    let name = display(server);
    let prefix = server.qname().strip_suffix("OutOfProcessServer").unwrap_or("");
    let mut last_rank = 0usize;
    let mut last_el: Option<El<'_>> = None;
    let mut seen: [Option<El<'_>>; 4] = [None; 4];
    for child in server.children() {
        if child.ns() != ns {
            // Elements of namespaces listed in IgnorableNamespaces that appxlint does not
            // know are removed before validation, as MakeAppx does.
            if m.is_ignorable(child.ns()) && !child.ns().is_known() {
                continue;
            }
            cx.report(child.name_span(), format!("`<{}>` is not allowed in {name}", child.qname())).help(format!(
                "its children are {prefix}Path, {prefix}Arguments, {prefix}Instancing and {prefix}ActivatableClass"
            ));
            continue;
        }
        let Some(rank) = ORDER.iter().position(|n| *n == child.local()) else {
            cx.report(child.name_span(), format!("`<{}>` is not allowed in {name}", child.qname())).help(format!(
                "its children are {prefix}Path, {prefix}Arguments, {prefix}Instancing and {prefix}ActivatableClass"
            ));
            continue;
        };
        if rank < 3
            && let Some(first) = seen[rank]
        {
            cx.report(child.name_span(), format!("{name} declares `{}` twice", child.qname()))
                .label(first.name_span(), "first declared here")
                .help("keep one");
            continue;
        }
        if rank < last_rank {
            let prev = last_el.map(|e| e.qname().to_string()).unwrap_or_default();
            cx.report(child.name_span(), format!("`<{}>` must come before `<{prev}>`", child.qname()))
                .help(format!("order the children {prefix}Path, {prefix}Arguments (optional), {prefix}Instancing, then {prefix}ActivatableClass"));
        } else {
            last_rank = rank;
            last_el = Some(child);
        }
        if seen[rank].is_none() {
            seen[rank] = Some(child);
        }
        match rank {
            0 => check_path(child, cx),
            2 => check_instancing(child, cx),
            _ => {}
        }
    }
    for (rank, what) in [(0, "Path"), (2, "Instancing")] {
        if seen[rank].is_none() {
            let help = if rank == 0 {
                format!(
                    "add <{prefix}Path>Server.exe</{prefix}Path> naming the server's executable, as the first child"
                )
            } else {
                format!(
                    "add <{prefix}Instancing>singleInstance</{prefix}Instancing> (or multipleInstances) before the classes"
                )
            };
            cx.report(server.name_span(), format!("{name} has no `{prefix}{what}`")).help(help);
        }
    }
}

fn check_path(path: El<'_>, cx: &mut Ctx<'_>) {
    let Some((value, span)) = path.text() else {
        cx.report(path.name_span(), "the server's Path is empty")
            .help("name the executable, relative to the package root, for example Server.exe");
        return;
    };
    if crate::manifest::placeholder::contains(&value) {
        return;
    }
    let trimmed = value.trim();
    if trimmed.is_empty() {
        cx.report(path.name_span(), "the server's Path is empty")
            .help("name the executable, relative to the package root, for example Server.exe");
    } else if trimmed.len() != value.len() {
        cx.report(span, "the server's Path has whitespace around it")
            .help(format!("write <{0}>{trimmed}</{0}>", path.qname()));
    } else if !trimmed.to_ascii_lowercase().ends_with(".exe") || trimmed.len() < 5 {
        cx.report(span, format!("the server's Path `{trimmed}` does not name an .exe"))
            .help("an out-of-process server is an executable; give its path ending in .exe");
    }
}

fn check_instancing(inst: El<'_>, cx: &mut Ctx<'_>) {
    let (value, span) = inst.text().map(|(v, s)| (v.into_owned(), s)).unwrap_or((String::new(), inst.name_span()));
    if crate::manifest::placeholder::contains(&value)
        || matches!(value.as_str(), "singleInstance" | "multipleInstances")
    {
        return;
    }
    let trimmed = value.trim();
    let message = if matches!(trimmed, "singleInstance" | "multipleInstances") {
        format!("Instancing `{trimmed}` has whitespace around it; the schema compares the exact text")
    } else if trimmed.eq_ignore_ascii_case("singleInstance") || trimmed.eq_ignore_ascii_case("multipleInstances") {
        format!("Instancing `{trimmed}` has the wrong case")
    } else if trimmed.is_empty() {
        "Instancing is empty".to_string()
    } else {
        format!("Instancing `{trimmed}` is not singleInstance or multipleInstances")
    };
    cx.report(span, message)
        .help(format!("write <{0}>singleInstance</{0}> or <{0}>multipleInstances</{0}>", inst.qname()));
}
