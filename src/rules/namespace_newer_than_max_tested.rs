//! `namespace-newer-than-max-tested`: a namespace newer than the newest Windows the
//! package says it was tested on. MakeAppx picks the schema set from MaxVersionTested
//! and rejects what that set does not know.

use super::Ctx;
use super::namespace_usage::{floor, usages};
use crate::manifest::version::{cycle_start, describe_build};
use crate::manifest::{Kind, Manifest, Version};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    if m.kind != Kind::Package {
        return;
    }
    let Some((max, tdf)) = m.highest_max_tested() else { return };
    let max_attr = tdf.max_version_tested.expect("max_tested() implies the attribute");
    // Insider builds of the release cycle already know the namespace.
    let unknown_to_max = |build: u32| floor(max) < Version::windows(cycle_start(build));
    for u in usages(m, unknown_to_max) {
        let build = u.ns.min_build().expect("usages keeps namespaces with a build");
        let needed = Version::windows(build);
        let name = format!("`{}`", u.name);
        cx.report(
            u.span,
            format!(
                "{name} is in the {} namespace, which appeared in {}, but MaxVersionTested is {max}: MakeAppx does not recognize the namespace for that version",
                u.ns.usual_prefix(),
                describe_build(build)
            ),
        )
        .grouped(format!("{:?}", u.ns), name.len())
        .label(max_attr.value_span(), "MaxVersionTested, the newest Windows the package was tested on")
        .help(format!("set MaxVersionTested to {needed} or later (the newest Windows build you tested on)"));
    }
}
