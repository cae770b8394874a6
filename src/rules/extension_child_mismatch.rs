//! `extension-child-mismatch`: an extension whose child does not match its `Category`
//! (MakeAppx: "The Extension element with Category ... must specify the matching child
//! element").

use std::sync::LazyLock;

use super::Ctx;
use crate::manifest::Manifest;
use crate::schema::{extension_categories, in_schema_set};

/// Categories whose extension must hold the matching child element.
const CHILD_REQUIRED: &[&str] = &[
    "windows.appService",
    "windows.protocol",
    "windows.fileTypeAssociation",
    "windows.loopbackAccessRules",
    "windows.comServer",
    "windows.comInterface",
    "windows.activatableClass.outOfProcessServer",
    "windows.activatableClass.inProcessServer",
    "windows.activatableClass.proxyStub",
    "windows.publisherCacheFolders",
    "windows.appExecutionAlias",
    "windows.shareTarget",
    "windows.firewallRules",
    "windows.service",
    "windows.appExtension",
    "windows.appExtensionHost",
    "windows.fileExplorerContextMenus",
    "windows.backgroundTasks",
    "windows.toastNotificationActivation",
    "windows.startupTask",
    "windows.customInstall",
];

/// Every category that some extension element of the schema set takes, at either level.
static KNOWN_CATEGORIES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut all: Vec<&'static str> = ["CT_ApplicationExtensions", "CT_PackageExtensions", "CT_ComPackageExtensions"]
        .iter()
        .flat_map(|t| extension_categories(t))
        .flat_map(|(_, cs)| cs)
        .collect();
    all.sort_unstable();
    all.dedup();
    all
});

/// A category that names an extension: the expected child can be derived from it. A
/// misspelt one (`windows.activatableClass.outOfProcesServer`) names nothing, and its
/// "child" would be invented.
fn known_category(category: &str) -> bool {
    CHILD_REQUIRED.contains(&category) || KNOWN_CATEGORIES.binary_search(&category).is_ok()
}

/// `windows.activatableClass.outOfProcessServer` -> `OutOfProcessServer`.
pub fn child_name(category: &str) -> Option<String> {
    let last = category.strip_prefix("windows.")?.rsplit('.').next()?;
    let mut c = last.chars();
    let first = c.next()?;
    Some(first.to_ascii_uppercase().to_string() + c.as_str())
}

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    // A category the element does not have (`windows.comserver`) is
    // extension-category-invalid's; its child is not judged against it.
    let bad_categories: Vec<_> = m
        .schema_issues()
        .iter()
        .filter(|i| super::extension_category_invalid::is_category_issue(m, i))
        .map(|i| i.element)
        .collect();
    for ext in m.extensions() {
        if !in_schema_set(ext.el.ns()) || bad_categories.contains(&ext.el.id) {
            continue;
        }
        let category = ext.category();
        if !known_category(category) {
            continue;
        }
        let Some(expected) = child_name(category) else { continue };
        let kids: Vec<_> = ext.el.children().filter(|c| in_schema_set(c.ns())).collect();
        if kids.iter().any(|k| k.local() == expected) {
            continue;
        }
        let Some(cat) = ext.category else { continue };
        if let Some(other) = kids.first() {
            // Another category's child: the category or the child is wrong.
            if other.local() != expected && child_for_other_category(other.local()) {
                cx.report(
                    other.name_span(),
                    format!("an extension with Category `{category}` holds `<{}>`, not `<{expected}>`", other.qname()),
                )
                .label(cat.value_span(), "the category")
                .help(format!(
                    "give the extension a `<{expected}>` child, or the category that matches `<{}>`",
                    other.qname()
                ));
            }
        } else if CHILD_REQUIRED.contains(&category) {
            cx.report(
                cat.value_span(),
                format!("an extension with Category `{category}` needs a `<{expected}>` child, and has none"),
            )
            .help(format!("declare the `<{expected}>` element that describes the extension inside it"));
        }
    }
}

/// True when `local` is the child element of some extension category (so a mismatch
/// is a confusion of categories, not an unrelated child such as uap10 metadata).
fn child_for_other_category(local: &str) -> bool {
    CHILD_REQUIRED.iter().filter_map(|c| child_name(c)).any(|n| n == local)
}
