//! `extension-category-invalid`: an extension `Category` that its `Extension` element does
//! not take at its place: not in its namespace, or not at this level (a package-level
//! category under `<Application>`, or the reverse).

use super::Ctx;
use super::util::{ns_binding, qualify};
use crate::manifest::{El, Manifest, NsId};
use crate::schema::{IssueKind, extension_categories};

/// Where an `Extension` sits, by the schema type of its container.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// `Application/Extensions`.
    Application,
    /// `Package/Extensions`.
    Package,
    /// `Package/com:Extensions`.
    ComPackage,
}

impl Place {
    fn of(el: El<'_>) -> Option<Place> {
        let container = el.parent()?;
        let owner = container.parent()?;
        if container.is(NsId::FOUNDATION, "Extensions") && owner.is(NsId::FOUNDATION, "Application") {
            Some(Place::Application)
        } else if container.is(NsId::FOUNDATION, "Extensions") && owner.is(NsId::FOUNDATION, "Package") {
            Some(Place::Package)
        } else if container.is(NsId::COM, "Extensions") && owner.is(NsId::FOUNDATION, "Package") {
            Some(Place::ComPackage)
        } else {
            None
        }
    }

    fn container_type(self) -> &'static str {
        match self {
            Place::Application => "CT_ApplicationExtensions",
            Place::Package => "CT_PackageExtensions",
            Place::ComPackage => "CT_ComPackageExtensions",
        }
    }

    /// The places of the other level.
    fn other_level(self) -> &'static [Place] {
        match self {
            Place::Application => &[Place::Package, Place::ComPackage],
            Place::Package | Place::ComPackage => &[Place::Application],
        }
    }
}

pub fn is_category_issue(m: &Manifest<'_>, issue: &crate::schema::Issue) -> bool {
    issue.kind == IssueKind::InvalidValue
        && issue.attr.as_ref().is_some_and(|(ns, a)| *ns == crate::manifest::NsId::NONE && a == "Category")
        && m.tree.el(issue.element).local() == "Extension"
}

/// The `Extension` elements, as the manifest would write them, that take `value` at `place`.
fn takers(m: &Manifest<'_>, place: Place, value: &str, except: NsId) -> Vec<(NsId, String)> {
    extension_categories(place.container_type())
        .into_iter()
        .filter(|(ns, cs)| *ns != except && cs.contains(&value))
        .map(|(ns, _)| (ns, qualify(&ns_binding(m, ns).0, "Extension")))
        .collect()
}

/// `` `<a>` or `<b>` ``, and the declaration the first one needs, if any.
fn names(m: &Manifest<'_>, takers: &[(NsId, String)]) -> (String, String) {
    let list: Vec<String> = takers.iter().map(|(_, n)| format!("`<{n}>`")).collect();
    let declare = ns_binding(m, takers[0].0).1.map(|d| format!(" ({d} first)")).unwrap_or_default();
    (list.join(" or "), declare)
}

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for issue in m.schema_issues().iter().filter(|i| is_category_issue(m, i)) {
        let el = m.tree.el(issue.element);
        if super::publisher_cache_folders_placement::reports_category(el) {
            continue; // a package-level category at application level
        }
        let Some(cat) = el.attr("Category") else { continue };
        let Some(place) = Place::of(el) else { continue };
        let value = cat.value().trim();
        let here = extension_categories(place.container_type());
        let own: Vec<&str> = here.iter().filter(|(ns, _)| *ns == el.ns()).flat_map(|(_, cs)| cs.clone()).collect();
        let f = cx.report(cat.value_span(), format!("`{value}` is not a category of `<{}>`", el.qname()));
        // The same category on an Extension of another namespace at this level.
        let same_level = takers(m, place, value, el.ns());
        if !same_level.is_empty() {
            let (list, declare) = names(m, &same_level);
            f.help(format!("at this level, `{value}` is a category of {list}{declare}"));
            continue;
        }
        // A category of the other level.
        let other: Vec<(Place, Vec<(NsId, String)>)> = place
            .other_level()
            .iter()
            .map(|&p| (p, takers(m, p, value, NsId::NONE)))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        if let Some((to, takers)) = other.first() {
            let (list, declare) = names(m, takers);
            f.message = match place {
                Place::Application => format!(
                    "`{value}` is not a category of `<{}>` in an application: this is a Package-level extension",
                    el.qname()
                ),
                _ => format!(
                    "`{value}` is not a category of `<{}>` in the package's extensions: this is an Application-level extension",
                    el.qname()
                ),
            };
            let container = match to {
                Place::Application => "the `<Extensions>` of the `<Application>` it belongs to",
                Place::Package => "`<Package><Extensions>` (after `</Applications>`)",
                Place::ComPackage => "`<Package><com:Extensions>`",
            };
            f.help(format!("move it to {container}, as {list}{declare}"));
        } else if let Some(s) = super::util::did_you_mean(value, own.iter().copied()) {
            f.help(if s.eq_ignore_ascii_case(value) {
                format!("write `{s}` (categories are case-sensitive)")
            } else {
                format!("did you mean `{s}`?")
            });
        } else if own.is_empty() {
            // A category type without a list (`windows.internal.*`): the schema's own help.
            if let Some(h) = &issue.help {
                f.help(h.clone());
            }
        } else {
            f.help(format!("`<{}>` takes here: {}", el.qname(), own.join(", ")));
        }
    }
}
