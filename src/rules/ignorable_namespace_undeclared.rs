//! `ignorable-namespace-undeclared`: `IgnorableNamespaces` names a prefix that is not
//! declared on `<Package>`.

use std::collections::{HashMap, HashSet};

use super::Ctx;
use crate::manifest::Manifest;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    // Each distinct prefix is reported once, at its first problem, with a count: a long
    // list repeating a few names gives a few findings, not one per word. (The list is one
    // attribute, so a suppression covers all its words alike.)
    let mut seen: HashSet<&str> = HashSet::new();
    // (undeclared?, prefix) -> (first span, more uses), in order of first appearance.
    let mut problems: Vec<(bool, &str, crate::source::Span, usize)> = Vec::new();
    let mut index: HashMap<(bool, &str), usize> = HashMap::new();
    for ig in &m.ignorable {
        if crate::manifest::placeholder::contains(ig.prefix) {
            continue;
        }
        let undeclared = ig.ns.is_none();
        let again = !seen.insert(ig.prefix);
        if !undeclared && !again {
            continue;
        }
        match index.get(&(undeclared, ig.prefix)) {
            Some(&i) => problems[i].3 += 1,
            None => {
                index.insert((undeclared, ig.prefix), problems.len());
                problems.push((undeclared, ig.prefix, ig.span, 0));
            }
        }
    }
    let declared: Vec<String> = m
        .doc()
        .ns_decls
        .iter()
        .filter(|d| d.element == m.root.id)
        .filter_map(|d| d.prefix.map(|p| m.tree.slice(p).to_string()))
        .collect();
    for (undeclared, prefix, span, more) in problems {
        let more = match more {
            0 => String::new(),
            1 => " (and 1 more time)".to_string(),
            n => format!(" (and {n} more times)"),
        };
        if undeclared {
            let f = cx.report(
                span,
                format!("IgnorableNamespaces lists `{prefix}`{more}, but no xmlns:{prefix} is declared on <Package>"),
            );
            match super::util::did_you_mean(prefix, declared.iter().map(String::as_str)) {
                Some(s) => f.help(format!(
                    "did you mean `{s}`? Otherwise declare the namespace or remove `{prefix}` from the list"
                )),
                None => f.help(format!(
                    "declare xmlns:{prefix}=\"...\" on <Package>, or remove `{prefix}` from IgnorableNamespaces"
                )),
            };
        } else {
            cx.report(span, format!("IgnorableNamespaces lists `{prefix}` again{more}")).help("list each prefix once");
        }
    }
}
