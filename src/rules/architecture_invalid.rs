//! `architecture-invalid`: `ProcessorArchitecture` outside x86, x64, arm, arm64, x86a64
//! and neutral.

use super::Ctx;
use super::identity_rules::{identity_like, judged};
use crate::manifest::Manifest;

pub const ARCHITECTURES: &[&str] = &["x86", "x64", "arm", "arm64", "x86a64", "neutral"];

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for el in identity_like(m) {
        let Some(a) = judged(el.attr("ProcessorArchitecture")) else { continue };
        let v = a.value();
        if ARCHITECTURES.contains(&v) {
            continue;
        }
        let message = match ARCHITECTURES.iter().find(|x| x.eq_ignore_ascii_case(v.trim())) {
            Some(x) if v.trim() == v => {
                format!("ProcessorArchitecture `{v}` has the wrong case: architectures are written `{x}`")
            }
            Some(x) => format!("ProcessorArchitecture `{v}` has whitespace around `{x}`"),
            None => match v.to_ascii_lowercase().as_str() {
                "amd64" | "x86_64" => format!("ProcessorArchitecture `{v}` is written `x64` in manifests"),
                "aarch64" => format!("ProcessorArchitecture `{v}` is written `arm64` in manifests"),
                "any" | "anycpu" | "any cpu" => {
                    format!("ProcessorArchitecture `{v}` is written `neutral` in manifests")
                }
                _ => format!("ProcessorArchitecture `{v}` is not an architecture manifests know"),
            },
        };
        cx.report(a.value_span(), message)
            .help("use one of x86, x64, arm, arm64, x86a64, neutral (or leave the attribute out for neutral)");
    }
}
