//! `namespace-newer-than-min-version`: a namespace newer than the oldest Windows the
//! package installs on.

use super::Ctx;
use super::namespace_usage::{floor, usages_except};
use crate::diagnostic::Severity;
use crate::manifest::version::describe_build;
use crate::manifest::{Kind, Manifest, Version};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    if m.kind != Kind::Package {
        return;
    }
    let Some((min, tdf)) = m.lowest_min_version() else { return };
    let min_attr = tdf.min_version.expect("min() implies the attribute");
    let family = tdf.name.map(|n| n.value()).unwrap_or("the device family");
    // Ignorable uap10 activation attributes that are the application's only activation are
    // not "silently ignored" on older Windows: the install fails, as application-activation
    // says.
    let leave = |el: crate::manifest::El<'_>, a: crate::manifest::Attr<'_>| {
        m.is_ignorable(a.ns()) && super::application_activation::reports_below_uap10(m, el, a.ns(), a.local())
    };
    let newer_than_min = |build: u32| floor(min) < Version::windows(build);
    for u in usages_except(m, newer_than_min, leave) {
        let build = u.ns.min_build().expect("usages keeps namespaces with a build");
        let needed = Version::windows(build);
        let prefix = m.prefix_for(u.ns);
        let name = format!("`{}`", u.name);
        let ignorable = m.is_ignorable(u.ns);
        let message = if ignorable {
            format!(
                "{name} is in the {} namespace, which Windows understands from {}; {family} MinVersion is {min}, so on older Windows this is silently ignored",
                u.ns.usual_prefix(),
                describe_build(build)
            )
        } else {
            format!(
                "{name} is in the {} namespace, which Windows understands from {}, but {family} MinVersion is {min} and `{prefix}` is not in IgnorableNamespaces: the package fails to install on older Windows",
                u.ns.usual_prefix(),
                describe_build(build)
            )
        };
        let f = cx.report(u.span, message);
        f.grouped(format!("{:?}", u.ns), name.len());
        f.label(min_attr.value_span(), format!("{family} MinVersion, the oldest Windows the package installs on"));
        if ignorable {
            f.severity(Severity::Warning);
            f.help(format!("if the package cannot work without this feature, raise MinVersion to {needed}"));
        } else {
            f.help(format!(
                "raise MinVersion to {needed}, or add `{prefix}` to IgnorableNamespaces on <Package> so that older Windows skips it"
            ));
        }
    }
}
