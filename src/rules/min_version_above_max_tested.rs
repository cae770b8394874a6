//! `min-version-above-max-tested`: a `MinVersion` greater than `MaxVersionTested`.

use super::Ctx;
use crate::manifest::Manifest;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for tdf in &m.target_device_families {
        let (Some(min), Some(max)) = (tdf.min(), tdf.max_tested()) else { continue };
        if min > max {
            let attr = tdf.max_version_tested.expect("parsed");
            let family = tdf.name.map_or("", |n| n.value());
            cx.report(attr.value_span(), format!("{family} MaxVersionTested {max} is lower than its MinVersion {min}"))
                .label(tdf.min_version.expect("parsed").value_span(), "MinVersion")
                .help("MaxVersionTested is the newest Windows build you tested on, so at least MinVersion");
        }
    }
}
