//! What the IPC rules share: finding app services, protocols, publisher cache folders,
//! loopback rules and COM registrations in a manifest, and small value helpers.
//!
//! Elements are found where the schema puts them (inside an `Extension` of
//! `Application/Extensions` or `Package/Extensions`) and matched by namespace and local
//! name, never by prefix.

use crate::manifest::{Attr, El, Extension, Family, Manifest, NsId};

/// A `uap:AppService` or `uap3:AppService` with the extension that declares it.
#[derive(Clone, Copy)]
pub struct AppService<'a> {
    pub el: El<'a>,
    pub ext: Extension<'a>,
    pub name: Option<Attr<'a>>,
}

pub fn app_services<'a>(m: &Manifest<'a>) -> Vec<AppService<'a>> {
    let mut out = Vec::new();
    for ext in m.extensions() {
        for c in ext.el.children() {
            if c.is(NsId::UAP, "AppService") || c.is(NsId::UAP3, "AppService") {
                out.push(AppService { el: c, ext: *ext, name: c.attr("Name") });
            }
        }
    }
    out
}

/// A `uap:Protocol`, `uap3:Protocol` or `uap10:Protocol`.
#[derive(Clone, Copy)]
pub struct Protocol<'a> {
    pub el: El<'a>,
    pub name: Option<Attr<'a>>,
}

impl Protocol<'_> {
    /// `uap10:Protocol` names are 2 to 2048 characters with no pattern; the older ones
    /// follow `ST_Protocol_2010_v2`.
    pub fn is_uap10(&self) -> bool {
        self.el.ns() == NsId::UAP10
    }
}

pub fn protocols<'a>(m: &Manifest<'a>) -> Vec<Protocol<'a>> {
    let mut out = Vec::new();
    for ext in m.extensions() {
        for c in ext.el.children() {
            if c.is(NsId::UAP, "Protocol") || c.is(NsId::UAP3, "Protocol") || c.is(NsId::UAP10, "Protocol") {
                out.push(Protocol { el: c, name: c.attr("Name") });
            }
        }
    }
    out
}

/// Every `PublisherCacheFolders` element inside an extension, wherever the extension is.
pub fn publisher_cache_folders<'a>(m: &Manifest<'a>) -> Vec<El<'a>> {
    m.extensions().flat_map(|e| e.el.children_named(NsId::FOUNDATION, "PublisherCacheFolders")).collect()
}

/// Every `uap4:Rule` of a `uap4:LoopbackAccessRules`.
pub fn loopback_rules<'a>(m: &Manifest<'a>) -> impl Iterator<Item = El<'a>> + use<'a> {
    m.root
        .descendants()
        .filter(|el| el.is(NsId::UAP4, "Rule") && el.parent().is_some_and(|p| p.is(NsId::UAP4, "LoopbackAccessRules")))
}

/// True for elements of the packaged COM namespaces (`com`, `com2` ... `com5`).
pub fn is_com(el: El<'_>) -> bool {
    el.ns().in_family(Family::Com)
}

/// The attribute that declares a CLSID on this element, when the element declares one:
/// `Class` (in any server, or at the top of a com4 `ComServer`), `TreatAsClass` and
/// `ProxyStub` of the COM namespaces (`Id`), and the WinRT proxy stub of
/// `windows.activatableClass.proxyStub` (`ClassId`). `com4:ClassReference` refers to a
/// class declared elsewhere and declares nothing.
pub fn clsid_declaration<'a>(el: El<'a>) -> Option<Attr<'a>> {
    if is_com(el) && matches!(el.local(), "Class" | "TreatAsClass" | "ProxyStub") {
        return el.attr("Id");
    }
    if el.is(NsId::FOUNDATION, "ProxyStub") && el.parent().is_some_and(|p| p.is(NsId::FOUNDATION, "Extension")) {
        return el.attr("ClassId");
    }
    None
}

/// A GUID as COM compares it: without braces or surrounding whitespace, in lower case.
pub fn guid_key(value: &str) -> String {
    let v = value.trim();
    let v = v.strip_prefix('{').and_then(|v| v.strip_suffix('}')).unwrap_or(v);
    v.to_ascii_lowercase()
}

/// `value` without the whitespace XML Schema knows (`\s`: space, tab, line feed, carriage
/// return) at its ends: what `ST_NonEmptyString` forbids there. Other spaces (U+00A0...)
/// are characters like any other for the schema.
pub fn xsd_trim(value: &str) -> &str {
    value.trim_matches([' ', '\t', '\n', '\r'])
}

/// The first character of `value` outside `allowed`.
pub fn first_bad_char(value: &str, allowed: impl Fn(char) -> bool) -> Option<char> {
    value.chars().find(|c| !allowed(*c))
}

/// A character for a message: `_`, or a description for whitespace and controls.
pub fn show_char(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '\t' => "a tab".to_string(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        c => format!("`{c}`"),
    }
}

/// True when the extension, or the application it inherits from, runs a desktop (Win32)
/// process rather than a UWP app: `EntryPoint="Windows.FullTrustApplication"` or
/// `"Windows.PartialTrustApplication"`, or `uap10:RuntimeBehavior` `packagedClassicApp`
/// or `win32App` (element-application.md, "Combinations of activation info attributes").
/// `None` when the activation info holds a build placeholder or says nothing.
pub fn runs_desktop_process(m: &Manifest<'_>, ext: &Extension<'_>) -> Option<bool> {
    let app = ext.app.and_then(|i| m.applications.get(i))?;
    let behavior = ext.el.attr_ns(NsId::UAP10, "RuntimeBehavior").or(app.runtime_behavior);
    let entry = ext.entry_point().or(app.entry_point);
    if behavior.is_some_and(|a| a.is_placeholder()) || entry.is_some_and(|a| a.is_placeholder()) {
        return None;
    }
    if let Some(b) = behavior {
        return Some(matches!(b.value().trim(), "packagedClassicApp" | "win32App"));
    }
    let e = entry?.value().trim();
    Some(
        e.eq_ignore_ascii_case("windows.fullTrustApplication")
            || e.eq_ignore_ascii_case("windows.partialTrustApplication"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_keys_ignore_braces_and_case() {
        assert_eq!(guid_key("{ABCDEF01-2345-6789-ABCD-EF0123456789}"), "abcdef01-2345-6789-abcd-ef0123456789");
        assert_eq!(guid_key(" abcdef01-2345-6789-abcd-ef0123456789 "), "abcdef01-2345-6789-abcd-ef0123456789");
    }

    #[test]
    fn characters_are_shown_readably() {
        assert_eq!(show_char(' '), "a space");
        assert_eq!(show_char('_'), "`_`");
        assert_eq!(show_char('\u{1}'), "the control character U+0001");
        assert_eq!(xsd_trim(" a\t"), "a");
        assert_eq!(xsd_trim("a\u{a0}"), "a\u{a0}");
    }
}
