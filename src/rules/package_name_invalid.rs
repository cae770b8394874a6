//! `package-name-invalid`: the name of the package or of a dependency.

use super::Ctx;
use super::identity_rules::{identity_like, judged};
use crate::manifest::Manifest;
use crate::manifest::identity::package_name_problem;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for el in identity_like(m) {
        let Some(name) = judged(el.attr("Name")) else { continue };
        if let Some(problem) = package_name_problem(name.value()) {
            cx.report(name.value_span(), format!("package name `{}` is invalid: {problem}", super::util::shorten(name.value())))
                .help("a package name has 3 to 50 characters among letters, digits, `.` and `-`, is not a reserved device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9), does not start with `xn--` and does not end with `.`");
        }
    }
}
