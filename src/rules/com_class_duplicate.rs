//! `com-class-duplicate`: a CLSID declared twice in one package, wherever the two
//! declarations are: `Class` of any server (ExeServer, SurrogateServer, ServiceServer, the
//! com4 servers and top-level com4 classes), `TreatAsClass`, COM `ProxyStub`, and the
//! WinRT `ProxyStub` of `windows.activatableClass.proxyStub`, in the com, com2, com3 and
//! com4 namespaces, at application and package level. CLSIDs compare without case or
//! braces, as COM does.

use super::Ctx;
use super::ipc::{clsid_declaration, guid_key};
use super::util::{owner_description, shorten};
use crate::manifest::{Attr, Manifest};

/// The identity constraints of the schema that this rule reports (a subset of its
/// checks: they compare exact strings within a namespace or an application).
pub const CONSTRAINTS: &[&str] = &[
    "Class_Id",
    "ComServer_Class_IdKey",
    "ComServer_SurrogateServer_Class_IdKey",
    "Class_Or_TreatAsClass_IdKey",
    "Com3_Class_Or_TreatAsClass_IdKey",
    "ProxyStub_IdKey",
];

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let mut seen: std::collections::HashMap<String, Attr<'_>> = std::collections::HashMap::new();
    for el in m.root.descendants() {
        let Some(id) = clsid_declaration(el) else { continue };
        if id.is_placeholder() {
            continue;
        }
        let key = guid_key(id.value());
        if key.is_empty() {
            continue;
        }
        if let Some(first) = seen.get(&key) {
            let first_el = first.owner();
            let here = owner_description(m, el);
            let there = owner_description(m, first_el);
            let place = if here == there { String::new() } else { format!(" in {there}") };
            cx.report(
                id.value_span(),
                format!(
                    "CLSID `{}` of `<{}>` is already declared by `<{}>`{place}",
                    shorten(id.value()),
                    el.qname(),
                    first_el.qname()
                ),
            )
            .label(first.value_span(), "first declared here")
            .help("a CLSID names one class registration in the package: give this class its own GUID, or remove the second registration");
        } else {
            seen.insert(key, id);
        }
    }
}
