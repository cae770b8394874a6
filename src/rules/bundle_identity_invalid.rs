//! `bundle-identity-invalid`: a bundle manifest's `<Identity>` is missing, or its `Name`,
//! `Publisher` or `Version` is missing or malformed.

use super::Ctx;
use crate::manifest::identity::package_name_problem;
use crate::manifest::{Kind, Manifest, Version};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    if m.kind != Kind::Bundle {
        return;
    }
    let Some(id) = &m.identity else {
        cx.report(m.root.name_span(), "the bundle manifest has no `<Identity>`, so the bundle has no name").help(
            "add <Identity Name=\"...\" Publisher=\"CN=...\" Version=\"1.0.0.0\"/> as the first child of <Bundle>",
        );
        return;
    };
    let el = id.el;
    let required = [("Name", id.name), ("Publisher", id.publisher), ("Version", id.version)];
    for (attr, value) in required {
        let Some(a) = value else {
            cx.report(el.name_span(), format!("the bundle's `<Identity>` has no `{attr}`"))
                .help("the bundle's Name and Publisher are those of the packages it holds; its Version is its own");
            continue;
        };
        if a.is_placeholder() {
            continue;
        }
        let v = a.value().trim();
        let problem = match attr {
            "Name" => package_name_problem(v),
            "Version" => Version::problem(v),
            _ if v.is_empty() => Some("the publisher is empty".to_string()),
            _ => None,
        };
        if let Some(p) = problem {
            cx.report(a.value_span(), format!("the bundle's `{attr}` is invalid: {p}")).help(match attr {
                "Version" => "write four decimal parts from 0 to 65535, such as 1.0.0.0",
                "Name" => "use 3 to 50 letters, digits, `.` and `-`, the name of the packages in the bundle",
                _ => "write the publisher distinguished name of the packages' signing certificate, such as CN=Contoso",
            });
        }
    }
}
