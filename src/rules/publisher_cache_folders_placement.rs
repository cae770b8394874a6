//! `publisher-cache-folders-placement`: `windows.publisherCacheFolders` is a package-level
//! extension (`Package/Extensions/Extension`), and its folders sit inside
//! `<PublisherCacheFolders>`.

use super::Ctx;
use super::util::owner_description;
use crate::manifest::{El, Level, Manifest, NsId};
use crate::schema::{Issue, IssueKind};

const CATEGORY: &str = "windows.publisherCacheFolders";

/// An application-level `Extension` (foundation) with the publisher cache category.
fn misplaced_extension(el: El<'_>) -> bool {
    el.is(NsId::FOUNDATION, "Extension")
        && el.attr("Category").is_some_and(|c| c.value().trim() == CATEGORY)
        && el.parent().and_then(|p| p.parent()).is_some_and(|a| a.is(NsId::FOUNDATION, "Application"))
}

/// A package-level publisher cache extension whose `Folder`s are not wrapped.
fn unwrapped_folders(el: El<'_>) -> bool {
    el.is(NsId::FOUNDATION, "Extension")
        && el.attr("Category").is_some_and(|c| c.value().trim() == CATEGORY)
        && el.parent().and_then(|p| p.parent()).is_some_and(|pk| pk.is(NsId::FOUNDATION, "Package"))
        && el.child(NsId::FOUNDATION, "PublisherCacheFolders").is_none()
        && el.child(NsId::FOUNDATION, "Folder").is_some()
}

/// True when `extension-category-invalid` should leave this category to this rule.
pub fn reports_category(el: El<'_>) -> bool {
    misplaced_extension(el)
}

/// The schema issues this rule reports with its own message.
pub fn claims(m: &Manifest<'_>, issue: &Issue) -> bool {
    let el = m.tree.el(issue.element);
    match issue.kind {
        IssueKind::UnknownElement => {
            let Some(parent) = el.parent() else { return false };
            (el.is(NsId::FOUNDATION, "PublisherCacheFolders") && misplaced_extension(parent))
                || (el.is(NsId::FOUNDATION, "Folder") && unwrapped_folders(parent))
        }
        IssueKind::MissingElement => unwrapped_folders(el),
        _ => false,
    }
}

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for ext in m.extensions() {
        if ext.level == Level::Application && misplaced_extension(ext.el) {
            let Some(cat) = ext.category else { continue };
            cx.report(
                cat.value_span(),
                format!("windows.publisherCacheFolders is a package-level extension, but {} declares it", owner_description(m, ext.el)),
            )
            .help("move the whole <Extension Category=\"windows.publisherCacheFolders\"> into <Package><Extensions> (after </Applications>); the folders belong to the package, not to one application");
        }
        if ext.level == Level::Package && unwrapped_folders(ext.el) {
            let folder = ext.el.child(NsId::FOUNDATION, "Folder").expect("checked");
            cx.report(folder.name_span(), "`<Folder>` must be inside `<PublisherCacheFolders>`, not directly in the extension")
                .label(ext.el.name_span(), "the extension")
                .help("wrap the folders: <Extension Category=\"windows.publisherCacheFolders\"><PublisherCacheFolders><Folder Name=\"...\"/></PublisherCacheFolders></Extension>");
        }
    }
}
