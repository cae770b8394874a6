//! `protocol-duplicate`: a protocol (URI scheme) name declared twice in one package, in any
//! application and any of the `uap`, `uap3` and `uap10` forms. URI schemes compare without
//! case (RFC 3986, section 3.1).

use super::Ctx;
use super::ipc::protocols;
use super::util::{owner_description, shorten};
use crate::manifest::Manifest;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let all: Vec<_> = protocols(m).into_iter().filter(|p| p.name.is_some_and(|n| !n.is_placeholder())).collect();
    // Names compare without case.
    let keys = all.iter().map(|x| {
        let value = x.name.expect("filtered on names").value().trim();
        (!value.is_empty()).then(|| value.to_ascii_lowercase())
    });
    for (i, at) in super::util::repeats(keys) {
        let p = &all[i];
        let name = p.name.expect("filtered on names");
        let value = name.value().trim();
        let first = &all[at];
        let first_name = first.name.expect("filtered on names");
        let here = owner_description(m, p.el);
        let there = owner_description(m, first.el);
        let place = if here == there { String::new() } else { format!(" (first in {there})") };
        let how = if first_name.value().trim() == value {
            String::new()
        } else {
            format!(", as `{}` and `{}` (schemes ignore case)", shorten(first_name.value().trim()), shorten(value))
        };
        cx.report(
            name.value_span(),
            format!("the protocol `{}` is declared twice in the package{how}{place}", shorten(value)),
        )
        .label(first_name.value_span(), "first declared here")
        .help("a protocol name must be unique in the package: remove one declaration, or give it another scheme");
    }
}
