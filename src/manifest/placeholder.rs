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
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'$' if b.get(i + 1) == Some(&b'{') => {
                if let Some(end) = s[i + 2..].find('}') {
                    return Some((i, i + 2 + end + 1));
                }
            }
            b'$' => {
                let body = b[i + 1..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'_').count();
                if body > 0 && b.get(i + 1 + body) == Some(&b'$') {
                    return Some((i, i + body + 2));
                }
            }
            b'@' => {
                let body = b[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || **c == b'_')
                    .count();
                if body > 0 && b.get(i + 1 + body) == Some(&b'@') {
                    return Some((i, i + body + 2));
                }
            }
            b'{' if b.get(i + 1) == Some(&b'{') => {
                if let Some(end) = s[i + 2..].find("}}")
                    && !s[i + 2..i + 2 + end].contains('}')
                {
                    return Some((i, i + 2 + end + 2));
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
}
