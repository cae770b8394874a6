//! `com-progid-reference`: the ProgId and class references of a COM `ComServer` agree
//! (MakeAppx errors 202 to 206, and the `com:ProgId` page):
//!
//! - a `ProgId` has exactly one of `Clsid` and `CurrentVersion`, and its `CurrentVersion`
//!   is not its own `Id` (204);
//! - the `ProgId` a class names has the class's `Id` as its `Clsid` (202);
//! - the `VersionIndependentProgId` a class names leads, through `CurrentVersion`, to a
//!   `ProgId` whose `Clsid` is the class (203);
//! - `AutoConvertTo` does not name the class itself (205);
//! - a class with `InsertableObject` has a `ProgId` (206).
//!
//! References are resolved within the `ComServer`, as the schema's keys are. A name that
//! resolves to nothing, and a `Clsid` naming no class, are `schema-dangling-reference`'s.

use super::Ctx;
use super::ipc::{guid_key, is_com};
use super::util::shorten;
use crate::manifest::{Attr, El, Manifest, NsId};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for server in m.root.descendants().filter(|e| is_com(*e) && e.local() == "ComServer") {
        let progids: Vec<El<'_>> = server.children().filter(|c| is_com(*c) && c.local() == "ProgId").collect();
        for p in &progids {
            check_progid(*p, cx);
        }
        let classes: Vec<El<'_>> =
            server.descendants().filter(|e| is_com(*e) && matches!(e.local(), "Class" | "TreatAsClass")).collect();
        let ids: Vec<String> = classes.iter().filter_map(|c| c.attr("Id")).map(|a| guid_key(a.value())).collect();
        for class in &classes {
            check_class(*class, &progids, &ids, cx);
        }
    }
}

fn usable(a: Option<Attr<'_>>) -> Option<Attr<'_>> {
    a.filter(|a| !a.is_placeholder())
}

fn check_progid(p: El<'_>, cx: &mut Ctx<'_>) {
    let id = usable(p.attr("Id"));
    let clsid = p.attr("Clsid");
    let current = p.attr("CurrentVersion");
    let name = id.map(|a| format!("ProgId `{}`", shorten(a.value()))).unwrap_or_else(|| "the ProgId".into());
    match (clsid, current) {
        (Some(c), Some(v)) => {
            cx.report(v.name_span(), format!("{name} declares both Clsid and CurrentVersion, which are mutually exclusive"))
                .label(c.name_span(), "Clsid here")
                .help("a version-dependent ProgId (`Contoso.Document.1`) names its class with Clsid; a version-independent one (`Contoso.Document`) names its current version with CurrentVersion: keep one");
        }
        (None, None) => {
            cx.report(p.name_span(), format!("{name} declares neither Clsid nor CurrentVersion"))
                .help("give a version-dependent ProgId Clsid=\"<the class's Id>\", or a version-independent one CurrentVersion=\"<the versioned ProgId>\"");
        }
        _ => {}
    }
    if let (Some(id), Some(v)) = (id, usable(current))
        && v.value().trim().eq_ignore_ascii_case(id.value().trim())
    {
        cx.report(v.value_span(), format!("{name} names itself as its CurrentVersion"))
            .help("CurrentVersion names the versioned ProgId (`Contoso.Document.1`) that this version-independent ProgId stands for");
    }
}

fn find<'a>(progids: &[El<'a>], id: &str) -> Option<El<'a>> {
    progids.iter().copied().find(|p| p.attr("Id").is_some_and(|a| a.value().trim() == id))
}

fn check_class(class: El<'_>, progids: &[El<'_>], ids: &[String], cx: &mut Ctx<'_>) {
    let Some(id) = usable(class.attr("Id")) else { return };
    let key = guid_key(id.value());
    let what = format!("class `{}`", shorten(id.value()));

    // 205: AutoConvertTo names another class.
    if let Some(conv) = usable(class.attr("AutoConvertTo"))
        && guid_key(conv.value()) == key
    {
        cx.report(conv.value_span(), format!("AutoConvertTo of {what} names the class itself")).help(
            "AutoConvertTo names the class that objects of this class convert to; remove it, or name the newer class",
        );
    }
    if class.local() == "TreatAsClass" {
        return;
    }

    // 206: an insertable object has a ProgId.
    let progid = class.attr("ProgId");
    if let Some(ins) = class.attr("InsertableObject")
        && progid.is_none()
    {
        cx.report(ins.name_span(), format!("{what} declares InsertableObject but no ProgId"))
            .help("an insertable object is found by its ProgId: add ProgId=\"Company.Document.1\" (and the matching <ProgId> element), or remove InsertableObject");
    }

    // A Clsid naming no class of the ComServer is `schema-dangling-reference`'s (the com
    // and com3 schemas key it); com4 has no such key, so there it counts as another class.
    let names_other_class = |c: Attr<'_>| {
        let k = guid_key(c.value());
        k != key && (ids.contains(&k) || c.owner().ns() == NsId::COM4)
    };

    // 202: the class's ProgId names this class.
    if let Some(pa) = usable(progid)
        && let Some(p) = find(progids, pa.value().trim())
    {
        match p.attr("Clsid") {
            Some(c) if !c.is_placeholder() && names_other_class(c) => {
                cx.report(pa.value_span(), format!("the ProgId `{}` of {what} names another class, `{}`", shorten(pa.value()), shorten(c.value())))
                    .label(c.value_span(), "its Clsid")
                    .help("a class's ProgId is the version-dependent ProgId whose Clsid is the class: fix the Clsid of the <ProgId>, or name the right ProgId");
            }
            None if p.attr("CurrentVersion").is_some() => {
                cx.report(pa.value_span(), format!("the ProgId `{}` of {what} is a version-independent ProgId (it has CurrentVersion, not Clsid)", shorten(pa.value())))
                    .label(p.name_span(), "the ProgId")
                    .help("name the versioned ProgId (the one with Clsid) in ProgId, and this one in VersionIndependentProgId");
            }
            _ => {}
        }
    }

    // 203: the version-independent ProgId resolves to this class.
    if let Some(va) = usable(class.attr("VersionIndependentProgId")) {
        let mut chain: Vec<El<'_>> = Vec::new();
        let mut next = va.value().trim().to_string();
        // A name that resolves to nothing ends the walk: that is the schema's to report.
        while let Some(p) = find(progids, &next) {
            if chain.iter().any(|c| c.id == p.id) {
                if chain.len() == 1 {
                    break; // a ProgId naming itself: reported on the ProgId
                }
                let names: Vec<&str> = chain.iter().filter_map(|c| c.attr("Id").map(|a| a.value())).collect();
                cx.report(va.value_span(), format!("the VersionIndependentProgId `{}` of {what} never resolves: CurrentVersion goes round in a circle ({} -> {next})", shorten(va.value()), names.join(" -> ")))
                    .help("end the chain at a versioned ProgId whose Clsid is the class");
                break;
            }
            chain.push(p);
            if let Some(c) = p.attr("Clsid") {
                if !c.is_placeholder() && names_other_class(c) {
                    cx.report(va.value_span(), format!("the VersionIndependentProgId `{}` of {what} resolves to ProgId `{}`, whose Clsid is another class, `{}`", shorten(va.value()), shorten(&next), shorten(c.value())))
                        .label(c.value_span(), "its Clsid")
                        .help("the version-independent ProgId's CurrentVersion names the versioned ProgId of this class, whose Clsid is the class's Id");
                }
                break;
            }
            match usable(p.attr("CurrentVersion")) {
                Some(v) => next = v.value().trim().to_string(),
                None => break,
            }
        }
    }
}
