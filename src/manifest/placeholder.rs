//! Build-template placeholders: `$targetnametoken$` (Visual Studio), `@VAR@` (CMake,
//! autoconf, Mozilla's preprocessor), `{{ var }}` (Jinja, Handlebars) and `${var}`
//! (MSBuild, shell). A value that holds one is filled in at build time, so format rules do
//! not judge it.

/// True when `s` holds a build placeholder anywhere.
pub fn contains(s: &str) -> bool {
    find(s).is_some()
}

/// The byte range of the first placeholder in `s`.
pub fn find(s: &str) -> Option<(usize, usize)> {
    starts(s).find_map(|i| at(s, i).map(|end| (i, end)))
}

/// The bytes where a placeholder (whole or broken) may start: most values hold none, and
/// are passed over in one scan.
fn starts(s: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr3_iter(b'$', b'@', b'{', s.as_bytes())
}

/// The end of the placeholder that starts at byte `i` of `s`, if one does.
fn at(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    match b[i] {
        b'$' if b.get(i + 1) == Some(&b'{') => s[i + 2..].find('}').map(|end| i + 2 + end + 1),
        b'$' => {
            let body = b[i + 1..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'_').count();
            (body > 0 && b.get(i + 1 + body) == Some(&b'$')).then_some(i + body + 2)
        }
        b'@' => {
            let body =
                b[i + 1..].iter().take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || **c == b'_').count();
            (body > 0 && b.get(i + 1 + body) == Some(&b'@')).then_some(i + body + 2)
        }
        b'{' if b.get(i + 1) == Some(&b'{') => {
            let end = s[i + 2..].find("}}")?;
            (!s[i + 2..i + 2 + end].contains('}')).then_some(i + 2 + end + 2)
        }
        _ => None,
    }
}

/// A placeholder that lost a delimiter: its byte range in `s` and the placeholder it was
/// probably meant to be.
#[derive(Debug, PartialEq, Eq)]
pub struct Broken {
    pub start: usize,
    pub end: usize,
    pub meant: String,
}

/// The first broken placeholder of `s`: `$name` without its closing `$` (Visual Studio),
/// `@NAME` without its closing `@` (CMake, autoconf), `${name` without `}` (MSBuild, shell),
/// `{{ name }` or `{{ name` without `}}` (Jinja, Handlebars). Whole placeholders are
/// skipped. To stay clear of ordinary text, `$` and `@` must start a word (`a@b.com` and
/// `US$5` are not placeholders), `$` must be followed by a name of at least two characters
/// and `@` by an upper-case one.
pub fn find_broken(s: &str) -> Option<Broken> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Straight to the next `$`, `@` or `{`.
        match memchr::memchr3(b'$', b'@', b'{', &b[i..]) {
            Some(skip) => i += skip,
            None => return None,
        }
        if let Some(end) = at(s, i) {
            i = end;
            continue;
        }
        let word_start = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        let name_len = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'_').count();
        match b[i] {
            b'$' if b.get(i + 1) == Some(&b'{') => {
                // `${` with no `}` after it.
                let n = name_len(i + 2);
                if n > 0 {
                    let name = &s[i + 2..i + 2 + n];
                    return Some(Broken { start: i, end: i + 2 + n, meant: format!("${{{name}}}") });
                }
            }
            b'$' if word_start => {
                let n = name_len(i + 1);
                let first = b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_');
                if n >= 2 && first {
                    let name = &s[i + 1..i + 1 + n];
                    return Some(Broken { start: i, end: i + 1 + n, meant: format!("${name}$") });
                }
            }
            b'@' if word_start => {
                let n = b[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || **c == b'_')
                    .count();
                let first = b.get(i + 1).is_some_and(|c| c.is_ascii_uppercase());
                let lower_follows = b.get(i + 1 + n).is_some_and(|c| c.is_ascii_lowercase());
                if n >= 2 && first && !lower_follows {
                    let name = &s[i + 1..i + 1 + n];
                    return Some(Broken { start: i, end: i + 1 + n, meant: format!("@{name}@") });
                }
            }
            b'{' if b.get(i + 1) == Some(&b'{') => {
                // `{{` with no `}}` after it: up to a single `}` or the end of the name.
                let inner = &s[i + 2..];
                let lead = inner.len() - inner.trim_start().len();
                let n = name_len(i + 2 + lead);
                if n > 0 {
                    let name = &s[i + 2 + lead..i + 2 + lead + n];
                    let after = &s[i + 2 + lead + n..];
                    let end = match after.trim_start().strip_prefix('}') {
                        Some(rest) => s.len() - rest.len(),
                        None => i + 2 + lead + n,
                    };
                    return Some(Broken { start: i, end, meant: format!("{{{{ {name} }}}}") });
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_the_template_forms() {
        for s in [
            "$targetnametoken$",
            "App.$targetentrypoint$",
            "@MOZ_APP_NAME@",
            "{{ app_name }}",
            "{{name}}.exe",
            "${Name}",
            "x${a.b}y",
        ] {
            assert!(contains(s), "{s}");
        }
        for s in ["CN=Contoso", "$", "$$", "@lower@", "a@b.com", "{ x }", "{{ x", "${x", "price $5"] {
            assert!(!contains(s), "{s}");
        }
        assert_eq!(find("ab@X_1@cd"), Some((2, 7)));
    }

    #[test]
    fn broken_placeholders() {
        let broken = |s: &str| find_broken(s).map(|b| (s[b.start..b.end].to_string(), b.meant));
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(broken("$targetentrypoint"), pair("$targetentrypoint", "$targetentrypoint$"));
        assert_eq!(broken("App.$targetentrypoint"), pair("$targetentrypoint", "$targetentrypoint$"));
        assert_eq!(broken("$targetnametoken.exe"), pair("$targetnametoken", "$targetnametoken$"));
        assert_eq!(broken("@MOZ_APP_NAME.exe"), pair("@MOZ_APP_NAME", "@MOZ_APP_NAME@"));
        assert_eq!(broken("VFS\\@APPX_INSTDIR@\\@MOZ_APP_NAME.exe"), pair("@MOZ_APP_NAME", "@MOZ_APP_NAME@"));
        assert_eq!(broken("${packageName"), pair("${packageName", "${packageName}"));
        assert_eq!(broken("{{ name }"), pair("{{ name }", "{{ name }}"));
        assert_eq!(broken("CN={{currentUser"), pair("{{currentUser", "{{ currentUser }}"));
        assert_eq!(broken("$a$$targetentrypoint"), pair("$targetentrypoint", "$targetentrypoint$"));
        for s in [
            "$targetnametoken$.exe",
            "@MOZ_APP_NAME@",
            "{{ name }}",
            "${packageName}",
            "CN=Contoso",
            "a@b.com",
            "support@CONTOSO.COM",
            "US$5",
            "$5.99",
            "$ 5",
            "$",
            "@",
            "$(TargetName)",
            "@Contoso",
            "Pay with $",
            "{ x }",
            "x{{",
        ] {
            assert_eq!(find_broken(s), None, "{s}");
        }
    }
}
