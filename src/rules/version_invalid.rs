//! `version-invalid`: a four-part version (`Identity/@Version`, `MinVersion`,
//! `MaxVersionTested`) that is not one.

use super::Ctx;
use super::identity_rules::{identity_like, judged};
use crate::manifest::{Manifest, Version};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let mut attrs = Vec::new();
    for el in identity_like(m) {
        attrs.push(el.attr("Version"));
        attrs.push(el.attr("MinVersion"));
    }
    for tdf in &m.target_device_families {
        attrs.push(tdf.min_version);
        attrs.push(tdf.max_version_tested);
    }
    for a in attrs.into_iter().filter_map(judged) {
        if let Some(problem) = Version::problem(a.value()) {
            cx.report(a.value_span(), format!("{} `{}` is not a version: {problem}", a.qname(), super::util::shorten(a.value())))
                .help("write four decimal numbers from 0 to 65535 without leading zeros: `major.minor.build.revision`, for example 1.2.0.0");
        }
    }
}
