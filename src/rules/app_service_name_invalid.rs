//! `app-service-name-invalid`: the `Name` of a `uap:AppService` / `uap3:AppService`
//! (`ST_AppServiceName`: `[-+A-Za-z0-9][-+.A-Za-z0-9]+`, 2 to 39 characters).

use super::Ctx;
use super::ipc::{app_services, first_bad_char, show_char};
use super::util::shorten;
use crate::manifest::Manifest;

const HELP: &str = "an app service name is 2 to 39 ASCII letters, digits, `.`, `-` and `+`, not starting with `.`; the docs recommend a reverse domain name such as `com.contoso.inventory`";

fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+')
}

/// Why `name` is not an app service name, with a corrected name when one is obvious.
pub fn problem(name: &str) -> Option<(String, Option<String>)> {
    if name.is_empty() {
        return Some(("is empty".into(), None));
    }
    let trimmed = super::ipc::xsd_trim(name);
    if trimmed != name {
        return Some(("has whitespace at its start or end".into(), problem(trimmed).is_none().then(|| trimmed.into())));
    }
    if let Some(c) = first_bad_char(name, allowed) {
        let fixed: String = name.chars().map(|c| if allowed(c) { c } else { '-' }).collect();
        let fixed = fixed.trim_start_matches('.').to_string();
        return Some((
            format!("contains {}, which app service names cannot contain", show_char(c)),
            problem(&fixed).is_none().then_some(fixed),
        ));
    }
    if name.starts_with('.') {
        let fixed = name.trim_start_matches('.').to_string();
        return Some(("starts with `.`".into(), problem(&fixed).is_none().then_some(fixed)));
    }
    super::util::length_problem(name, 2, 39).map(|p| (p, None))
}

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for svc in app_services(m) {
        let Some(name) = svc.name else { continue };
        if name.is_placeholder() {
            continue;
        }
        let Some((problem, fixed)) = problem(name.value()) else { continue };
        let help = match fixed {
            Some(f) => format!("write Name=\"{f}\"; {HELP}"),
            None => HELP.to_string(),
        };
        cx.report(name.value_span(), format!("app service name `{}` {problem}", shorten(name.value()))).help(help);
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn names() {
        assert!(problem("com.contoso.inventory").is_none());
        assert!(problem("a+b").is_none(), "the schema allows `+`");
        assert!(problem("-x").is_none());
        assert!(problem("x").unwrap().0.contains("at least 2"));
        assert!(problem(&"a".repeat(40)).unwrap().0.contains("at most 39"));
        assert_eq!(problem(".inventory").unwrap().1.as_deref(), Some("inventory"));
        assert_eq!(problem("com_contoso").unwrap().1.as_deref(), Some("com-contoso"));
        assert!(problem("com contoso").unwrap().0.contains("a space"));
        assert_eq!(problem(" inventory").unwrap().1.as_deref(), Some("inventory"));
    }
}
