//! A rule's document as a terminal page (`appxlint rule NAME`, `--explain NAME`): the
//! Markdown of `rules/<name>.md` with headings emphasized, code blocks indented and links
//! written out. Colors only when asked for.

use owo_colors::{OwoColorize, Style};

use crate::rules::{Meta, Rule};

pub fn render(rule: &Rule, color: bool) -> String {
    let paint = |text: &str, style: Style| if color { text.style(style).to_string() } else { text.to_string() };
    let mut out = String::new();
    out.push_str(&format!(
        "{} ({}, {} by default)\n",
        paint(rule.name, Style::new().bold()),
        rule.code(),
        rule.default_severity()
    ));
    out.push_str(&format!("{}\n", rule.url()));
    let mut in_code = false;
    let mut table: Vec<&str> = Vec::new();
    for line in Meta::body(rule.doc).lines() {
        if !in_code && line.starts_with('|') {
            table.push(line);
            continue;
        }
        if !table.is_empty() {
            out.push_str(&render_table(&table, color));
            table.clear();
        }
        if let Some(fence) = line.strip_prefix("```") {
            in_code = !in_code;
            if in_code && !fence.is_empty() {
                let lang = fence.split_whitespace().collect::<Vec<_>>().join(" ");
                out.push_str(&format!("    {}\n", paint(&format!("[{lang}]"), Style::new().dimmed())));
            }
            continue;
        }
        if in_code {
            out.push_str(&format!("    {}\n", paint(line, Style::new().cyan())));
            continue;
        }
        if let Some(h) = line.strip_prefix("# ") {
            // The title repeats the rule name printed above.
            if h.trim() == rule.name {
                continue;
            }
            out.push_str(&format!("{}\n", paint(&h.to_uppercase(), Style::new().bold().underline())));
        } else if let Some(h) = line.strip_prefix("## ").or_else(|| line.strip_prefix("### ")) {
            let text = if color { h.to_string() } else { h.to_uppercase() };
            out.push_str(&format!("{}\n", paint(&text, Style::new().bold().yellow())));
        } else {
            out.push_str(&inline(line, color));
            out.push('\n');
        }
    }
    if !table.is_empty() {
        out.push_str(&render_table(&table, color));
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A Markdown table as aligned columns: the header emphasized, the separator row dropped.
fn render_table(rows: &[&str], color: bool) -> String {
    let split = |row: &str| -> Vec<String> {
        let inner = row.trim().trim_start_matches('|').trim_end_matches('|');
        inner.split('|').map(|c| inline(c.trim(), false)).collect()
    };
    let is_separator =
        |cells: &[String]| cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')));
    let rows: Vec<Vec<String>> = rows.iter().map(|r| split(r)).filter(|c| !is_separator(c)).collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| rows.iter().filter_map(|r| r.get(i)).map(|c| c.chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (n, row) in rows.iter().enumerate() {
        let mut line = String::from("  ");
        for (i, cell) in row.iter().enumerate() {
            let pad = if i + 1 == row.len() { 0 } else { widths[i] - cell.chars().count() + 2 };
            let text = if n == 0 && color { cell.bold().to_string() } else { cell.clone() };
            line.push_str(&text);
            line.push_str(&" ".repeat(pad));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Inline Markdown: `[text](url)` becomes `text <url>`; `code` spans are colored (their
/// backticks kept when there is no color).
fn inline(line: &str, color: bool) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[')
            && let Some(close) = after.find("](")
            && let Some(end) = after[close + 2..].find(')')
        {
            let text = &after[..close];
            let url = &after[close + 2..close + 2 + end];
            out.push_str(&format!("{text} <{url}>"));
            rest = &after[close + 2 + end + 1..];
            continue;
        }
        if color
            && let Some(after) = rest.strip_prefix('`')
            && let Some(end) = after.find('`')
        {
            out.push_str(&(&after[..end]).cyan().to_string());
            rest = &after[end + 1..];
            continue;
        }
        let c = rest.chars().next().expect("not empty");
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_page() {
        let page = render(crate::rules::get("loopback-rule-not-reciprocated"), false);
        assert!(page.starts_with("loopback-rule-not-reciprocated (AX202, error by default)\n"), "{page}");
        assert!(page.contains("\nHOW TO FIX\n"), "{page}");
        assert!(!page.contains("```"));
        assert!(!page.contains("## "));
        assert!(page.contains("\n    <?xml version=\"1.0\" encoding=\"utf-8\"?>\n"), "code blocks are indented");
        assert!(page.contains("Interprocess communication: Loopback <https://learn.microsoft.com/"), "{page}");
        assert!(!page.contains('\u{1b}'));
    }

    #[test]
    fn colored_page() {
        let page = render(crate::rules::get("loopback-rule-not-reciprocated"), true);
        assert!(page.contains('\u{1b}'));
        assert!(page.contains("How to fix"));
    }

    #[test]
    fn tables_are_aligned() {
        let t = render_table(&["| A | Bee |", "|---|:-:|", "| `long` value | x |"], false);
        assert_eq!(t, "  A             Bee\n  `long` value  x\n");
    }

    #[test]
    fn inline_markdown() {
        assert_eq!(inline("see [a b](https://x/y) and `c`", false), "see a b <https://x/y> and `c`");
        assert_eq!(inline("[not a link", false), "[not a link");
    }
}
