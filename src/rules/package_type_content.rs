//! `package-type-content`: what framework, resource and optional packages may not hold
//! (microsoft/msix-packaging `AppxManifestValidation`, MakeAppx 139, 141, 158).

use super::Ctx;
use crate::manifest::{Family, Manifest, NsId};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let Some(props) = m.properties else { return };
    let flag = |local: &str| {
        props
            .children()
            .find(|c| c.ns() == NsId::FOUNDATION && c.local() == local)
            .filter(|c| c.text().is_some_and(|(t, _)| matches!(t.trim(), "true" | "1")))
    };
    let framework = flag("Framework");
    let resource = flag("ResourcePackage");
    let main_dep = m
        .dependencies
        .and_then(|d| d.children().find(|c| c.local() == "MainPackageDependency" && c.ns().in_family(Family::Uap)));
    if let (Some(f), Some(r)) = (framework, resource) {
        cx.report(r.name_span(), "the package is marked both Framework and ResourcePackage")
            .label(f.name_span(), "Framework")
            .help("a package is a framework, a resource package, or neither");
    }
    let root_child = |local: &str| m.root.children().find(|c| c.is(NsId::FOUNDATION, local));
    if let Some(f) = framework {
        for local in ["Applications", "Capabilities"] {
            if let Some(c) = root_child(local) {
                cx.report(c.name_span(), format!("a framework package cannot contain <{local}>"))
                    .label(f.name_span(), "Framework is true here")
                    .help(format!("remove <{local}>: frameworks provide code to other packages, they have no applications or capabilities of their own"));
            }
        }
    }
    if let Some(r) = resource {
        for local in ["Applications", "Capabilities", "Extensions"] {
            if let Some(c) = root_child(local) {
                cx.report(c.name_span(), format!("a resource package cannot contain <{local}>"))
                    .label(r.name_span(), "ResourcePackage is true here")
                    .help(format!("remove <{local}>: a resource package only carries resources for its main package"));
            }
        }
        if let Some(deps) = m.dependencies {
            for d in deps.children().filter(|c| matches!(c.local(), "PackageDependency" | "MainPackageDependency")) {
                cx.report(d.name_span(), format!("a resource package cannot declare <{}>", d.qname()))
                    .label(r.name_span(), "ResourcePackage is true here")
                    .help("remove the dependency");
            }
        }
        if let Some(arch) = m.identity.as_ref().and_then(|i| i.architecture) {
            cx.report(arch.span(), "a resource package cannot declare ProcessorArchitecture")
                .label(r.name_span(), "ResourcePackage is true here")
                .help("remove ProcessorArchitecture from <Identity>");
        }
    }
    if let Some(md) = main_dep {
        if let Some(fr) = framework.or(resource) {
            cx.report(
                md.name_span(),
                "an optional package (with MainPackageDependency) cannot be a framework or resource package",
            )
            .label(fr.name_span(), "marked here")
            .help("remove MainPackageDependency, or the Framework/ResourcePackage flag");
        }
        if let Some(c) = root_child("Capabilities") {
            cx.report(c.name_span(), "an optional package (with MainPackageDependency) cannot contain <Capabilities>")
                .label(md.name_span(), "MainPackageDependency")
                .help("declare the capabilities in the main package");
        }
        if let Some(su) = props.children().find(|c| c.local() == "SupportedUsers") {
            cx.report(su.name_span(), "an optional package (with MainPackageDependency) cannot declare SupportedUsers")
                .label(md.name_span(), "MainPackageDependency")
                .help("remove SupportedUsers");
        }
    }
}
