//! Structure checks from the official manifest schemas.
//!
//! `tables.rs` holds the schema set of microsoft/msix-packaging compiled into static
//! tables (by `scripts/gen_schema.py`); this module walks a manifest against them, as
//! MakeAppx does with the XSD files, and returns every problem as an [`Issue`]: unknown
//! and misplaced elements, missing children and attributes, values outside their types,
//! duplicate and dangling identity-constraint values.
//!
//! Like MakeAppx, elements and attributes of a namespace listed in `IgnorableNamespaces`
//! that the schema set does not define are removed before validation. Namespaces that
//! appxlint knows but the schema set does not define (uap15 and later, desktop9 and
//! later, com5...) are left out of the checks: their content cannot be judged, and newer
//! SDKs accept them.

pub mod model;
#[rustfmt::skip]
mod tables;

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use regex::Regex;

use crate::hash::Fx;
use crate::manifest::{El, ElemId, Manifest, NsId, placeholder};
use crate::source::Span;
use model::*;
pub use tables::{COMPLEX_TYPES, CONSTRAINTS, ELEMENTS, PARTICLES, PATTERNS, ROOT, SCHEMA_NAMESPACES, SIMPLE_TYPES};

/// Most findings reported for the children of one element; past it, its content is too
/// far from the schema for more to help.
const MAX_CHILD_ISSUES: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IssueKind {
    /// An element that the content of its parent does not allow at all.
    UnknownElement,
    /// An element the parent allows, but not at this place (order), or more often than
    /// allowed when the limit is small.
    Misplaced,
    /// More occurrences than a large limit allows (100 capabilities...).
    TooMany,
    /// A required child is missing.
    MissingElement,
    UnknownAttribute,
    MissingAttribute,
    /// An attribute or element value outside its type.
    InvalidValue,
    /// Character data where the element allows none.
    TextNotAllowed,
    /// A value that an `xs:unique` or `xs:key` requires to be unique appears twice.
    Duplicate,
    /// An `xs:keyref` value that names no key.
    BadReference,
    /// An element or attribute of a namespace that no schema defines and that is not in
    /// `IgnorableNamespaces`.
    UnknownNamespace,
}

#[derive(Debug, Clone)]
pub struct Issue {
    pub kind: IssueKind,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub label: Option<(Span, String)>,
    /// The element concerned (for a missing child: its parent).
    pub element: crate::manifest::ElemId,
    /// The attribute concerned, as (namespace, local name).
    pub attr: Option<(NsId, String)>,
    /// The identity constraint violated, by its schema name (`Application_Id`).
    pub constraint: Option<&'static str>,
    /// The declaration of the element concerned, when known.
    pub decl: Option<u32>,
    /// The simple type of the value, for value issues.
    pub value_type: Option<&'static str>,
}

/// True for namespaces whose elements and attributes the schema set defines.
pub fn in_schema_set(ns: NsId) -> bool {
    ns == NsId::NONE || SCHEMA_NAMESPACES.contains(&ns)
}

/// Validates the manifest. Only Windows 10/11 package manifests are validated.
pub fn validate(m: &Manifest<'_>) -> Vec<Issue> {
    if m.kind != crate::manifest::Kind::Package {
        return Vec::new();
    }
    let mut v = Validator {
        m,
        issues: Vec::new(),
        unknown_ns_reported: Vec::new(),
        identity: None,
        kids_pool: Vec::new(),
        seq: Vec::new(),
        step_of: vec![UNSEEN; m.doc().elements.len()],
        deferred: Vec::new(),
    };
    v.element(m.root, ROOT);
    v.check_deferred();
    v.issues
}

struct Validator<'m, 'a> {
    m: &'m Manifest<'a>,
    issues: Vec<Issue>,
    unknown_ns_reported: Vec<NsId>,
    /// The selector index and the buffers of the identity-constraint checks, once a
    /// constraint was checked (boxed: it is taken out and put back around each one).
    identity: Option<Box<Identity<'a>>>,
    /// Emptied buffers for the children of an element, reused by [`Validator::children`]
    /// (one per level of nesting in use).
    kids_pool: Vec<Vec<(El<'a>, Option<u32>)>>,
    /// The buffer of the declarations that [`Matcher`] matches, reused.
    seq: Vec<Option<u32>>,
    /// For each element, its selector step number (see [`steps`]) as its declaration
    /// gives it when the walk validates it, else [`UNSEEN`].
    step_of: Vec<u32>,
    /// The identity constraints met in the walk, in the order they are met, each with the
    /// number of findings of the walk before it: they are checked once the walk is done
    /// and every element has its step number, and their findings put at those places.
    deferred: Vec<(El<'a>, u32, usize)>,
}

/// The step number of an element that the walk did not validate (yet).
const UNSEEN: u32 = u32::MAX - 1;

impl<'m, 'a> Validator<'m, 'a> {
    /// True when `v` holds a build placeholder (searched only in documents that can hold
    /// one, see [`crate::manifest::xml::Document::may_hold_placeholders`]).
    fn placeholder(&self, v: &str) -> bool {
        self.m.doc().may_hold_placeholders() && placeholder::contains(v)
    }

    /// [`check_value`], with the placeholder search skipped where no value can hold one.
    fn value_problem(&self, ty: u32, value: &str) -> Option<String> {
        if self.placeholder(value) {
            return None;
        }
        judge(ty, value)
    }

    /// True when an element or attribute of namespace `ns` (named `what`, at `span`) is
    /// validated. Those of an ignorable namespace the schemas do not define are removed
    /// before validation, and those of a namespace newer than the schema set are outside
    /// what appxlint can judge: both are skipped. A namespace defined nowhere and not
    /// ignorable is reported once, then skipped.
    fn validates(&mut self, ns: NsId, span: Span, element: El<'a>, what: &str) -> bool {
        if in_schema_set(ns) {
            return true;
        }
        if !self.m.is_ignorable(ns) && !ns.is_known() {
            self.unknown_namespace(ns, span, element, what);
        }
        false
    }

    fn push(&mut self, kind: IssueKind, span: Span, element: El<'a>, message: String) -> &mut Issue {
        self.issues.push(Issue {
            kind,
            span,
            message,
            help: None,
            label: None,
            element: element.id,
            attr: None,
            constraint: None,
            decl: None,
            value_type: None,
        });
        self.issues.last_mut().expect("just pushed")
    }

    fn unknown_namespace(&mut self, ns: NsId, span: Span, element: El<'a>, what: &str) {
        if self.unknown_ns_reported.contains(&ns) {
            return;
        }
        self.unknown_ns_reported.push(ns);
        let uri = self.m.doc().ns_uri(ns).to_string();
        let prefix = what.split(':').next().unwrap_or("").to_string();
        let i = self.push(
            IssueKind::UnknownNamespace,
            span,
            element,
            format!("`{what}` is in the namespace `{uri}`, which no manifest schema defines, and `{prefix}` is not in IgnorableNamespaces"),
        );
        i.help = Some(format!(
            "add `{prefix}` to IgnorableNamespaces on <Package> if the namespace belongs to another tool, or fix the namespace URI"
        ));
    }

    fn element(&mut self, el: El<'a>, decl_id: u32) {
        let decl = &ELEMENTS[decl_id as usize];
        // The declaration has the element's name (it was found by it): so has its step.
        self.step_of[el.id as usize] = decl_steps()[decl_id as usize];
        self.attributes(el, decl_id);
        match decl.ty {
            ElementType::Any => {}
            ElementType::Simple(t) => {
                self.no_children(el, decl_id);
                self.text_value(el, t, decl_id);
            }
            ElementType::Complex(t) => {
                let ct = &COMPLEX_TYPES[t as usize];
                match ct.content {
                    Content::Empty => {
                        self.no_children(el, decl_id);
                        if !ct.mixed {
                            self.no_text(el, decl_id);
                        }
                    }
                    Content::Simple(st) => {
                        self.no_children(el, decl_id);
                        self.text_value(el, st, decl_id);
                    }
                    Content::Elements(p) => {
                        if !ct.mixed {
                            self.no_text(el, decl_id);
                        }
                        self.children(el, decl_id, p);
                    }
                }
            }
        }
        for &c in decl.constraints {
            self.deferred.push((el, c, self.issues.len()));
        }
    }

    /// Checks the identity constraints met in the walk, in order, and puts their findings
    /// among the walk's where each would have come had it been checked when met.
    fn check_deferred(&mut self) {
        if self.deferred.is_empty() {
            return;
        }
        // The root is validated against the root declaration whatever its name, and the
        // elements that the walk skipped have no declaration: their names give their steps.
        let names = steps();
        let m = self.m;
        let root = m.root;
        self.step_of[root.id as usize] = UNSEEN;
        for e in std::iter::once(root).chain(root.descendants()) {
            let s = &mut self.step_of[e.id as usize];
            if *s == UNSEEN {
                *s = names.get(e.ns(), e.local()).unwrap_or(NO_STEP);
            }
        }
        let mut ids = Box::<Identity<'a>>::default();
        ids.index = Some(Index::build(std::mem::take(&mut self.step_of)));
        self.identity = Some(ids);
        let walk = std::mem::take(&mut self.issues);
        let deferred = std::mem::take(&mut self.deferred);
        let mut found: Vec<(usize, usize)> = Vec::with_capacity(deferred.len());
        for &(el, c, at) in &deferred {
            let before = self.issues.len();
            self.constraint(el, c);
            found.push((at, before));
        }
        if self.issues.is_empty() {
            self.issues = walk;
            return;
        }
        let checked = std::mem::take(&mut self.issues);
        let mut out = Vec::with_capacity(walk.len() + checked.len());
        let mut walk = walk.into_iter();
        let mut checked = checked.into_iter();
        let mut taken = 0;
        for (k, &(at, from)) in found.iter().enumerate() {
            out.extend(walk.by_ref().take(at - taken));
            taken = at;
            let to = found.get(k + 1).map_or(usize::MAX, |&(_, next)| next);
            out.extend(checked.by_ref().take(to - from));
        }
        out.extend(walk);
        self.issues = out;
    }

    fn attributes(&mut self, el: El<'a>, decl_id: u32) {
        let decl = &ELEMENTS[decl_id as usize];
        let (attrs, any): (&[AttrDecl], bool) = match decl.ty {
            ElementType::Complex(t) => (COMPLEX_TYPES[t as usize].attrs, COMPLEX_TYPES[t as usize].any_attribute),
            ElementType::Any => return,
            ElementType::Simple(_) => (&[], false),
        };
        // The declarations (the first 64) that an attribute matched: those are present, and
        // their required check needs no second scan of the element's attributes.
        let mut seen: u64 = 0;
        for a in el.attrs() {
            if !self.validates(a.ns(), a.name_span(), el, a.qname()) {
                continue;
            }
            let (ns, local) = (a.ns(), a.local());
            let found = attrs.iter().position(|d| d.ns == ns && same_name(d.name, local));
            if let Some(at) = found
                && at < 64
            {
                seen |= 1 << at;
            }
            match found.map(|at| &attrs[at]) {
                Some(d) => {
                    if let Some(problem) = self.value_problem(d.ty, a.value()) {
                        let ty = SIMPLE_TYPES[d.ty as usize].name;
                        let message = format!("{} `{}` {problem}", a.qname(), crate::rules::util::shorten(a.value()));
                        let i = self.push(IssueKind::InvalidValue, a.value_span(), el, message);
                        i.attr = Some((a.ns(), a.local().to_string()));
                        i.decl = Some(decl_id);
                        i.value_type = Some(ty);
                        i.help = value_hint(d.ty, a.value());
                    } else if let Some(fixed) = d.fixed
                        && a.value() != fixed
                    {
                        let i = self.push(
                            IssueKind::InvalidValue,
                            a.value_span(),
                            el,
                            format!("{} must be `{fixed}`", a.qname()),
                        );
                        i.attr = Some((a.ns(), a.local().to_string()));
                        i.decl = Some(decl_id);
                    }
                }
                None if any => {}
                None => {
                    let names: Vec<String> = attrs.iter().map(|d| qualified_name(self.m, d.ns, d.name)).collect();
                    let suggestion = crate::rules::util::did_you_mean(a.local(), names.iter().map(String::as_str));
                    let message = format!("`{}` is not an attribute of `<{}>`", a.qname(), el.qname());
                    let i = self.push(IssueKind::UnknownAttribute, a.name_span(), el, message);
                    i.attr = Some((a.ns(), a.local().to_string()));
                    i.decl = Some(decl_id);
                    i.help = Some(match suggestion {
                        Some(s) => format!("did you mean `{s}`?"),
                        None if names.is_empty() => format!("`<{}>` has no attributes", el.qname()),
                        None => format!("its attributes are {}", names.join(", ")),
                    });
                }
            }
        }
        for (at, d) in attrs.iter().enumerate().filter(|(_, d)| d.required) {
            if (at >= 64 || seen & (1 << at) == 0) && el.attr_ns(d.ns, d.name).is_none() {
                let name = qualified_name(self.m, d.ns, d.name);
                let note = declaration_note(self.m, d.ns);
                let i = self.push(
                    IssueKind::MissingAttribute,
                    el.name_span(),
                    el,
                    format!("`<{}>` has no `{name}`, which is required", el.qname()),
                );
                i.attr = Some((d.ns, d.name.to_string()));
                i.decl = Some(decl_id);
                i.value_type = Some(SIMPLE_TYPES[d.ty as usize].name);
                i.help = Some(format!(
                    "add {name}=\"...\"{}{}",
                    value_help(d.ty).map(|h| format!(" ({h})")).unwrap_or_default(),
                    note
                ));
            }
        }
    }

    fn no_children(&mut self, el: El<'a>, decl_id: u32) {
        for c in el.children() {
            if !self.validates(c.ns(), c.name_span(), c, c.qname()) {
                continue;
            }
            let i = self.push(
                IssueKind::UnknownElement,
                c.name_span(),
                c,
                format!("`<{}>` is not allowed in `<{}>`, which has no child elements", c.qname(), el.qname()),
            );
            i.decl = Some(decl_id);
        }
    }

    fn no_text(&mut self, el: El<'a>, decl_id: u32) {
        if !el.has_text() {
            return;
        }
        if let Some((text, span)) = el.text()
            && !text.trim().is_empty()
            && !self.placeholder(&text)
        {
            let i = self.push(
                IssueKind::TextNotAllowed,
                span,
                el,
                format!("`<{}>` does not take text, only elements and attributes", el.qname()),
            );
            i.decl = Some(decl_id);
            i.help = Some("remove the text (or make it a comment)".into());
        }
    }

    fn text_value(&mut self, el: El<'a>, ty: u32, decl_id: u32) {
        let (text, span) = own_text(el).unwrap_or((Cow::Borrowed(""), el.name_span()));
        if let Some(problem) = self.value_problem(ty, &text) {
            let message = format!("`<{}>` value `{}` {problem}", el.qname(), crate::rules::util::shorten(&text));
            let i = self.push(IssueKind::InvalidValue, span, el, message);
            i.decl = Some(decl_id);
            i.value_type = Some(SIMPLE_TYPES[ty as usize].name);
            i.help = value_hint(ty, &text);
        }
    }

    fn children(&mut self, el: El<'a>, decl_id: u32, particle: u32) {
        // The children that take part in validation, each with the declaration it names.
        let mut kids = self.kids_pool.pop().unwrap_or_default();
        let names = element_names(particle);
        for c in el.children() {
            if !self.validates(c.ns(), c.name_span(), c, c.qname()) {
                continue;
            }
            let (ns, local) = (c.ns(), c.local());
            let decl =
                names.iter().find(|&&d| ELEMENTS[d as usize].ns == ns && same_name(ELEMENTS[d as usize].name, local));
            match decl {
                Some(&d) => kids.push((c, Some(d))),
                None if wildcard_allows(particle, c.ns()) => kids.push((c, None)),
                None => {
                    let allowed: Vec<String> = names
                        .iter()
                        .map(|&d| qualified_name(self.m, ELEMENTS[d as usize].ns, ELEMENTS[d as usize].name))
                        .collect();
                    let suggestion = crate::rules::util::did_you_mean(c.local(), allowed.iter().map(String::as_str));
                    let i = self.push(
                        IssueKind::UnknownElement,
                        c.name_span(),
                        c,
                        format!("`<{}>` is not allowed in `<{}>`", c.qname(), el.qname()),
                    );
                    i.decl = Some(decl_id);
                    i.help = Some(match suggestion {
                        Some(s) => format!("did you mean `<{s}>`?"),
                        None if allowed.is_empty() => format!("`<{}>` has no child elements", el.qname()),
                        None => format!("it may contain {}", list_some(&allowed)),
                    });
                    // Its content still follows its own declaration when one exists
                    // elsewhere (a misplaced extension...): not judged here.
                }
            }
        }

        // Order and counts: match, and whenever the content stops matching, report the
        // child where it stops and try again without it.
        let mut removed: Vec<(El<'a>, Option<u32>)> = Vec::new();
        let mut reported = 0;
        let mut seq = std::mem::take(&mut self.seq);
        loop {
            seq.clear();
            seq.extend(kids.iter().map(|k| k.1));
            let mut matcher = Matcher { seq: &seq, missing: Vec::new() };
            let end = matcher.particle(particle, 0);
            // A build placeholder among the children (`@RESOURCE_LIST@`) stands for
            // elements that the template fills in: nothing can be missing.
            let templated = el.has_text() && el.text().is_some_and(|(t, _)| self.placeholder(&t));
            if end == seq.len() {
                for (p, count) in matcher.missing.into_iter().filter(|_| !templated) {
                    let p = if count == 0 { required_part(p) } else { p };
                    let part = &PARTICLES[p as usize];
                    let firsts = first_names(p);
                    // A child reported as misplaced is present, not missing.
                    if removed.iter().any(|(_, d)| d.is_some_and(|d| firsts.contains(&d))) {
                        continue;
                    }
                    let names: Vec<String> = firsts
                        .iter()
                        .map(|&d| {
                            format!("<{}>", qualified_name(self.m, ELEMENTS[d as usize].ns, ELEMENTS[d as usize].name))
                        })
                        .collect();
                    let what = if names.len() == 1 {
                        format!("`{}`", names[0])
                    } else {
                        format!("one of {}", list_some(&names))
                    };
                    let message = if count == 0 {
                        format!("`<{}>` has no {what}, which is required", el.qname())
                    } else {
                        format!("`<{}>` needs at least {} {what}; it has {count}", el.qname(), part.min)
                    };
                    let note =
                        firsts.first().map(|&d| declaration_note(self.m, ELEMENTS[d as usize].ns)).unwrap_or_default();
                    let i = self.push(IssueKind::MissingElement, el.name_span(), el, message);
                    i.decl = firsts.first().copied();
                    i.help = Some(format!("add {what} to `<{}>`{note}", el.qname()));
                }
                break;
            }
            let (bad, bad_decl) = kids[end];
            reported += 1;
            if reported > MAX_CHILD_ISSUES {
                break;
            }
            let message;
            let mut kind = IssueKind::Misplaced;
            let mut label = None;
            match bad_decl {
                Some(d) => {
                    let max = max_occurs(particle, d);
                    let seen = kids[..end].iter().filter(|k| k.1 == Some(d)).count();
                    let first = kids[..end].iter().find(|k| k.1 == Some(d)).map(|k| k.0);
                    if max.is_some_and(|m| seen as u32 >= m) {
                        let m = max.unwrap_or(1);
                        if m == 1 {
                            message = format!("`<{}>` may appear only once in `<{}>`", bad.qname(), el.qname());
                            label = first.map(|f| (f.name_span(), "first here".to_string()));
                        } else {
                            kind = IssueKind::TooMany;
                            let total = kids.iter().filter(|k| k.1 == Some(d)).count();
                            message = if total > seen + 1 {
                                format!(
                                    "`<{}>` may contain at most {m} `<{}>`; it has {total}, and this is number {}",
                                    el.qname(),
                                    bad.qname(),
                                    seen + 1
                                )
                            } else {
                                format!(
                                    "`<{}>` may contain at most {m} `<{}>`; this is number {}",
                                    el.qname(),
                                    bad.qname(),
                                    seen + 1
                                )
                            };
                        }
                    } else if let Some(before) = kids[..end]
                        .iter()
                        .rev()
                        .find(|k| k.1.is_some_and(|kd| order_of(particle, kd) > order_of(particle, d)))
                    {
                        message = format!(
                            "`<{}>` must come before `<{}>` in `<{}>`",
                            bad.qname(),
                            before.0.qname(),
                            el.qname()
                        );
                        label = Some((before.0.name_span(), format!("`<{}>` is here", before.0.qname())));
                    } else {
                        message = format!("`<{}>` is not allowed at this place in `<{}>`", bad.qname(), el.qname());
                    }
                }
                None => message = format!("`<{}>` is not allowed at this place in `<{}>`", bad.qname(), el.qname()),
            }
            let help = format!(
                "the schema orders the children of `<{}>` as: {}",
                el.qname(),
                describe_content(self.m, particle)
            );
            let i = self.push(kind, bad.name_span(), bad, message);
            i.decl = bad_decl;
            i.label = label;
            i.help = Some(help);
            if kind == IssueKind::TooMany {
                // One finding tells the count: every extra one is set aside at once.
                let mut at = end;
                while at < kids.len() {
                    if kids[at].1 == bad_decl {
                        removed.push(kids.remove(at));
                    } else {
                        at += 1;
                    }
                }
            } else {
                removed.push(kids.remove(end));
            }
        }

        self.seq = seq;

        for &(c, d) in kids.iter().chain(&removed) {
            if let Some(d) = d {
                self.element(c, d);
            }
        }
        kids.clear();
        self.kids_pool.push(kids);
    }

    /// Checks the identity constraint `cid` of `el`. Kept out of line so that profiles
    /// show the cost of identity constraints on their own.
    #[inline(never)]
    fn constraint(&mut self, el: El<'a>, cid: u32) {
        // The buffers are taken out for the duration, so that findings can be pushed
        // while they are borrowed.
        let mut ids = self.identity.take().expect("the index of check_deferred");
        if ids.index.as_mut().expect("built").may_select(cid) {
            self.check_constraint(&mut ids, el, cid);
        }
        self.identity = Some(ids);
    }

    /// Reports the repeated values (unique, key) or the values that name no key (keyref)
    /// among the elements that constraint `cid` selects under `el`, in document order;
    /// a repeated value points to its first occurrence.
    fn check_constraint(&mut self, ids: &mut Identity<'a>, el: El<'a>, cid: u32) {
        let c = &CONSTRAINTS[cid as usize];
        let index = ids.index.as_ref().expect("built");
        select(index, el, cid, &mut ids.selected);
        if ids.selected.is_empty() {
            return;
        }
        let tuples = &mut ids.tuples;
        tuples.clear(c.fields.len());
        match c.kind {
            ConstraintKind::Unique | ConstraintKind::Key => {
                tuples.reserve(ids.selected.len());
                for &t in &ids.selected {
                    if tuples.push(t, c.fields) && tuples.tuple(tuples.len() - 1).iter().any(|v| self.placeholder(v)) {
                        tuples.pop();
                    }
                }
                tuples.mark_firsts();
                for r in 0..tuples.len() {
                    let row = tuples.rows[r];
                    if row.first as usize == r {
                        continue;
                    }
                    let first = tuples.rows[row.first as usize].el;
                    let shown = tuples.tuple(r).join(", ");
                    let what = field_names(c.fields);
                    let t = row.el;
                    let i = self.push(
                        IssueKind::Duplicate,
                        row.span,
                        t,
                        format!(
                            "{what} `{}` of `<{}>` is already used by another `<{}>`",
                            crate::rules::util::shorten(&shown),
                            t.qname(),
                            first.qname()
                        ),
                    );
                    i.label = Some((first.name_span(), "first used here".into()));
                    i.constraint = Some(c.name);
                    i.help = Some(format!("each value must be unique ({})", c.name));
                }
            }
            ConstraintKind::KeyRef => {
                let Some(refer) = c.refer else { return };
                let Some((owner, key)) = find_key(el, refer) else { return };
                let key_c = &CONSTRAINTS[key as usize];
                select(index, owner, key, &mut ids.key_selected);
                let keys = &mut ids.keys;
                keys.clear(key_c.fields.len());
                keys.reserve(ids.key_selected.len());
                for &t in &ids.key_selected {
                    keys.push(t, key_c.fields);
                }
                keys.mark_firsts();
                tuples.reserve(ids.selected.len());
                for &t in &ids.selected {
                    if !tuples.push(t, c.fields) {
                        continue;
                    }
                    let r = tuples.len() - 1;
                    let values = tuples.tuple(r);
                    if values.iter().any(|v| self.placeholder(v)) || keys.contains(tuples.rows[r].hash, values) {
                        continue;
                    }
                    let i = self.push(
                        IssueKind::BadReference,
                        tuples.rows[r].span,
                        t,
                        format!(
                            "{} `{}` of `<{}>` names nothing declared ({})",
                            field_names(c.fields),
                            values.join(", "),
                            t.qname(),
                            refer
                        ),
                    );
                    i.constraint = Some(c.name);
                    i.help = Some(format!("it must name a value declared by {refer}"));
                }
            }
        }
    }
}

/// [`El::text`], read straight from the document's text when the element's character
/// data is one plain piece without a carriage return (most values: `.jpg`), which is what
/// `El::text` returns for it.
fn own_text<'a>(el: El<'a>) -> Option<(Cow<'a, str>, Span)> {
    use crate::manifest::xml::TextKind;
    let doc = el.tree.doc;
    let (a, b) = doc.element(el.id).texts;
    if b == a + 1 {
        let t = &doc.texts[a as usize];
        if t.parent == el.id && t.kind == TextKind::Text {
            let raw = &el.tree.text[t.span.range()];
            if !has_byte(raw.as_bytes(), b'\r') {
                return Some((Cow::Borrowed(raw), t.span));
            }
        }
    }
    el.text()
}

/// Whether two names are the same, compared eight bytes at a time without a call (names
/// are short: a call to `memcmp` cost more than the comparison).
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().expect("8 bytes"));
    let n = a.len();
    if n < 8 {
        let short = |s: &[u8]| s.iter().fold(0u64, |w, &x| w << 8 | u64::from(x));
        return short(a) == short(b);
    }
    let mut at = 0;
    while at + 8 <= n {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    word(a, n - 8) == word(b, n - 8)
}

/// Whether `bytes` holds `b`, eight bytes at a time (values are short: the library's
/// search has more to set up).
fn has_byte(bytes: &[u8], b: u8) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().expect("8 bytes")) ^ (ONES * u64::from(b));
        if x.wrapping_sub(ONES) & !x & (ONES << 7) != 0 {
            return true;
        }
    }
    chunks.remainder().contains(&b)
}

/// The `Extension` elements that a container of extensions accepts, each with the
/// categories it allows: the container is named by its complex type
/// (`CT_ApplicationExtensions` for `Application/Extensions`, `CT_PackageExtensions` for
/// `Package/Extensions`, `CT_ComPackageExtensions` for `Package/com:Extensions`).
pub fn extension_categories(container_type: &str) -> Vec<(NsId, Vec<&'static str>)> {
    let mut out: Vec<(NsId, Vec<&'static str>)> = Vec::new();
    for ct in COMPLEX_TYPES.iter().filter(|t| t.name == container_type) {
        let Content::Elements(p) = ct.content else { continue };
        for &d in element_names(p) {
            let decl = &ELEMENTS[d as usize];
            let ElementType::Complex(t) = decl.ty else { continue };
            if decl.name != "Extension" {
                continue;
            }
            let mut categories = Vec::new();
            for a in COMPLEX_TYPES[t as usize].attrs.iter().filter(|a| a.name == "Category") {
                for step in SIMPLE_TYPES[a.ty as usize].steps {
                    categories.extend(step.enums.iter().copied());
                }
            }
            match out.iter_mut().find(|(ns, _)| *ns == decl.ns) {
                Some((_, cs)) => cs.extend(categories),
                None => out.push((decl.ns, categories)),
            }
        }
    }
    for (_, cs) in &mut out {
        cs.sort_unstable();
        cs.dedup();
    }
    out
}

/// Finds the key or unique constraint `name` on `el` or an ancestor, with its owner.
fn find_key<'a>(el: El<'a>, name: &str) -> Option<(El<'a>, u32)> {
    // Declarations are not kept per element; the key is looked up among the constraints
    // of the declarations named like each ancestor, gathered once from the tables: for a
    // (namespace, element name, constraint name), the first such constraint of the first
    // declaration (in table order) that has one.
    type Keys = HashMap<(NsId, &'static str, &'static str), u32, BuildHasherDefault<Fx>>;
    static KEYS: OnceLock<Keys> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let mut out = Keys::default();
        for d in ELEMENTS.iter() {
            for &k in d.constraints {
                out.entry((d.ns, d.name, CONSTRAINTS[k as usize].name)).or_insert(k);
            }
        }
        out
    });
    let mut cur = Some(el);
    while let Some(e) = cur {
        if let Some(&k) = keys.get(&(e.ns(), e.local(), name)) {
            return Some((e, k));
        }
        cur = e.parent();
    }
    None
}

/// The identity-constraint state of one validation: the selector index, built on the
/// first constraint, and buffers that every constraint reuses, so that checking one
/// allocates nothing once they have grown.
#[derive(Default)]
struct Identity<'a> {
    index: Option<Index>,
    /// The elements the constraint being checked selects.
    selected: Vec<El<'a>>,
    /// Their field values.
    tuples: Tuples<'a>,
    /// For a keyref: the elements the referenced key selects, and their field values.
    key_selected: Vec<El<'a>>,
    keys: Tuples<'a>,
}

/// The elements of a document that selector paths step through. Selectors look up the
/// last step of their path and check its ancestors by number, never walking the tree or
/// comparing names.
struct Index {
    /// For each element, its step number (see [`steps`]), or [`NO_STEP`].
    step_of: Vec<u32>,
    /// The elements of each step, in document order, one step after the other (a
    /// counting sort of `step_of`: two allocations per document, not one per step).
    ids: Vec<ElemId>,
    /// Where the elements of each step start in `ids`, and where the last ends.
    starts: Vec<u32>,
    /// For each constraint, once asked: whether one of its selector paths has only steps
    /// that elements of the document take ([`Index::may_select`]).
    live: Vec<Option<bool>>,
}

/// The step number of an element that no selector path names.
const NO_STEP: u32 = u32::MAX;

impl Index {
    /// The index of a document whose elements have the step numbers `step_of`.
    fn build(step_of: Vec<u32>) -> Index {
        let names = steps();
        let mut starts = vec![0u32; names.len() + 1];
        for &s in &step_of {
            if s != NO_STEP {
                starts[s as usize + 1] += 1;
            }
        }
        for s in 1..starts.len() {
            starts[s] += starts[s - 1];
        }
        let mut next = starts.clone();
        let mut ids = vec![0; starts[names.len()] as usize];
        for (id, &s) in (0..).zip(&step_of) {
            if s != NO_STEP {
                ids[next[s as usize] as usize] = id;
                next[s as usize] += 1;
            }
        }
        Index { step_of, ids, starts, live: vec![None; CONSTRAINTS.len()] }
    }

    /// False when constraint `cid` selects nothing anywhere in the document: each of its
    /// selector paths has a step that no element takes. Most constraints are on elements
    /// that every document has (`Package`, `Application`) and select elements that few
    /// have, so most are settled by this once per document.
    fn may_select(&mut self, cid: u32) -> bool {
        match self.live[cid as usize] {
            Some(live) => live,
            None => {
                let live = path_steps(cid).iter().any(|p| p.iter().all(|&s| self.has(s)));
                self.live[cid as usize] = Some(live);
                live
            }
        }
    }

    /// The elements of step `s`, in document order.
    fn of(&self, s: u32) -> &[ElemId] {
        &self.ids[self.starts[s as usize] as usize..self.starts[s as usize + 1] as usize]
    }

    /// Whether the document has an element of step `s`.
    fn has(&self, s: u32) -> bool {
        self.starts[s as usize] != self.starts[s as usize + 1]
    }
}

/// Every (namespace, local name) that a selector path steps through, numbered in order of
/// first appearance.
fn steps() -> &'static NameTable {
    static STEPS: OnceLock<NameTable> = OnceLock::new();
    STEPS.get_or_init(|| {
        let mut names: Vec<(NsId, &'static str)> = Vec::new();
        for &step in CONSTRAINTS.iter().flat_map(|c| c.paths.iter()).flat_map(|p| p.iter()) {
            if !names.contains(&step) {
                names.push(step);
            }
        }
        NameTable::new(&names)
    })
}

/// A fixed map from the (namespace, local name) pairs of the schemas to their numbers
/// (their place in the list it is built from), looked up with every element of a document.
/// Most lookups are for names that are not in it: a slot is picked from the namespace, the
/// length and three bytes of the name, with no pass over the whole name, and a name is
/// compared only with an entry that agrees on all of those.
struct NameTable {
    /// Open addressing with linear probing; `u32::MAX` marks an empty slot.
    slots: Box<[(NsId, &'static str, u32)]>,
    shift: u32,
    len: usize,
}

impl NameTable {
    fn new(names: &[(NsId, &'static str)]) -> NameTable {
        let bits = (names.len() * 4).next_power_of_two().max(16).trailing_zeros();
        let mut slots = vec![(NsId::NONE, "", u32::MAX); 1 << bits].into_boxed_slice();
        let mask = slots.len() - 1;
        for (n, &(ns, name)) in (0..).zip(names) {
            let mut i = Self::slot(ns, name.as_bytes(), 64 - bits);
            while slots[i].2 != u32::MAX {
                i = (i + 1) & mask;
            }
            slots[i] = (ns, name, n);
        }
        NameTable { slots, shift: 64 - bits, len: names.len() }
    }

    /// How many names it holds.
    fn len(&self) -> usize {
        self.len
    }

    fn slot(ns: NsId, name: &[u8], shift: u32) -> usize {
        let (first, mid, last) = match name {
            [] => (0, 0, 0),
            [first, .., last] => (*first, name[name.len() / 2], *last),
            [only] => (*only, *only, *only),
        };
        let key = u64::from(ns.0) << 48
            | (name.len() as u64 & 0xff_ffff) << 24
            | u64::from(first) << 16
            | u64::from(mid) << 8
            | u64::from(last);
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> shift) as usize
    }

    fn get(&self, ns: NsId, name: &str) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = Self::slot(ns, name.as_bytes(), self.shift);
        loop {
            let (slot_ns, slot_name, n) = self.slots[i];
            if n == u32::MAX {
                return None;
            }
            if slot_ns == ns && slot_name.len() == name.len() && slot_name == name {
                return Some(n);
            }
            i = (i + 1) & mask;
        }
    }
}

/// For each element declaration, the step number of its name, or [`NO_STEP`].
fn decl_steps() -> &'static [u32] {
    static ALL: OnceLock<Vec<u32>> = OnceLock::new();
    ALL.get_or_init(|| ELEMENTS.iter().map(|d| steps().get(d.ns, d.name).unwrap_or(NO_STEP)).collect())
}

/// For each constraint, each selector path as [`steps`] numbers.
fn path_steps(cid: u32) -> &'static [Box<[u32]>] {
    static ALL: OnceLock<Vec<Vec<Box<[u32]>>>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let names = steps();
        CONSTRAINTS
            .iter()
            .map(|c| {
                c.paths
                    .iter()
                    .map(|p| p.iter().map(|&(ns, name)| names.get(ns, name).expect("a step")).collect())
                    .collect()
            })
            .collect()
    });
    &all[cid as usize]
}

/// Fills `out` with the elements that the selector paths of `cid` (child steps from
/// `el`) reach, in document order: each path's last step is looked up in the index and
/// its candidates kept when their ancestors spell the rest of the path up to `el`.
fn select<'a>(index: &Index, el: El<'a>, cid: u32, out: &mut Vec<El<'a>>) {
    out.clear();
    let range = el.tree.doc.descendants(el.id);
    let paths = path_steps(cid);
    for path in paths {
        let Some((&last, rest)) = path.split_last() else {
            out.push(el);
            continue;
        };
        // A path with a step that no element of the document takes selects nothing: the
        // candidates of its last step (`FileType` for the `FileType` of a `ShareTarget`,
        // in a document with none) need not be looked at.
        if !rest.iter().all(|&s| index.has(s)) {
            continue;
        }
        let ids = index.of(last);
        let from = ids.partition_point(|&id| id < range.start);
        let depth = el.depth() + path.len();
        'candidates: for &id in ids[from..].iter().take_while(|&&id| id < range.end) {
            let t = el.tree.el(id);
            if t.depth() != depth {
                continue;
            }
            let mut up = t;
            for &step in rest.iter().rev() {
                match up.parent() {
                    Some(p) if index.step_of[p.id as usize] == step => up = p,
                    _ => continue 'candidates,
                }
            }
            out.push(t);
        }
    }
    if paths.len() > 1 {
        out.sort_by_key(|e| e.id);
        out.dedup_by_key(|e| e.id);
    }
}

/// The field values of selected elements, one tuple per element, kept flat: a constraint
/// has the same number of fields for every element, and one buffer serves all.
#[derive(Default)]
struct Tuples<'a> {
    width: usize,
    values: Vec<Cow<'a, str>>,
    rows: Vec<Row<'a>>,
    /// The first row of each distinct tuple, by hash with linear probing (`u32::MAX` is
    /// an empty slot), once [`Tuples::mark_firsts`] ran.
    slots: Vec<u32>,
}

/// One tuple of [`Tuples`]: its hash, element, where to point (the first field) and the
/// first row with the same values (itself when none comes before).
#[derive(Clone, Copy)]
struct Row<'a> {
    hash: u64,
    el: El<'a>,
    span: Span,
    first: u32,
}

impl<'a> Tuples<'a> {
    /// Empties the table for tuples of `width` fields.
    fn clear(&mut self, width: usize) {
        self.width = width;
        self.values.clear();
        self.rows.clear();
        self.slots.clear();
    }

    /// Makes room for `n` more tuples.
    fn reserve(&mut self, n: usize) {
        self.rows.reserve(n);
        self.values.reserve(n * self.width);
    }

    fn len(&self) -> usize {
        self.rows.len()
    }

    fn tuple(&self, row: usize) -> &[Cow<'a, str>] {
        &self.values[row * self.width..(row + 1) * self.width]
    }

    /// Adds the field values of a selected element; `false` (and nothing added) when a
    /// field is absent: the element then takes no part in the constraint.
    fn push(&mut self, el: El<'a>, fields: &[Field]) -> bool {
        let start = self.values.len();
        let mut span = None;
        for f in fields {
            let value = match f {
                Field::Attr(ns, name) => el.attr_ns(*ns, name).map(|a| {
                    span.get_or_insert(a.value_span());
                    Cow::Borrowed(a.value().trim())
                }),
                Field::SelfText => own_text(el).map(|(t, s)| {
                    span.get_or_insert(s);
                    match t {
                        Cow::Borrowed(t) => Cow::Borrowed(t.trim()),
                        Cow::Owned(t) => Cow::Owned(t.trim().to_string()),
                    }
                }),
            };
            match value {
                Some(v) => self.values.push(v),
                None => {
                    self.values.truncate(start);
                    return false;
                }
            }
        }
        let hash = hash_values(&self.values[start..]);
        let first = self.rows.len() as u32;
        self.rows.push(Row { hash, el, span: span.unwrap_or(el.name_span()), first });
        true
    }

    /// Removes the last tuple.
    fn pop(&mut self) {
        self.rows.pop();
        self.values.truncate(self.rows.len() * self.width);
    }

    /// Sets each row's `first`: the earliest row with the same values. Rows are put in
    /// a table by hash in document order, a row whose values are there already pointing
    /// to the row found: a linear pass, where sorting the rows cost n log n comparisons.
    fn mark_firsts(&mut self) {
        let Tuples { width, values, rows, slots } = self;
        let size = (rows.len() * 2).next_power_of_two().max(8);
        slots.clear();
        slots.resize(size, u32::MAX);
        let mask = size - 1;
        let tuple = |r: usize| &values[r * *width..(r + 1) * *width];
        for r in 0..rows.len() {
            let hash = rows[r].hash;
            let mut i = hash as usize & mask;
            loop {
                let at = slots[i];
                if at == u32::MAX {
                    slots[i] = r as u32;
                    rows[r].first = r as u32;
                    break;
                }
                if rows[at as usize].hash == hash && tuple(at as usize) == tuple(r) {
                    rows[r].first = at;
                    break;
                }
                i = (i + 1) & mask;
            }
        }
    }

    /// Whether a tuple equal to `values` (of hash `hash`) is in the table; after
    /// [`Tuples::mark_firsts`].
    fn contains(&self, hash: u64, values: &[Cow<'_, str>]) -> bool {
        if self.slots.is_empty() {
            return false;
        }
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let at = self.slots[i];
            if at == u32::MAX {
                return false;
            }
            if self.rows[at as usize].hash == hash && self.tuple(at as usize) == values {
                return true;
            }
            i = (i + 1) & mask;
        }
    }
}

/// The hash of a tuple of field values (each value's length is hashed with it, so that
/// ("ab", "c") and ("a", "bc") differ).
fn hash_values(values: &[Cow<'_, str>]) -> u64 {
    use std::hash::Hasher;
    let mut h = Fx::default();
    for v in values {
        h.write(v.as_bytes());
    }
    h.finish()
}

#[cfg(test)]
mod identity_tests {
    use super::*;
    use crate::manifest::Tree;
    use crate::manifest::xml::parse;

    /// [`Index::build`] numbers elements of any namespace, where the index it replaced
    /// kept only those of the schema set: the same as long as every step is in it.
    #[test]
    fn selector_steps_are_in_the_schema_set() {
        for c in CONSTRAINTS.iter() {
            for &(ns, name) in c.paths.iter().flat_map(|p| p.iter()) {
                assert!(in_schema_set(ns), "{}: step {name} outside the schema set", c.name);
            }
        }
    }

    /// The table of selector steps finds each step under its number, and no other name
    /// of the schemas (nor near misses of the steps' names).
    #[test]
    fn name_table_finds_exactly_its_names() {
        let mut names: Vec<(NsId, &'static str)> = Vec::new();
        for &step in CONSTRAINTS.iter().flat_map(|c| c.paths.iter()).flat_map(|p| p.iter()) {
            if !names.contains(&step) {
                names.push(step);
            }
        }
        let table = steps();
        assert_eq!(table.len(), names.len());
        for (n, &(ns, name)) in (0..).zip(&names) {
            assert_eq!(table.get(ns, name), Some(n), "{name}");
            for other in [format!("{name}s"), name[1..].to_string(), name.to_lowercase(), String::new()] {
                if !names.contains(&(ns, other.as_str())) {
                    assert_eq!(table.get(ns, &other), None, "{other}");
                }
            }
            assert_eq!(table.get(NsId(ns.0 + 1000), name), None, "{name}");
        }
        for d in ELEMENTS.iter() {
            let expected = names.iter().position(|&n| n == (d.ns, d.name)).map(|p| p as u32);
            assert_eq!(table.get(d.ns, d.name), expected, "{}", d.name);
        }
    }

    /// The findings of identity constraints, checked after the walk, come where they would
    /// have come had each been checked when the walk met its element: after the findings
    /// in that element, before those of its later siblings.
    #[test]
    fn deferred_constraints_keep_their_place() {
        let app = |id: &str, extra: &str, types: &str| {
            format!(
                r#"<Application Id="{id}" Executable="a.exe" EntryPoint="A.App" {extra}><uap:VisualElements DisplayName="A" Description="A" BackgroundColor="transparent" Square150x150Logo="a.png" Square44x44Logo="b.png"/><Extensions><uap:Extension Category="windows.shareTarget"><uap:ShareTarget><uap:SupportedFileTypes>{types}</uap:SupportedFileTypes></uap:ShareTarget></uap:Extension></Extensions></Application>"#
            )
        };
        let dup = "<uap:FileType>.a</uap:FileType><uap:FileType>.a</uap:FileType>";
        let text = format!(
            r#"<Package xmlns="http://schemas.microsoft.com/appx/manifest/foundation/windows10" xmlns:uap="http://schemas.microsoft.com/appx/manifest/uap/windows10"><Identity Name="A.B" Publisher="CN=A" Version="1.0.0.0"/><Properties><DisplayName>A</DisplayName><PublisherDisplayName>A</PublisherDisplayName><Logo>a.png</Logo></Properties><Dependencies><TargetDeviceFamily Name="Windows.Desktop" MinVersion="10.0.17763.0" MaxVersionTested="10.0.19041.0"/></Dependencies><Resources><Resource Language="en-us"/></Resources><Applications>{}{}{}</Applications><Bogus/></Package>"#,
            app("A", "Wrong=\"1\"", dup),
            app("B", "", dup),
            app("A", "Worse=\"1\"", "<uap:FileType>.b</uap:FileType>")
        );
        let doc = parse(&text).expect("parses");
        let m = Manifest::new(crate::manifest::Tree::new(&text, &doc)).expect("a manifest");
        let kinds: Vec<IssueKind> = validate(&m).iter().map(|i| i.kind).collect();
        use IssueKind::*;
        assert_eq!(
            kinds,
            [UnknownElement, UnknownAttribute, Duplicate, Duplicate, UnknownAttribute, Duplicate],
            "{:#?}",
            validate(&m)
        );
    }

    /// Rows whose hashes all collide are still told apart by their values: each points
    /// to the first equal row, and lookups find exactly the tuples present.
    #[test]
    fn tuples_survive_hash_collisions() {
        let text = "<a/>";
        let doc = parse(text).expect("parses");
        let el = Tree::new(text, &doc).el(0);
        let mut tuples = Tuples::default();
        tuples.clear(1);
        for (r, v) in ["b", "a", "b", "c", "a", "b"].into_iter().enumerate() {
            tuples.values.push(Cow::Borrowed(v));
            tuples.rows.push(Row { hash: 7, el, span: Span::EMPTY, first: r as u32 });
        }
        tuples.mark_firsts();
        let firsts: Vec<u32> = tuples.rows.iter().map(|r| r.first).collect();
        assert_eq!(firsts, [0, 1, 0, 3, 1, 0]);
        for v in ["a", "b", "c"] {
            assert!(tuples.contains(7, &[Cow::Borrowed(v)]));
        }
        assert!(!tuples.contains(7, &[Cow::Borrowed("d")]));
        assert!(!tuples.contains(8, &[Cow::Borrowed("a")]));
    }

    #[test]
    fn tuples_of_real_hashes() {
        let text = "<a/>";
        let doc = parse(text).expect("parses");
        let el = Tree::new(text, &doc).el(0);
        let mut tuples = Tuples::default();
        tuples.clear(2);
        let rows = [["x", "1"], ["x", "2"], ["x", "1"], ["", "x1"], ["x1", ""], ["x", "2"]];
        for (r, vs) in rows.into_iter().enumerate() {
            tuples.values.extend(vs.map(Cow::Borrowed));
            let hash = hash_values(tuples.tuple(r));
            tuples.rows.push(Row { hash, el, span: Span::EMPTY, first: r as u32 });
        }
        tuples.mark_firsts();
        let firsts: Vec<u32> = tuples.rows.iter().map(|r| r.first).collect();
        assert_eq!(firsts, [0, 1, 0, 3, 4, 1]);
        let probe = [Cow::Borrowed("x1"), Cow::Borrowed("")];
        assert!(tuples.contains(hash_values(&probe), &probe));
        let probe = [Cow::Borrowed("x"), Cow::Borrowed("3")];
        assert!(!tuples.contains(hash_values(&probe), &probe));
    }
}

fn field_names(fields: &[Field]) -> String {
    let names: Vec<String> = fields
        .iter()
        .map(|f| match f {
            Field::Attr(_, n) => n.to_string(),
            Field::SelfText => "the value".to_string(),
        })
        .collect();
    names.join(" and ")
}

/// How a user would write a name: with the prefix this manifest (or convention) uses.
fn qualified_name(m: &Manifest<'_>, ns: NsId, name: &str) -> String {
    if ns == NsId::NONE || ns == NsId::FOUNDATION {
        return name.to_string();
    }
    crate::rules::util::qualify(&crate::rules::util::ns_binding(m, ns).0, name)
}

/// For a help line that adds an element or attribute of `ns`: ` (declare xmlns:p="..." on
/// <Package> first)` when the manifest does not bind the namespace, else nothing.
fn declaration_note(m: &Manifest<'_>, ns: NsId) -> String {
    if ns == NsId::NONE || ns == NsId::FOUNDATION {
        return String::new();
    }
    crate::rules::util::ns_binding(m, ns).1.map(|d| format!(" ({d} first)")).unwrap_or_default()
}

fn list_some(names: &[String]) -> String {
    let mut v: Vec<&String> = names.iter().collect();
    v.dedup();
    if v.len() > 12 {
        let shown: Vec<&str> = v[..10].iter().map(|s| s.as_str()).collect();
        format!("{} and {} more", shown.join(", "), v.len() - 10)
    } else {
        v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// Every element declaration a particle can match (computed once per particle).
fn element_names(p: u32) -> &'static [u32] {
    static NAMES: [OnceLock<Vec<u32>>; PARTICLES.len()] = [const { OnceLock::new() }; PARTICLES.len()];
    NAMES[p as usize].get_or_init(|| {
        let mut out = Vec::new();
        collect_elements(p, &mut out);
        out
    })
}

fn collect_elements(p: u32, out: &mut Vec<u32>) {
    match &PARTICLES[p as usize].term {
        Term::Element(e) => {
            if !out.contains(e) {
                out.push(*e)
            }
        }
        Term::Any { .. } => {}
        Term::Sequence(ps) | Term::Choice(ps) | Term::All(ps) => ps.iter().for_each(|&q| collect_elements(q, out)),
    }
}

fn wildcard_allows(p: u32, ns: NsId) -> bool {
    match &PARTICLES[p as usize].term {
        Term::Any { namespace, .. } => *namespace == "##any" || (*namespace == "##other" && ns != NsId::NONE),
        Term::Element(_) => false,
        Term::Sequence(ps) | Term::Choice(ps) | Term::All(ps) => ps.iter().any(|&q| wildcard_allows(q, ns)),
    }
}

/// The position of the top-level part of a content model that holds `decl` (for "must
/// come before" messages).
fn order_of(p: u32, decl: u32) -> usize {
    match &PARTICLES[p as usize].term {
        Term::Sequence(ps) => ps.iter().position(|&q| element_names(q).contains(&decl)).unwrap_or(usize::MAX),
        _ => 0,
    }
}

/// The largest number of times `decl` may appear in the content, when it is bounded.
fn max_occurs(p: u32, decl: u32) -> Option<u32> {
    fn walk(p: u32, decl: u32, mult: u64) -> Option<u64> {
        let part = &PARTICLES[p as usize];
        let m = if part.max == u32::MAX { u64::MAX } else { mult.saturating_mul(part.max as u64) };
        match &part.term {
            Term::Element(e) if *e == decl => Some(m),
            Term::Element(_) | Term::Any { .. } => None,
            Term::Sequence(ps) | Term::Choice(ps) | Term::All(ps) => ps.iter().find_map(|&q| walk(q, decl, m)),
        }
    }
    walk(p, decl, 1).filter(|&m| m != u64::MAX).map(|m| m.min(u32::MAX as u64) as u32)
}

/// What can start an occurrence of a particle's term: element declarations (sorted), and
/// whether a wildcard can.
struct FirstSet {
    elements: Vec<u32>,
    /// The same declarations in the order of the content model, as met.
    in_order: Vec<u32>,
    any: bool,
}

/// The [`FirstSet`] of `p`, computed once: content models are matched child by child,
/// and a choice among a hundred extensions would otherwise be walked for every child.
fn first_set(p: u32) -> &'static FirstSet {
    fn walk(p: u32, out: &mut FirstSet) {
        match &PARTICLES[p as usize].term {
            Term::Element(e) => out.in_order.push(*e),
            Term::Any { .. } => out.any = true,
            Term::Choice(ps) | Term::All(ps) => ps.iter().for_each(|&q| walk(q, out)),
            // A sequence starts with its first part, or a later one when all before it
            // can be empty.
            Term::Sequence(ps) => {
                for &q in ps.iter() {
                    walk(q, out);
                    if !nullable(q) {
                        break;
                    }
                }
            }
        }
    }
    static SETS: [OnceLock<FirstSet>; PARTICLES.len()] = [const { OnceLock::new() }; PARTICLES.len()];
    SETS[p as usize].get_or_init(|| {
        let mut out = FirstSet { elements: Vec::new(), in_order: Vec::new(), any: false };
        walk(p, &mut out);
        out.elements = out.in_order.clone();
        out.elements.sort_unstable();
        out.elements.dedup();
        out
    })
}

/// The elements that can start a particle, in the order of the content model (for
/// messages).
fn first_names(p: u32) -> &'static [u32] {
    &first_set(p).in_order
}

/// The part of a group that makes it required: the first required member of a sequence
/// (or of an `xs:all`), followed down; a choice or an element is itself.
fn required_part(p: u32) -> u32 {
    match &PARTICLES[p as usize].term {
        Term::Sequence(ps) | Term::All(ps) => ps.iter().find(|&&q| !nullable(q)).map_or(p, |&q| required_part(q)),
        _ => p,
    }
}

/// True when the particle can match no element at all.
fn nullable(p: u32) -> bool {
    PARTICLES[p as usize].min == 0 || term_nullable(p)
}

/// True when one occurrence of the particle's term can match no element.
fn term_nullable(p: u32) -> bool {
    match &PARTICLES[p as usize].term {
        Term::Element(_) | Term::Any { .. } => false,
        Term::Sequence(ps) | Term::All(ps) => ps.iter().all(|&q| nullable(q)),
        Term::Choice(ps) => ps.iter().any(|&q| nullable(q)),
    }
}

/// A readable outline of a content model: `Path, Arguments?, Instancing, ActivatableClass+`.
fn describe_content(m: &Manifest<'_>, p: u32) -> String {
    fn walk(m: &Manifest<'_>, p: u32, top: bool) -> String {
        let part = &PARTICLES[p as usize];
        let suffix = match (part.min, part.max) {
            (1, 1) => String::new(),
            (0, 1) => "?".into(),
            (0, u32::MAX) => "*".into(),
            (1, u32::MAX) => "+".into(),
            (lo, u32::MAX) => format!("{{{lo},}}"),
            (lo, hi) => format!("{{{lo},{hi}}}"),
        };
        let inner = match &part.term {
            Term::Element(e) => qualified_name(m, ELEMENTS[*e as usize].ns, ELEMENTS[*e as usize].name),
            Term::Any { .. } => "any element".into(),
            Term::Sequence(ps) => {
                let s: Vec<String> = ps.iter().map(|&q| walk(m, q, false)).collect();
                if top && suffix.is_empty() { s.join(", ") } else { format!("({})", s.join(", ")) }
            }
            Term::Choice(ps) => {
                let s: Vec<String> = ps.iter().map(|&q| walk(m, q, false)).collect();
                if s.len() > 8 { format!("(one of {} elements)", s.len()) } else { format!("({})", s.join(" | ")) }
            }
            Term::All(ps) => {
                let s: Vec<String> = ps.iter().map(|&q| walk(m, q, false)).collect();
                format!("any order of ({})", s.join(", "))
            }
        };
        format!("{inner}{suffix}")
    }
    walk(m, p, true)
}

/// Matches a sequence of children (each by its declaration, `None` for wildcard
/// matches) against a particle. UPA guarantees that a child can start at most one
/// branch, so matching is greedy.
struct Matcher<'s> {
    seq: &'s [Option<u32>],
    /// Particles whose minimum was not reached, with the count reached.
    missing: Vec<(u32, u32)>,
}

impl Matcher<'_> {
    /// True when the child at `i` can start an occurrence of `p`.
    fn starts(&self, p: u32, i: usize) -> bool {
        let Some(&kid) = self.seq.get(i) else { return false };
        let first = first_set(p);
        match kid {
            Some(e) => first.elements.binary_search(&e).is_ok(),
            None => first.any,
        }
    }

    /// Matches `p` (with its occurrence bounds) from `i`; returns where it stops.
    fn particle(&mut self, p: u32, mut i: usize) -> usize {
        let part = &PARTICLES[p as usize];
        let mut count = 0u32;
        // An element starts an occurrence of itself only, which takes one child: the run
        // of children that name it (most content is such runs: `<uap:FileType>`s).
        if let Term::Element(e) = part.term {
            while count < part.max && self.seq.get(i) == Some(&Some(e)) {
                i += 1;
                count += 1;
            }
            if count < part.min {
                self.missing.push((p, count));
            }
            return i;
        }
        while count < part.max && self.starts(p, i) {
            let next = self.once(p, i);
            if next == i {
                break;
            }
            i = next;
            count += 1;
        }
        // A required group that does not start where expected (its first element is
        // missing or misplaced) is still entered, so that its later elements match and
        // the missing one is named precisely.
        if count == 0 && part.min > 0 && matches!(part.term, Term::Sequence(_) | Term::All(_)) && i < self.seq.len() {
            let next = self.once(p, i);
            if next > i {
                i = next;
                count = 1;
                while count < part.max && self.starts(p, i) {
                    let next = self.once(p, i);
                    if next == i {
                        break;
                    }
                    i = next;
                    count += 1;
                }
            }
        }
        if count < part.min && !term_nullable(p) {
            self.missing.push((p, count));
        }
        i
    }

    /// Matches one occurrence of the term of `p`.
    fn once(&mut self, p: u32, i: usize) -> usize {
        match &PARTICLES[p as usize].term {
            Term::Element(_) | Term::Any { .. } => i + 1,
            Term::Sequence(ps) => {
                let mut j = i;
                for &q in ps.iter() {
                    j = self.particle(q, j);
                }
                j
            }
            Term::Choice(ps) => match ps.iter().find(|&&q| self.starts(q, i)) {
                Some(&q) => self.particle(q, i),
                None => i,
            },
            Term::All(ps) => {
                let mut used = vec![false; ps.len()];
                let mut j = i;
                while let Some(k) = ps.iter().enumerate().position(|(k, &q)| !used[k] && self.starts(q, j)) {
                    used[k] = true;
                    j = self.particle(ps[k], j);
                }
                for (k, &q) in ps.iter().enumerate() {
                    if !used[k] && !nullable(q) {
                        self.missing.push((q, 0));
                    }
                }
                j
            }
        }
    }
}

// ---- simple types -------------------------------------------------------------------

fn regex(id: u32) -> &'static Regex {
    static COMPILED: [OnceLock<Regex>; PATTERNS.len()] = [const { OnceLock::new() }; PATTERNS.len()];
    COMPILED[id as usize].get_or_init(|| compile(PATTERNS[id as usize].regex))
}

fn compile(pattern: &str) -> Regex {
    // Values are short: a small lazy-DFA cache per pattern (and thread) does, where
    // the default would let 116 patterns grow to megabytes each.
    regex::RegexBuilder::new(pattern).dfa_size_limit(256 * 1024).build().expect("schema patterns compile (tested)")
}

/// Whether `v` matches the schema pattern `id`.
///
/// Compiling a pattern costs more than checking thousands of values, and a run over one
/// manifest compiles each pattern it meets: the costly ones are made cheap here. A
/// pattern with a large counted repetition (`[^\n\r]{1,256}`, a few milliseconds to
/// compile as UTF-8 automata) is first matched without the upper bound; the exact
/// pattern is compiled only for a value long enough to exceed a bound. The commonest
/// pattern (a non-empty string without surrounding whitespace) is checked by hand, and so
/// are the patterns that only list words (the color names of `ST_Color`, which a union
/// would otherwise compile a dozen of to check one color). The others are lazy DFAs
/// driven here one byte at a time, with a cache per thread (the regex crate shares its
/// caches through a pool, and its search setup outweighs a 20-byte value). Tests hold
/// all of these to the regex crate's verdict.
fn pattern_matches(id: u32, v: &str) -> bool {
    check_matches(id, how(id), v)
}

/// [`pattern_matches`] with the pattern's [`Check`] at hand.
fn check_matches(id: u32, check: &Check, v: &str) -> bool {
    match check {
        Check::TrimmedNonEmpty => trimmed_non_empty(v),
        Check::Words(words) => words.contains(&v),
        Check::Dfa(dfa, bound, shape) => {
            // A value with other characters than ASCII never matches a shape: the DFA judges it.
            if let Some(shape) = shape {
                let matched = shape.matches(v.as_bytes());
                if matched || v.is_ascii() {
                    return matched;
                }
            }
            match dfa.get().and_then(|dfa| dfa_matches(id, dfa, v)) {
                Some(matched) => matched && bound.is_none_or(|b| v.chars().count() <= b || regex(id).is_match(v)),
                None => regex(id).is_match(v),
            }
        }
    }
}

/// How the pattern `id` is checked, chosen on first use.
fn how(id: u32) -> &'static Check {
    static HOW: [OnceLock<Check>; PATTERNS.len()] = [const { OnceLock::new() }; PATTERNS.len()];
    HOW[id as usize].get_or_init(|| {
        let pattern = PATTERNS[id as usize].regex;
        if pattern == TRIMMED_NON_EMPTY {
            Check::TrimmedNonEmpty
        } else if let Some(words) = pattern_words(id) {
            Check::Words(words)
        } else {
            let (loose, bound) = match loosen(pattern) {
                Some((loose, bound)) => (Cow::Owned(loose), Some(bound)),
                None => (Cow::Borrowed(pattern), None),
            };
            Check::Dfa(DfaCell { pattern: loose, dfa: OnceLock::new() }, bound, Shape::of(pattern).map(Box::new))
        }
    })
}

/// How a pattern is checked, chosen once per pattern (see [`pattern_matches`]).
enum Check {
    TrimmedNonEmpty,
    Words(&'static [&'static str]),
    /// A DFA of the pattern, or of the pattern without its large upper bounds and the
    /// smallest of those bounds (a value longer than it goes to the exact pattern); and the
    /// pattern's [`Shape`] when it has one, which checks ASCII values without the DFA.
    Dfa(DfaCell, Option<usize>, Option<Box<Shape>>),
}

type LazyDfa = regex_automata::hybrid::dfa::DFA;

/// The DFA of a pattern, built when a value first needs it: a pattern with a [`Shape`]
/// needs it only for values with other characters than ASCII, and compiling it is most
/// of what checking one manifest costs.
struct DfaCell {
    pattern: Cow<'static, str>,
    dfa: OnceLock<Option<Box<LazyDfa>>>,
}

impl DfaCell {
    /// The DFA, or `None` when none could be built (then the regex crate judges).
    fn get(&self) -> Option<&LazyDfa> {
        self.dfa.get_or_init(|| lazy_dfa(&self.pattern).map(Box::new)).as_deref()
    }
}

/// A whole-value lazy DFA of an anchored pattern (`^(?:...)$`): building it compiles
/// only the NFA; its states are made as values need them, in the cache of each thread.
fn lazy_dfa(pattern: &str) -> Option<LazyDfa> {
    use regex_automata::hybrid::dfa::{Config, DFA};
    DFA::builder().configure(Config::new().cache_capacity(256 * 1024)).build(pattern).ok()
}

/// Whether the whole of `v` matches the DFA of pattern `id`: one transition per byte,
/// then the end-of-input one (which settles `$`). `None` when the DFA gives up (its cache
/// filled up too often): the caller then asks the regex crate.
fn dfa_matches(id: u32, dfa: &LazyDfa, v: &str) -> Option<bool> {
    use regex_automata::{Anchored, Input};
    thread_local! {
        static CACHES: std::cell::RefCell<Vec<Option<regex_automata::hybrid::dfa::Cache>>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    CACHES.with_borrow_mut(|caches| {
        if caches.len() <= id as usize {
            caches.resize_with(PATTERNS.len(), || None);
        }
        let cache = caches[id as usize].get_or_insert_with(|| dfa.create_cache());
        let mut state = dfa.start_state_forward(cache, &Input::new(v).anchored(Anchored::Yes)).ok()?;
        for &b in v.as_bytes() {
            state = dfa.next_state(cache, state, b).ok()?;
            if state.is_tagged() {
                if state.is_dead() {
                    return Some(false);
                }
                if state.is_quit() {
                    return None;
                }
            }
        }
        Some(dfa.next_eoi_state(cache, state).ok()?.is_match())
    })
}

/// A pattern checked on an ASCII value by walks over its bytes with one table lookup each,
/// without a DFA: alternatives that are each a sequence of characters from classes with a
/// count (`[^<>":%\|\?\*\t\n\r]+`, `ms-resource:[^\n\r]{1,256}`, `[^/]{1,127}/[^/]{1,127}`,
/// `[^\n\r]+\.((jpg)|(png)|(jpeg))`), or such alternatives repeated with a separator
/// that none of their classes holds (`([^/\\]*[^./\\]+)(\\[^/\\]*[^./\\]+)*`,
/// `([A-Za-z][A-Za-z0-9]*)(\.[A-Za-z][A-Za-z0-9]*)*`). Most values the schemas check are
/// such names, paths and MIME types, and the DFA's cache per thread costs more than the
/// walk. Only sequences where taking the longest run for each class is the one way to
/// match qualify (see [`Seq::new`]).
#[derive(Debug)]
struct Shape {
    /// The value (or each piece of it, with `sep`) matches one of these.
    alts: Vec<Seq>,
    /// The separator of a pattern `X(sX)*`: the value is the pieces between its `sep`
    /// bytes, each matching `X`.
    sep: Option<u8>,
}

/// One alternative of a [`Shape`]: a sequence of classes.
#[derive(Debug)]
struct Seq {
    /// The classes matched from the start of the value, each as long as it can.
    head: Vec<Class>,
    /// The classes with a fixed count that end the pattern, matched at the value's end.
    tail: Vec<Class>,
    /// How many characters `tail` takes.
    tail_len: usize,
}

/// One class of a [`Shape`]: its ASCII characters (`true` at their bytes, never at a
/// byte of a multi-byte character), repeated from `min` to `max` times.
#[derive(Debug, Clone, PartialEq)]
struct Class {
    has: [bool; 256],
    min: u32,
    max: u32,
}

impl Class {
    fn new(set: u128, min: u32, max: u32) -> Class {
        Class { has: std::array::from_fn(|b| b < 128 && set >> b & 1 == 1), min, max }
    }

    /// The length of the run of this class's characters that starts `bytes`, up to `limit`
    /// (at most `bytes.len()`). Eight bytes are tested at a time without a branch each.
    fn run(&self, bytes: &[u8], limit: usize) -> usize {
        let bytes = &bytes[..limit];
        let mut done = 0;
        for chunk in bytes.chunks_exact(8) {
            if !chunk.iter().fold(true, |all, &b| all & self.has[b as usize]) {
                break;
            }
            done += 8;
        }
        done + bytes[done..].iter().position(|&b| !self.has[b as usize]).unwrap_or(limit - done)
    }

    /// Whether every byte of `bytes` is one of this class's characters.
    fn holds_all(&self, bytes: &[u8]) -> bool {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            if !chunk.iter().fold(true, |all, &b| all & self.has[b as usize]) {
                return false;
            }
        }
        chunks.remainder().iter().all(|&b| self.has[b as usize])
    }
}

/// Most alternatives a [`Shape`] is expanded to.
const MAX_ALTERNATIVES: usize = 16;

impl Shape {
    /// The shape of an anchored pattern (`^(?:...)$`) when it has one: its alternatives
    /// (of classes, literals, counted repetitions of one class, optional parts), each a
    /// [`Seq`], or `X(sX)*` with such an `X` and a literal character `s` that no class of
    /// `X` holds. The value's `s` bytes then delimit the occurrences of `X` (none holds
    /// one), so it matches exactly when each piece between them matches `X`.
    fn of(pattern: &str) -> Option<Shape> {
        use regex_syntax::hir::{HirKind, Look};
        let hir = regex_syntax::parse(pattern).ok()?;
        let HirKind::Concat(parts) = hir.kind() else { return None };
        let [first, middle @ .., last] = parts.as_slice() else { return None };
        if first.kind() != &HirKind::Look(Look::Start) || last.kind() != &HirKind::Look(Look::End) {
            return None;
        }
        if let [x, rep] = middle
            && let HirKind::Repetition(r) = rep.kind()
            && r.min == 0
            && r.max.is_none()
            && let Some(sep) = Self::separated(x, &r.sub)
        {
            let alts = Self::alternatives(x)?.into_iter().map(Seq::new).collect::<Option<Vec<_>>>()?;
            return Some(Shape { alts, sep: Some(sep) });
        }
        let mut alts = vec![Vec::new()];
        for part in middle {
            alts = Self::product(alts, Self::alternatives(part)?)?;
        }
        let alts = alts.into_iter().map(Seq::new).collect::<Option<Vec<_>>>()?;
        Some(Shape { alts, sep: None })
    }

    /// The separator `s` when `repeated` is `sX` for the `X` of `x`, alternative by
    /// alternative, and no class of `X` holds `s`.
    fn separated(x: &regex_syntax::hir::Hir, repeated: &regex_syntax::hir::Hir) -> Option<u8> {
        let xs = Self::alternatives(x)?;
        let ys = Self::alternatives(repeated)?;
        let sep = ys.first()?.first()?;
        let s = (0..128u8).find(|&b| sep.has[b as usize])?;
        let single = sep.min == 1 && sep.max == 1 && sep.has.iter().filter(|&&h| h).count() == 1;
        let same = xs.len() == ys.len() && xs.iter().zip(&ys).all(|(x, y)| y[0] == *sep && y[1..] == x[..]);
        let apart = !xs.iter().flatten().any(|c| c.has[s as usize]);
        (single && same && apart).then_some(s)
    }

    /// Every concatenation of an alternative of `a` with one of `b`; `None` past
    /// [`MAX_ALTERNATIVES`].
    fn product(a: Vec<Vec<Class>>, b: Vec<Vec<Class>>) -> Option<Vec<Vec<Class>>> {
        if a.len() * b.len() > MAX_ALTERNATIVES {
            return None;
        }
        Some(a.iter().flat_map(|x| b.iter().map(move |y| x.iter().chain(y).cloned().collect())).collect())
    }

    /// The alternatives of `hir`, each as its sequence of classes; `None` when it is not
    /// made of classes, literals, counted repetitions of one class, concatenations,
    /// alternations and optional parts (or has too many alternatives).
    fn alternatives(hir: &regex_syntax::hir::Hir) -> Option<Vec<Vec<Class>>> {
        use regex_syntax::hir::HirKind;
        match hir.kind() {
            HirKind::Empty => Some(vec![Vec::new()]),
            HirKind::Capture(c) => Self::alternatives(&c.sub),
            HirKind::Concat(parts) => {
                parts.iter().try_fold(vec![Vec::new()], |acc, p| Self::product(acc, Self::alternatives(p)?))
            }
            HirKind::Alternation(parts) => {
                let mut out = Vec::new();
                for p in parts {
                    out.extend(Self::alternatives(p)?);
                    if out.len() > MAX_ALTERNATIVES {
                        return None;
                    }
                }
                Some(out)
            }
            HirKind::Literal(lit) => {
                let seq: Option<Vec<Class>> =
                    lit.0.iter().map(|&b| b.is_ascii().then(|| Class::new(1 << b, 1, 1))).collect();
                Some(vec![seq?])
            }
            HirKind::Class(_) => Some(vec![vec![Class::new(Self::ascii_set(hir)?, 1, 1)]]),
            HirKind::Repetition(r) if r.min > 0 || r.max != Some(0) => match Self::ascii_set(&r.sub) {
                Some(set) => Some(vec![vec![Class::new(set, r.min, r.max.unwrap_or(u32::MAX))]]),
                // `(...)?`: nothing, or one occurrence.
                None if r.min == 0 && r.max == Some(1) => {
                    let mut out = vec![Vec::new()];
                    out.extend(Self::alternatives(&r.sub)?);
                    (out.len() <= MAX_ALTERNATIVES).then_some(out)
                }
                None => None,
            },
            _ => None,
        }
    }

    /// The ASCII characters of a class or single-character literal (in a group or not).
    fn ascii_set(hir: &regex_syntax::hir::Hir) -> Option<u128> {
        use regex_syntax::hir::{Class as C, HirKind};
        let bits = |lo: u32, hi: u32| (lo..=hi.min(127)).fold(0u128, |set, b| set | 1 << b);
        match hir.kind() {
            HirKind::Capture(c) => Self::ascii_set(&c.sub),
            HirKind::Literal(lit) => match *lit.0 {
                [b] if b.is_ascii() => Some(1 << b),
                _ => None,
            },
            HirKind::Class(C::Unicode(c)) => {
                Some(c.ranges().iter().fold(0, |set, r| set | bits(r.start() as u32, r.end() as u32)))
            }
            HirKind::Class(C::Bytes(c)) => {
                Some(c.ranges().iter().fold(0, |set, r| set | bits(r.start() as u32, r.end() as u32)))
            }
            _ => None,
        }
    }

    /// Whether `v` matches, when it is ASCII (a byte is then a character). A value with
    /// other characters never does: no class has their bytes.
    fn matches(&self, v: &[u8]) -> bool {
        match self.sep {
            None => self.alts.iter().any(|a| a.matches(v)),
            Some(s) => v.split(|&b| b == s).all(|piece| self.alts.iter().any(|a| a.matches(piece))),
        }
    }
}

impl Seq {
    /// The sequence of `classes` when a greedy match is exact: the classes with a fixed
    /// count at the end are matched from the value's end; before them, each class with a
    /// variable count is last or followed by a class that must occur and shares no
    /// character with it, so a match's run of it ends at the first character outside it
    /// (or at its upper bound, where no match can go on).
    ///
    /// A class `D` repeated one or more times after a class `C` repeated without an upper
    /// bound, with `D` within `C`, is taken once: `C{m,}D+` and `C{m,}D` are the same
    /// values (the extra `D`s are `C`s), and the second has a fixed count at the end
    /// (`[^/\\]*[^./\\]+`: a run of `[^/\\]` that ends with a character of `[^./\\]`).
    fn new(mut classes: Vec<Class>) -> Option<Seq> {
        for i in 1..classes.len() {
            let (c, d) = (&classes[i - 1], &classes[i]);
            if c.max == u32::MAX && d.min == 1 && d.max == u32::MAX && (0..256).all(|b| !d.has[b] || c.has[b]) {
                classes[i].max = 1;
            }
        }
        let fixed = classes.iter().rev().take_while(|c| c.min == c.max).count();
        let tail = classes.split_off(classes.len() - fixed);
        let greedy_is_exact = classes
            .windows(2)
            .all(|w| w[0].min == w[0].max || (w[1].min > 0 && !(0..256).any(|b| w[0].has[b] && w[1].has[b])));
        if !greedy_is_exact {
            return None;
        }
        let tail_len = tail.iter().map(|c| c.min as usize).sum();
        Some(Seq { head: classes, tail, tail_len })
    }

    /// Whether the ASCII `v` matches this sequence.
    fn matches(&self, v: &[u8]) -> bool {
        let Some(split) = v.len().checked_sub(self.tail_len) else { return false };
        let (head, tail) = v.split_at(split);
        let mut bytes = tail.iter();
        for c in &self.tail {
            if !bytes.by_ref().take(c.min as usize).all(|&b| c.has[b as usize]) {
                return false;
            }
        }
        let mut rest = head;
        let Some((last, before)) = self.head.split_last() else { return rest.is_empty() };
        for c in before {
            let run = c.run(rest, rest.len().min(c.max as usize));
            if run < c.min as usize {
                return false;
            }
            rest = &rest[run..];
        }
        // The last class takes all that is left.
        (last.min as usize..=last.max as usize).contains(&rest.len()) && last.holds_all(rest)
    }
}

/// The translation of the schemas' `[^\s]|([^\s][^\n\r]*[^\s])` (`ST_NonEmptyString`).
const TRIMMED_NON_EMPTY: &str = "^(?:[^ \\t\\n\\r]|([^ \\t\\n\\r][^\\n\\r]*[^ \\t\\n\\r]))$";

fn trimmed_non_empty(v: &str) -> bool {
    // The characters that matter are ASCII, so bytes do: a first or last byte of a
    // multi-byte character is never one of them.
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let bytes = v.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(&first), Some(&last)) => {
            // A fold without an early exit: the compiler vectorizes it.
            !space(first) && !space(last) && !bytes.iter().fold(false, |seen, &b| seen | (b == b'\n') | (b == b'\r'))
        }
        _ => false,
    }
}

/// `pattern` with each counted repetition of 32 or more (`{m,n}`) opened to `{m,}`, and
/// the smallest such `n`; `None` when it has none. The loosened pattern accepts a superset,
/// and the same values when no value is longer than that `n` characters.
fn loosen(pattern: &str) -> Option<(String, usize)> {
    let mut out = String::with_capacity(pattern.len());
    let mut bound: Option<usize> = None;
    let mut chars = pattern.char_indices().peekable();
    let mut in_class = 0usize;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some((_, e)) = chars.next() {
                    out.push(e);
                }
            }
            '[' => {
                in_class += 1;
                out.push(c);
            }
            ']' if in_class > 0 => {
                in_class -= 1;
                out.push(c);
            }
            '{' if in_class == 0 => {
                let rest = &pattern[i + 1..];
                let close = rest.find('}')?;
                let body = &rest[..close];
                let upper = body.split_once(',').and_then(|(lo, hi)| {
                    let lo: usize = lo.parse().ok()?;
                    let hi: usize = hi.parse().ok()?;
                    (hi >= 32).then_some((lo, hi))
                });
                match upper {
                    Some((lo, hi)) => {
                        out.push_str(&format!("{{{lo},}}"));
                        bound = Some(bound.map_or(hi, |b| b.min(hi)));
                    }
                    None => {
                        out.push('{');
                        out.push_str(body);
                        out.push('}');
                    }
                }
                for _ in 0..=close {
                    chars.next();
                }
            }
            _ => out.push(c),
        }
    }
    bound.map(|b| (out, b))
}

fn collapse(s: &str) -> Cow<'_, str> {
    if s.trim_ascii() == s && !s.contains(['\t', '\n', '\r']) && !s.contains("  ") {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.split_ascii_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Why `value` is not a value of the simple type `ty`, or `None` when it is (or holds a
/// build placeholder, which is never judged).
pub fn check_value(ty: u32, value: &str) -> Option<String> {
    if placeholder::contains(value) {
        return None;
    }
    judge(ty, value)
}

/// Why `value` is not a value of `ty`. Nearly every value is valid: it is judged by the
/// type's [`Plan`], without building any message, and judged again, with its message,
/// only when it fails.
fn judge(ty: u32, value: &str) -> Option<String> {
    if valid(ty, value) {
        return None;
    }
    check::<true>(ty, value)
}

/// Whether `value` is a value of `ty`: the verdict of [`check`], by the type's [`Plan`].
fn valid(ty: u32, value: &str) -> bool {
    let plan = plan(ty);
    match plan.variety {
        PlanVariety::Atomic(b) => {
            if b == Builtin::String {
                plan.holds(value, None)
            } else {
                let v = collapse(value);
                builtin::<false>(b, &v).is_none() && plan.holds(&v, None)
            }
        }
        PlanVariety::List(item) => {
            let v = collapse(value);
            let mut items = 0;
            if !v.is_empty() {
                for it in v.split(' ') {
                    if !valid(item, it) {
                        return false;
                    }
                    items += 1;
                }
            }
            plan.holds(&v, Some(items))
        }
        PlanVariety::Union(members) => members.iter().any(|&m| valid(m, value)) && plan.holds(&collapse(value), None),
    }
}

/// The facets of a simple type's derivation steps gathered into one set of checks, made
/// once per type: a value is valid when it passes each, in any order. Its verdict is that
/// of [`check_steps`] without the messages (the test `plans_agree_with_the_steps` holds
/// the two to each other): the length facets of all steps merged into one range, the
/// numeric bounds into another, the patterns kept as groups of alternatives, each pattern
/// with its [`Check`] at hand.
struct Plan {
    variety: PlanVariety,
    /// The most derived enumeration, which a value must be in.
    enums: Option<&'static [&'static str]>,
    /// The length (in characters, or items for a list) that every length facet allows,
    /// when a step has one: `lo..=hi` (empty when the facets contradict each other).
    len: Option<(usize, usize)>,
    /// For each step with patterns, those patterns: a value matches one of each group.
    /// The groups of one pattern that [`Fused`] can check come first.
    groups: Vec<Box<[(u32, &'static Check)]>>,
    /// The groups that `fused` checks on most values: the first ones.
    fused_groups: usize,
    fused: Option<Fused>,
    /// The range that the numeric bounds of all steps allow, when a step has one; a value
    /// that is not a 64-bit integer is not held to it.
    bounds: Option<(i128, i128)>,
}

/// The single-pattern groups of a [`Plan`] that a value's bytes can be checked against
/// one by one, in one pass for all of them: each is a fixed run of classes at the start,
/// a class repeated a variable number of times, and a fixed run at the end (the trimmed
/// non-empty pattern of two characters or more, `[^<>":%\|\?\*\t\n\r]+`,
/// `\.[^.\\]+`). An ASCII value of `lo..=hi` bytes matches them all when its first bytes
/// are in `pre`, its last ones in `suf`, and the others in `mid`, each table being what
/// every group allows at that place. A value that fails (or is not ASCII) is judged by the
/// patterns one by one.
struct Fused {
    pre: Vec<[bool; 256]>,
    mid: [bool; 256],
    suf: Vec<[bool; 256]>,
    lo: usize,
    hi: usize,
}

/// One group of a [`Fused`] check: its first bytes' classes, its repeated class with the
/// bounds of its count, its last bytes' classes.
struct Part {
    pre: Vec<[bool; 256]>,
    mid: ([bool; 256], usize, usize),
    suf: Vec<[bool; 256]>,
}

/// Most bytes that the fixed runs of a [`Part`] cover.
const MAX_FIXED: usize = 16;

impl Part {
    /// The part of `group` when it has one.
    fn of(group: &[(u32, &'static Check)]) -> Option<Part> {
        let ascii = |has: &[bool; 256]| std::array::from_fn(|b| b < 128 && has[b]);
        match group {
            [(_, Check::TrimmedNonEmpty)] => {
                let edge: [bool; 256] = std::array::from_fn(|b| b < 128 && !b" \t\n\r".contains(&(b as u8)));
                let inner: [bool; 256] = std::array::from_fn(|b| b < 128 && !b"\n\r".contains(&(b as u8)));
                Some(Part { pre: vec![edge], mid: (inner, 0, usize::MAX), suf: vec![edge] })
            }
            [(_, Check::Dfa(_, _, Some(shape)))] => {
                let (None, [seq]) = (shape.sep, shape.alts.as_slice()) else { return None };
                let fixed = |classes: &[Class]| -> Option<Vec<[bool; 256]>> {
                    let n: usize = classes.iter().map(|c| c.min as usize).sum();
                    (n <= MAX_FIXED && classes.iter().all(|c| c.min == c.max)).then(|| {
                        classes.iter().flat_map(|c| std::iter::repeat_n(ascii(&c.has), c.min as usize)).collect()
                    })
                };
                let (pre, mid) = match seq.head.split_last() {
                    Some((last, before)) if last.min != last.max => {
                        (fixed(before)?, (ascii(&last.has), last.min as usize, last.max as usize))
                    }
                    _ => (fixed(&seq.head)?, ([false; 256], 0, 0)),
                };
                Some(Part { pre, mid, suf: fixed(&seq.tail)? })
            }
            _ => None,
        }
    }
}

impl Fused {
    fn new(parts: &[Part]) -> Fused {
        let k = parts.iter().map(|p| p.pre.len()).max().unwrap_or(0);
        let l = parts.iter().map(|p| p.suf.len()).max().unwrap_or(0);
        let and = |tables: &mut dyn Iterator<Item = &[bool; 256]>| {
            tables.fold([true; 256], |acc, t| std::array::from_fn(|b| acc[b] && t[b]))
        };
        // A value is at least `k + l` bytes long: a place among the first `k` is in each
        // part's first run or in its repeated class, never in its last run (and the same
        // at the end).
        let pre = (0..k).map(|i| and(&mut parts.iter().map(|p| p.pre.get(i).unwrap_or(&p.mid.0)))).collect();
        let suf = (0..l)
            .map(|j| and(&mut parts.iter().map(|p| (j + p.suf.len()).checked_sub(l).map_or(&p.mid.0, |at| &p.suf[at]))))
            .collect();
        let mid = and(&mut parts.iter().map(|p| &p.mid.0));
        let lo = parts.iter().map(|p| p.pre.len() + p.mid.1 + p.suf.len()).fold(k + l, usize::max);
        let hi = parts.iter().map(|p| (p.pre.len() + p.suf.len()).saturating_add(p.mid.2)).fold(usize::MAX, usize::min);
        Fused { pre, mid, suf, lo, hi }
    }

    fn holds(&self, v: &[u8]) -> bool {
        if !(self.lo..=self.hi).contains(&v.len()) {
            return false;
        }
        let (pre, rest) = v.split_at(self.pre.len());
        let (mid, suf) = rest.split_at(rest.len() - self.suf.len());
        let mut chunks = mid.chunks_exact(8);
        pre.iter().zip(&self.pre).all(|(&b, t)| t[b as usize])
            && suf.iter().zip(&self.suf).all(|(&b, t)| t[b as usize])
            && chunks.all(|c| c.iter().fold(true, |all, &b| all & self.mid[b as usize]))
            && chunks.remainder().iter().all(|&b| self.mid[b as usize])
    }
}

enum PlanVariety {
    Atomic(Builtin),
    List(u32),
    Union(&'static [u32]),
}

/// The [`Plan`] of simple type `ty`, made on first use.
fn plan(ty: u32) -> &'static Plan {
    static PLANS: [OnceLock<Plan>; SIMPLE_TYPES.len()] = [const { OnceLock::new() }; SIMPLE_TYPES.len()];
    PLANS[ty as usize].get_or_init(|| Plan::new(&SIMPLE_TYPES[ty as usize]))
}

impl Plan {
    fn new(st: &SimpleType) -> Plan {
        let variety = match st.variety {
            Variety::Atomic(b) => PlanVariety::Atomic(b),
            Variety::List(item) => PlanVariety::List(item),
            Variety::Union(members) => PlanVariety::Union(members),
        };
        let enums = st.steps.iter().rev().find(|s| !s.enums.is_empty()).map(|s| s.enums);
        let mut len: Option<(usize, usize)> = None;
        let mut bounds: Option<(i128, i128)> = None;
        let mut groups = Vec::new();
        for step in st.steps {
            if step.length.is_some() || step.min_len.is_some() || step.max_len.is_some() {
                let (lo, hi) = len.get_or_insert((0, usize::MAX));
                for l in [step.length, step.min_len].into_iter().flatten() {
                    *lo = (*lo).max(l as usize);
                }
                for l in [step.length, step.max_len].into_iter().flatten() {
                    *hi = (*hi).min(l as usize);
                }
            }
            let bounded = step.min_incl.or(step.max_incl).or(step.min_excl).or(step.max_excl).is_some();
            if bounded {
                let (lo, hi) = bounds.get_or_insert((i128::MIN, i128::MAX));
                for m in [step.min_incl.map(i128::from), step.min_excl.map(|m| i128::from(m) + 1)].into_iter().flatten()
                {
                    *lo = (*lo).max(m);
                }
                for m in [step.max_incl.map(i128::from), step.max_excl.map(|m| i128::from(m) - 1)].into_iter().flatten()
                {
                    *hi = (*hi).min(m);
                }
            }
            if !step.patterns.is_empty() {
                groups.push(step.patterns.iter().map(|&p| (p, how(p))).collect::<Box<[_]>>());
            }
        }
        // The groups that are a [`Part`] are checked together in one pass over a value.
        groups.sort_by_key(|g| Part::of(g).is_none());
        let parts: Vec<Part> = groups.iter().map_while(|g| Part::of(g)).collect();
        let fused_groups = parts.len();
        let fused = (fused_groups > 0).then(|| Fused::new(&parts));
        Plan { variety, enums, len, groups, fused_groups, fused, bounds }
    }

    /// Whether `v` (collapsed as its builtin requires) passes the facets; `len` is the
    /// item count of a list, else `None` (the length is then the character count).
    fn holds(&self, v: &str, len: Option<usize>) -> bool {
        if let Some(enums) = self.enums
            && !enums.contains(&v)
        {
            return false;
        }
        if let Some((lo, hi)) = self.len {
            let n = match len {
                Some(n) => n,
                // A UTF-8 value of n bytes has between n/4 and n characters: when both
                // bounds hold for those, they hold for the count, which is not needed.
                None if v.len().div_ceil(4) >= lo && v.len() <= hi => lo,
                None => v.chars().count(),
            };
            if n < lo || n > hi {
                return false;
            }
        }
        // Values that pass the fused check pass its groups; the others are judged group
        // by group.
        let from = match &self.fused {
            Some(f) if f.holds(v.as_bytes()) => self.fused_groups,
            _ => 0,
        };
        for group in &self.groups[from..] {
            if !group.iter().any(|&(id, check)| check_matches(id, check, v)) {
                return false;
            }
        }
        if let Some((lo, hi)) = self.bounds
            && let Ok(n) = v.parse::<i64>()
            && !(lo..=hi).contains(&i128::from(n))
        {
            return false;
        }
        true
    }
}

/// Why `value` is not a value of `ty`, or `None` when it is. With `WHY` false, a failure
/// is `Some` of an empty string: the same verdict by the same steps, without the cost of
/// writing the message (union members are tried this way, and most of them fail).
fn check<const WHY: bool>(ty: u32, value: &str) -> Option<String> {
    let st = &SIMPLE_TYPES[ty as usize];
    match &st.variety {
        Variety::Atomic(b) => {
            let v: Cow<'_, str> = if *b == Builtin::String { Cow::Borrowed(value) } else { collapse(value) };
            if let Some(p) = builtin::<WHY>(*b, &v) {
                return Some(p);
            }
            check_steps::<WHY>(st, &v, None)
        }
        Variety::List(item) => {
            let v = collapse(value);
            let items: Vec<&str> = if v.is_empty() { Vec::new() } else { v.split(' ').collect() };
            for it in &items {
                if let Some(p) = check::<WHY>(*item, it) {
                    return Some(why::<WHY>(|| format!("has the item `{it}`, which {}", p.trim_start_matches("is "))));
                }
            }
            check_steps::<WHY>(st, &v, Some(items.len()))
        }
        Variety::Union(members) => {
            if members.iter().any(|&m| check::<false>(m, value).is_none()) {
                let v = collapse(value);
                return check_steps::<WHY>(st, &v, None);
            }
            if !WHY {
                return Some(String::new());
            }
            let mut enums: Vec<&str> = Vec::new();
            for &m in members.iter() {
                for step in SIMPLE_TYPES[m as usize].steps {
                    enums.extend(step.enums.iter().copied());
                }
            }
            if enums.is_empty() {
                Some(format!("is not a valid {}", type_label(st)))
            } else {
                Some(format!("is not one of {}", quote_list(&enums)))
            }
        }
    }
}

fn type_label(st: &SimpleType) -> String {
    if st.name.is_empty() { "value".to_string() } else { format!("`{}` value", st.name) }
}

/// Values for a message: all of them when they are few and short, else the first ones (up
/// to 15, and about 200 characters) and how many more.
fn quote_list(items: &[&str]) -> String {
    let mut shown: Vec<String> = Vec::new();
    let mut len = 0;
    for e in items.iter().take(15) {
        if shown.len() >= 3 && len + e.len() > 200 {
            break;
        }
        len += e.len() + 4;
        shown.push(format!("`{e}`"));
    }
    if items.len() > shown.len() {
        format!("{} (and {} more)", shown.join(", "), items.len() - shown.len())
    } else {
        shown.join(", ")
    }
}

/// A failure's message when `WHY`, else an empty string (see [`check`]).
fn why<const WHY: bool>(message: impl FnOnce() -> String) -> String {
    if WHY { message() } else { String::new() }
}

/// `len` is the value's length for the length facets: the item count of a list, or `None`
/// for the character count, counted only when a step has a length facet.
fn check_steps<const WHY: bool>(st: &SimpleType, v: &str, len: Option<usize>) -> Option<String> {
    let (steps, type_name) = (st.steps, st.name);
    // The most derived enumeration is the one that says what is allowed.
    if let Some(step) = steps.iter().rev().find(|s| !s.enums.is_empty())
        && !step.enums.contains(&v)
    {
        if !WHY {
            return Some(String::new());
        }
        if let Some(e) = step.enums.iter().find(|e| e.eq_ignore_ascii_case(v)) {
            return Some(format!("is not allowed; values are case-sensitive: write `{e}`"));
        }
        return Some(format!("is not one of {}", quote_list(step.enums)));
    }
    let mut counted = len;
    for step in steps {
        if step.length.is_none() && step.min_len.is_none() && step.max_len.is_none() {
            // No length facet: nothing to count.
        } else if counted.is_none()
            && step.length.is_none()
            && step.min_len.is_none_or(|m| v.len().div_ceil(4) >= m as usize)
            && step.max_len.is_none_or(|m| v.len() <= m as usize)
        {
            // A UTF-8 value of n bytes has between n/4 and n characters: when both bounds
            // hold for those, they hold for the count, which is not needed.
        } else {
            let len = *counted.get_or_insert_with(|| v.chars().count());
            if let Some(problem) = length_problem::<WHY>(step, len) {
                return Some(problem);
            }
        }
        if !step.patterns.is_empty() && !step.patterns.iter().any(|&p| pattern_matches(p, v)) {
            if !WHY {
                return Some(String::new());
            }
            if v.trim() != v && !v.trim().is_empty() {
                return Some("has whitespace at its start or end, which the schema does not allow".to_string());
            }
            if v.is_empty() {
                return Some("is empty".to_string());
            }
            return Some(Alternatives::of(step, type_name).mismatch());
        }
        // Most steps have no bound: their values are not parsed.
        let bounded = step.min_incl.or(step.max_incl).or(step.min_excl).or(step.max_excl).is_some();
        if bounded && let Ok(n) = v.parse::<i64>() {
            let bad = step.min_incl.is_some_and(|m| n < m)
                || step.max_incl.is_some_and(|m| n > m)
                || step.min_excl.is_some_and(|m| n <= m)
                || step.max_excl.is_some_and(|m| n >= m);
            if bad {
                if !WHY {
                    return Some(String::new());
                }
                let lo = step.min_incl.map(|m| m.to_string()).or(step.min_excl.map(|m| (m + 1).to_string()));
                let hi = step.max_incl.map(|m| m.to_string()).or(step.max_excl.map(|m| (m - 1).to_string()));
                return Some(match (lo, hi) {
                    (Some(lo), Some(hi)) => format!("is outside {lo} to {hi}"),
                    (Some(lo), None) => format!("is below {lo}"),
                    (None, Some(hi)) => format!("is above {hi}"),
                    (None, None) => "is out of range".to_string(),
                });
            }
        }
    }
    None
}

/// Why a value of `len` characters (or items) fails the length facets of `step`.
fn length_problem<const WHY: bool>(step: &Facets, len: usize) -> Option<String> {
    if let Some(l) = step.length
        && len != l as usize
    {
        return Some(why::<WHY>(|| format!("has {len} characters; exactly {l} are required")));
    }
    if let Some(min) = step.min_len
        && len < min as usize
    {
        return Some(why::<WHY>(|| {
            if len == 0 { "is empty".to_string() } else { format!("has {len} characters; at least {min} are required") }
        }));
    }
    if let Some(max) = step.max_len
        && len > max as usize
    {
        return Some(why::<WHY>(|| format!("has {len} characters; at most {max} are allowed")));
    }
    None
}

fn builtin<const WHY: bool>(b: Builtin, v: &str) -> Option<String> {
    let int = |lo: i128, hi: i128, what: &str| -> Option<String> {
        let digits = v.strip_prefix('+').unwrap_or(v);
        match digits.parse::<i128>() {
            Ok(n) if (lo..=hi).contains(&n) => None,
            Ok(_) => Some(why::<WHY>(|| format!("is outside the range of {what} ({lo} to {hi})"))),
            Err(_) => Some(why::<WHY>(|| format!("is not {what}"))),
        }
    };
    match b {
        Builtin::String | Builtin::Token | Builtin::AnyUri => None,
        Builtin::Boolean => (!matches!(v, "true" | "false" | "1" | "0"))
            .then(|| why::<WHY>(|| "is not a boolean (`true`, `false`, `1` or `0`)".to_string())),
        Builtin::UnsignedLong => int(0, u64::MAX as i128, "an unsigned 64-bit integer"),
        Builtin::UnsignedInt => int(0, u32::MAX as i128, "an unsigned 32-bit integer"),
        Builtin::UnsignedShort => int(0, u16::MAX as i128, "an unsigned 16-bit integer"),
        Builtin::UnsignedByte => int(0, u8::MAX as i128, "an unsigned 8-bit integer"),
        Builtin::Int => int(i32::MIN as i128, i32::MAX as i128, "a 32-bit integer"),
        Builtin::Long => int(i64::MIN as i128, i64::MAX as i128, "a 64-bit integer"),
        Builtin::Short => int(i16::MIN as i128, i16::MAX as i128, "a 16-bit integer"),
        Builtin::Byte => int(i8::MIN as i128, i8::MAX as i128, "an 8-bit integer"),
        Builtin::Integer => int(i128::MIN, i128::MAX, "an integer"),
        Builtin::PositiveInteger => int(1, i128::MAX, "a positive integer"),
        Builtin::NonNegativeInteger => int(0, i128::MAX, "a non-negative integer"),
        Builtin::Double | Builtin::Decimal => {
            v.parse::<f64>().is_err().then(|| why::<WHY>(|| "is not a number".to_string()))
        }
        Builtin::Language => {
            let ok = !v.is_empty()
                && v.split('-').enumerate().all(|(i, part)| {
                    (1..=8).contains(&part.len())
                        && if i == 0 {
                            part.bytes().all(|c| c.is_ascii_alphabetic())
                        } else {
                            part.bytes().all(|c| c.is_ascii_alphanumeric())
                        }
                });
            (!ok).then(|| why::<WHY>(|| "is not a language tag such as `en-us`".to_string()))
        }
        Builtin::Date => {
            let ok = v.len() >= 10
                && v.as_bytes()[4] == b'-'
                && v.as_bytes()[7] == b'-'
                && v[..4].bytes().all(|c| c.is_ascii_digit())
                && v[5..7].parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
                && v[8..10].parse::<u8>().is_ok_and(|d| (1..=31).contains(&d));
            (!ok).then(|| why::<WHY>(|| "is not a date `YYYY-MM-DD`".to_string()))
        }
        Builtin::DateTime => (v.len() < 19 || v.as_bytes().get(10) != Some(&b'T'))
            .then(|| why::<WHY>(|| "is not a date and time".to_string())),
    }
}

/// The pattern that only says "not empty, no whitespace at either end": too general to
/// help, left out of help lines when a type has more to say.
const NON_EMPTY_PATTERN: &str = "[^\\s]|([^\\s].*[^\\s])";

/// True when a step has patterns worth showing: not none, and not only
/// [`NON_EMPTY_PATTERN`].
fn telling_patterns(step: &Facets) -> bool {
    match step.patterns {
        [] => false,
        [p] => PATTERNS[*p as usize].xsd != NON_EMPTY_PATTERN,
        _ => true,
    }
}

/// Longest run of regular expressions quoted in one message or help line; longer
/// alternatives are counted, not shown.
const SHOWN_PATTERN_CHARS: usize = 120;

/// The words of a pattern that is nothing but literal alternatives (`aliceBlue|aqua|...`
/// or `Auto`).
fn pattern_words(p: u32) -> Option<&'static [&'static str]> {
    static WORDS: [OnceLock<Option<Vec<&'static str>>>; PATTERNS.len()] = [const { OnceLock::new() }; PATTERNS.len()];
    WORDS[p as usize]
        .get_or_init(|| {
            let words: Vec<&str> = PATTERNS[p as usize].xsd.split('|').collect();
            words
                .iter()
                .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
                .then_some(words)
        })
        .as_deref()
}

/// The alternatives of one derivation step (its patterns, any of which suffices), in a
/// form short enough for a message: regular expressions while they are short, and the
/// patterns that only list words (the 140 color names of `ST_Color`) as one list.
struct Alternatives {
    regexes: Vec<&'static str>,
    /// Regular expressions too long to quote.
    hidden: usize,
    words: Vec<&'static str>,
    /// The simple type, to name patterns that are not quoted.
    type_name: &'static str,
}

impl Alternatives {
    fn of(step: &Facets, type_name: &'static str) -> Alternatives {
        let mut out = Alternatives { regexes: Vec::new(), hidden: 0, words: Vec::new(), type_name };
        let mut budget = SHOWN_PATTERN_CHARS;
        for &p in step.patterns {
            let xsd = PATTERNS[p as usize].xsd;
            match pattern_words(p) {
                Some(words) if xsd.contains('|') => out.words.extend(words),
                _ if xsd.len() <= budget => {
                    budget -= xsd.len();
                    out.regexes.push(xsd);
                }
                _ => out.hidden += 1,
            }
        }
        out
    }

    fn has_regex(&self) -> bool {
        !self.regexes.is_empty() || self.hidden > 0
    }

    /// `` `A` or `B` ``, `` `A` (or 2 more patterns of `ST_X`) ``, `the pattern of `ST_X``.
    fn regex_list(&self) -> String {
        let of_type = if self.type_name.is_empty() { String::new() } else { format!(" of `{}`", self.type_name) };
        let plural = if self.hidden == 1 { "" } else { "s" };
        let shown: Vec<String> = self.regexes.iter().map(|r| format!("`{r}`")).collect();
        match (shown.is_empty(), self.hidden) {
            (false, 0) => shown.join(" or "),
            (false, n) => format!("{} (or {n} longer pattern{plural}{of_type})", shown.join(" or ")),
            (true, _) => format!("the pattern{plural}{of_type}"),
        }
    }

    fn word_list(&self) -> String {
        if self.words.len() <= 15 {
            return format!("one of {}", quote_list(&self.words));
        }
        let first: Vec<String> = self.words.iter().take(4).map(|w| format!("`{w}`")).collect();
        format!("one of the {} listed values ({}...)", self.words.len(), first.join(", "))
    }

    /// Why a value matches none of them: `does not match the pattern ...`.
    fn mismatch(&self) -> String {
        let regexes =
            if self.regexes.is_empty() { self.regex_list() } else { format!("the pattern {}", self.regex_list()) };
        match (self.has_regex(), self.words.is_empty()) {
            (true, true) => format!("does not match {regexes}"),
            (false, _) => format!("is not {}", self.word_list()),
            (true, false) => format!("does not match {regexes}, and is not {}", self.word_list()),
        }
    }

    /// What a value may be: `a value matching ...`.
    fn accepted(&self) -> Option<String> {
        match (self.has_regex(), self.words.is_empty()) {
            (false, true) => None,
            (true, true) => Some(format!("a value matching {}", self.regex_list())),
            (false, false) => Some(self.word_list()),
            (true, false) => Some(format!("a value matching {}, or {}", self.regex_list(), self.word_list())),
        }
    }
}

/// The values a type lists, for a "did you mean": its enumeration, and the words of
/// patterns that only list words, of the type or of the members of a union.
fn listed_values(ty: u32) -> Vec<&'static str> {
    let st = &SIMPLE_TYPES[ty as usize];
    let mut out: Vec<&'static str> = Vec::new();
    if let Some(step) = st.steps.iter().rev().find(|s| !s.enums.is_empty()) {
        out.extend(step.enums.iter().copied());
    }
    for step in st.steps {
        for &p in step.patterns {
            out.extend(pattern_words(p).unwrap_or_default().iter().copied());
        }
    }
    if let Variety::Union(members) = st.variety {
        for &m in members.iter() {
            out.extend(listed_values(m));
        }
    }
    out
}

/// The help line for a value the type rejects: the listed value it was probably meant to
/// be, else what the step that rejects it accepts, else what the type accepts.
pub fn value_hint(ty: u32, value: &str) -> Option<String> {
    let v = value.trim();
    let listed = listed_values(ty);
    if !listed.contains(&v)
        && let Some(s) = crate::rules::util::did_you_mean(v, listed.iter().copied())
    {
        return Some(if s.eq_ignore_ascii_case(v) {
            format!("write `{s}` (values are case-sensitive)")
        } else {
            format!("did you mean `{s}`?")
        });
    }
    let st = &SIMPLE_TYPES[ty as usize];
    if matches!(st.variety, Variety::Atomic(_))
        && !st.steps.iter().any(|s| !s.enums.is_empty())
        && let Some(step) =
            st.steps.iter().find(|s| !s.patterns.is_empty() && !s.patterns.iter().any(|&p| regex(p).is_match(v)))
        && telling_patterns(step)
        && let Some(accepted) = Alternatives::of(step, st.name).accepted()
    {
        return Some(match length_note(st) {
            Some(l) => format!("{accepted}, {l}"),
            None => accepted,
        });
    }
    value_help(ty)
}

/// The most derived length facets of a type: `1 to 64 characters`.
fn length_note(st: &SimpleType) -> Option<String> {
    st.steps
        .iter()
        .filter_map(|s| match (s.min_len, s.max_len) {
            (Some(a), Some(b)) => Some(format!("{a} to {b} characters")),
            (None, Some(b)) => Some(format!("at most {b} characters")),
            (Some(a), None) if a > 1 => Some(format!("at least {a} characters")),
            _ => None,
        })
        .next_back()
}

/// A short description of what a simple type accepts, for help lines.
fn value_help(ty: u32) -> Option<String> {
    let st = &SIMPLE_TYPES[ty as usize];
    if let Some(step) = st.steps.iter().rev().find(|s| !s.enums.is_empty()) {
        return Some(format!("one of {}", quote_list(step.enums)));
    }
    match st.variety {
        Variety::Atomic(Builtin::Boolean) => return Some("`true` or `false`".into()),
        Variety::Atomic(Builtin::Language) => return Some("a BCP-47 language tag such as `en-us`".into()),
        _ => {}
    }
    let mut parts = Vec::new();
    // The most derived step with patterns says the most; its patterns are alternatives.
    if let Some(step) = st.steps.iter().rev().find(|s| telling_patterns(s))
        && let Some(accepted) = Alternatives::of(step, st.name).accepted()
    {
        parts.push(accepted);
    }
    if let Some(l) = length_note(st) {
        parts.push(if parts.is_empty() { format!("a value of {l}") } else { l });
    }
    if parts.is_empty() { None } else { Some(parts.join(", ")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        for (i, p) in PATTERNS.iter().enumerate() {
            assert!(Regex::new(p.regex).is_ok(), "pattern {i}: {} -> {}", p.xsd, p.regex);
        }
    }

    /// Every string of up to `max` pieces from `alphabet`, sorted, each once.
    fn strings_over(alphabet: &[&str], max: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..max {
            last = last.iter().flat_map(|v| alphabet.iter().map(move |c| format!("{v}{c}"))).collect();
            all.extend(last.iter().cloned());
        }
        all.sort();
        all.dedup();
        all
    }

    /// The hand-written check and the loosened patterns agree with the compiled patterns.
    #[test]
    fn pattern_shortcuts_agree_with_the_patterns() {
        assert!(PATTERNS.iter().any(|p| p.regex == TRIMMED_NON_EMPTY), "the shortcut's pattern is in the schemas");
        let exact = compile(TRIMMED_NON_EMPTY);
        let alphabet = ["a", " ", "\t", "\n", "\r", "é", "\u{a0}", "😀"];
        let values = strings_over(&alphabet, 4);
        for v in &values {
            assert_eq!(trimmed_non_empty(v), exact.is_match(v), "{v:?}");
        }

        let loosened: Vec<u32> =
            (0..PATTERNS.len() as u32).filter(|&i| loosen(PATTERNS[i as usize].regex).is_some()).collect();
        assert!(loosened.len() >= 3, "{loosened:?}");
        for id in loosened {
            let (loose, bound) = loosen(PATTERNS[id as usize].regex).unwrap();
            assert!(!loose.contains(&format!(",{bound}}}")), "{loose}");
            let exact = regex(id);
            for v in ["ms-resource:x", "model:a;b", "a/b", "x"] {
                for n in [1, bound - 1, bound, bound + 1, bound + 2, 2 * bound + 5] {
                    let value = format!("{v}{}", "y".repeat(n));
                    assert_eq!(pattern_matches(id, &value), exact.is_match(&value), "{id} {value:?}");
                    let value = format!("{}{v}", "y".repeat(n));
                    assert_eq!(pattern_matches(id, &value), exact.is_match(&value), "{id} {value:?}");
                }
            }
        }
        let listing: Vec<u32> = (0..PATTERNS.len() as u32).filter(|&i| pattern_words(i).is_some()).collect();
        assert!(listing.len() >= 12, "{listing:?}");
        for id in listing {
            let exact = regex(id);
            let words = pattern_words(id).unwrap();
            for w in words {
                for v in [
                    w.to_string(),
                    w.to_uppercase(),
                    format!("{w} "),
                    format!(" {w}"),
                    format!("{w}{w}"),
                    w[1..].to_string(),
                ] {
                    assert_eq!(pattern_matches(id, &v), exact.is_match(&v), "{id} {v:?}");
                }
            }
            assert!(!pattern_matches(id, "") && !exact.is_match(""));
        }
        assert_eq!(loosen("^(?:[a{]{2,40}\\{3,99})$").unwrap(), ("^(?:[a{]{2,}\\{3,99})$".to_string(), 40));
    }

    /// The shapes that check ASCII values give the regex crate's verdict: on short strings
    /// of characters that the patterns treat specially, alone and around the literals and
    /// runs the patterns hold, with lengths at and around their bounds.
    #[test]
    fn shapes_agree_with_the_regex_crate() {
        let shaped: Vec<u32> =
            (0..PATTERNS.len() as u32).filter(|&i| matches!(how(i), Check::Dfa(_, _, Some(_)))).collect();
        let hot = [
            "[^<>\":%\\|\\?\\*\\t\\n\\r]+",
            "[!#$%&'*+-.^_`|~0-9a-z/]*",
            "[-_.a-z0-9]+",
            "[^/]{1,127}/[^/]{1,127}",
            "ms-resource:.{1,256}",
            "\\.[^.\\\\]+",
            ".+\\.([Ee][Xx][Ee])",
            ".+\\.((jpg)|(png)|(jpeg))",
            ".+\\.(([Jj][Pp][Gg])|([Pp][Nn][Gg])|([Jj][Pp][Ee][Gg])|([Ii][Cc][Oo])|([Dd][Ll][Ll])|([Ee][Xx][Ee]))",
            "([^/\\\\]*[^./\\\\]+)(\\\\[^/\\\\]*[^./\\\\]+)*",
            "([^/\\\\]*[^./\\\\]+)(/[^/\\\\]*[^./\\\\]+)*",
            "([A-Za-z][A-Za-z0-9]*)(\\.[A-Za-z][A-Za-z0-9]*)*",
            "[^/\\\\]*[^./\\\\]+",
        ];
        for xsd in hot {
            assert!(shaped.iter().any(|&i| PATTERNS[i as usize].xsd == xsd), "{xsd} has no shape");
        }
        let alphabet = ["a", "Z", "0", "f", ".", "/", "\\", ":", "-", "_", " ", "\t", "\n", "#", "*", "<", "\"", "é"];
        let mut values = strings_over(&alphabet, 3);
        // Strings of the characters that the patterns' separators, extensions and classes
        // are made of, of every length up to 12 (eight bytes are tested at a time).
        let letters = ["a", "Z", "0", "1", ".", "/", "\\", "j", "p", "g", "e", "E", "x", "-", "_", " ", "é", "*"];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..40_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 13) as usize;
            values.push((0..len).map(|k| letters[(seed >> (4 + 4 * k)) as usize % letters.len()]).collect::<String>());
        }
        let affixes = [
            "ms-resource:",
            "a/",
            "/a",
            ".exe",
            ".EXE",
            "x.exe",
            "#",
            "a.b",
            "hkcu\\",
            ".jpg",
            ".jpeg",
            "a.png",
            "x.Ico",
            "a\\b",
            "a\\.b",
            "\\",
            "a.b.c",
            "a..b",
            "A1.b2",
            ".",
            "a.",
            "a\\b.",
        ];
        for a in affixes {
            for n in [0, 1, 5, 6, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 126, 127, 128, 255, 256, 257] {
                for run in ["y".repeat(n), "0".repeat(n), "/".repeat(n)] {
                    values.extend([format!("{a}{run}"), format!("{run}{a}"), format!("{run}{a}{run}")]);
                }
            }
        }
        for id in shaped {
            let exact = regex(id);
            for v in &values {
                assert_eq!(
                    pattern_matches(id, v),
                    exact.is_match(v),
                    "pattern {id} {:?} on {v:?}",
                    PATTERNS[id as usize].regex
                );
            }
        }
    }

    /// The rules that give a pattern a shape hold on patterns made to break them: a shape
    /// is found where one is expected, none where a greedy walk or a split would be wrong,
    /// and every shape found gives the regex crate's verdict on all short strings of the
    /// characters involved.
    #[test]
    fn shape_rules_hold_on_other_patterns() {
        let cases = [
            ("[a-d]*[b-c]+", true),
            ("[a-c]*[b-d]+", false),
            ("[a-d]{2,}[b-c]+", true),
            ("[a-d]{0,3}[b-c]+", false),
            ("[a-d]*[b-c]{2,}", false),
            ("([a-z]+)(\\.[a-z]+)*", true),
            ("([a-z.]+)(\\.[a-z.]+)*", false),
            ("([a-z]*)(\\.[a-z]*)*", true),
            ("([a-z]+)(\\.[a-c]+)*", false),
            ("([a-z]+|[0-9]+)(\\.[a-z]+|/[0-9]+)*", false),
            ("([a-z]+|[0-9]\\\\)(/([a-z]+|[0-9]\\\\))*", true),
            ("[a-z]+\\.(ab|abc|b)", true),
            ("(a|ab)(c|bc)", true),
            ("a(b)?c?", false),
            ("a(bc)?d", true),
            ("(ab)*", false),
        ];
        let alphabet = ["a", "b", "c", "d", "z", ".", "0", "\\", "/"];
        let values = strings_over(&alphabet, 5);
        for (xsd, shaped) in cases {
            let pattern = format!("^(?:{xsd})$");
            let shape = Shape::of(&pattern);
            assert_eq!(shape.is_some(), shaped, "{pattern}");
            let Some(shape) = shape else { continue };
            let exact = compile(&pattern);
            for v in &values {
                assert_eq!(shape.matches(v.as_bytes()), exact.is_match(v), "{pattern} on {v:?}");
            }
        }
    }

    /// Every shape gives the regex crate's verdict on strings made from its own classes:
    /// near matches, with counts at and around their bounds, a character from outside a
    /// class here and there, pieces joined by the separator (doubled, at the ends).
    #[test]
    fn shapes_agree_on_strings_built_from_them() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as usize % n.max(1)
        };
        let strays = ["é", "😀", " ", "\t", "\n", ".", "/", "\\", "*", "-", "a", "Z", "0", ":", ";", "\""];
        let mut checked = 0;
        for id in 0..PATTERNS.len() as u32 {
            let Check::Dfa(_, _, Some(shape)) = how(id) else { continue };
            let exact = regex(id);
            let piece = |seq: &Seq, next: &mut dyn FnMut(usize) -> usize| {
                let mut out = String::new();
                for c in seq.head.iter().chain(&seq.tail) {
                    let members: Vec<u8> = (0..128u8).filter(|&b| c.has[b as usize]).collect();
                    let top = c.max.min(c.min + 6) as usize;
                    let mut count = match next(6) {
                        0 => c.min as usize,
                        1 => top,
                        2 => (c.min as usize).saturating_sub(1),
                        3 => top + 1,
                        _ => c.min as usize + next(top - c.min as usize + 1),
                    };
                    if c.max < u32::MAX && next(20) == 0 {
                        count = c.max as usize + next(2);
                    }
                    for _ in 0..count {
                        if members.is_empty() || next(12) == 0 {
                            out.push_str(strays[next(strays.len())]);
                        } else {
                            out.push(members[next(members.len())] as char);
                        }
                    }
                }
                out
            };
            for _ in 0..400 {
                let mut value = String::new();
                let pieces = if shape.sep.is_some() { 1 + next(3) } else { 1 };
                for k in 0..pieces {
                    if k > 0
                        && let Some(s) = shape.sep
                    {
                        value.push(s as char);
                        if next(10) == 0 {
                            value.push(s as char);
                        }
                    }
                    let seq = &shape.alts[next(shape.alts.len())];
                    value.push_str(&piece(seq, &mut next));
                }
                if let Some(s) = shape.sep
                    && next(10) == 0
                {
                    value.insert(0, s as char);
                }
                assert_eq!(
                    pattern_matches(id, &value),
                    exact.is_match(&value),
                    "pattern {id} {:?} on {value:?}",
                    PATTERNS[id as usize].regex
                );
                checked += 1;
            }
        }
        assert!(checked > 20_000, "{checked}");
    }

    /// The DFAs that check values give the regex crate's verdict: on every attribute value
    /// of the fixtures and the bundled examples, and on variants of each with characters
    /// that patterns treat specially around it.
    #[test]
    fn value_dfas_agree_with_the_regex_crate() {
        let mut values: Vec<String> = Vec::new();
        let quoted = regex::Regex::new(r#"="([^"<&]*)""#).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for entry in walkdir::WalkDir::new(root.join("fixtures")).into_iter().filter_map(Result::ok) {
            if entry.file_type().is_file()
                && let Ok(text) = std::fs::read_to_string(entry.path())
            {
                values.extend(quoted.captures_iter(&text).map(|c| c[1].to_string()));
            }
        }
        values.sort();
        values.dedup();
        assert!(values.len() > 500, "{} values", values.len());
        let mut variants = Vec::new();
        for v in &values {
            for affix in [" ", "\n", "é", "\u{663}", "/", ".", "\\", "a", "0", "-", "😀"] {
                variants.push(format!("{affix}{v}"));
                variants.push(format!("{v}{affix}"));
            }
            variants.push(v.to_uppercase());
            variants.push(v.chars().skip(1).collect());
        }
        values.extend(variants);
        let (mut dfas, mut matched) = (0, 0);
        for id in 0..PATTERNS.len() as u32 {
            let exact = regex(id);
            if let Check::Dfa(dfa, ..) = how(id) {
                assert!(dfa.get().is_some(), "pattern {id} has no DFA: {}", PATTERNS[id as usize].regex);
                dfas += 1;
            }
            for v in &values {
                let m = exact.is_match(v);
                matched += usize::from(m);
                assert_eq!(pattern_matches(id, v), m, "pattern {id} {:?} on {v:?}", PATTERNS[id as usize].regex);
            }
        }
        assert!(dfas > 90 && matched > 1000, "{dfas} patterns, {matched} matches");
    }

    /// Each type's [`Plan`] gives the verdict of its steps, checked one after the other:
    /// on every attribute value and text of the fixtures and examples, on variants of
    /// each, and on values made to hit length and numeric bounds, lists and enumerations.
    #[test]
    fn plans_agree_with_the_steps() {
        let mut values: Vec<String> = Vec::new();
        let quoted = regex::Regex::new(r#"="([^"<&]*)"|>([^<>&]*)</"#).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for entry in walkdir::WalkDir::new(root.join("fixtures")).into_iter().filter_map(Result::ok) {
            if entry.file_type().is_file()
                && let Ok(text) = std::fs::read_to_string(entry.path())
            {
                values.extend(
                    quoted.captures_iter(&text).filter_map(|c| c.get(1).or(c.get(2))).map(|m| m.as_str().to_string()),
                );
            }
        }
        for st in SIMPLE_TYPES.iter() {
            for step in st.steps {
                values.extend(step.enums.iter().map(|e| e.to_string()));
                for n in [step.length, step.min_len, step.max_len].into_iter().flatten() {
                    let n = n as usize;
                    for k in [n.saturating_sub(1), n, n + 1] {
                        values.push("a".repeat(k));
                        if n < 300 {
                            values.extend(["é".repeat(k), "a ".repeat(k / 2), ".x".repeat(k / 2)]);
                        }
                    }
                }
                for n in [step.min_incl, step.max_incl, step.min_excl, step.max_excl].into_iter().flatten() {
                    for k in [n.saturating_sub(1), n, n.saturating_add(1)] {
                        values.extend([k.to_string(), format!(" {k}"), format!("+{k}")]);
                    }
                }
            }
        }
        values.sort();
        values.dedup();
        let mut variants = Vec::new();
        for v in values.iter().filter(|v| v.len() < 300) {
            for affix in [" ", "\n", "é", "\\"] {
                variants.push(format!("{affix}{v}"));
                variants.push(format!("{v}{affix}"));
            }
            variants.push(format!("{v} {v}"));
            variants.push(v.to_uppercase());
        }
        values.extend(variants);
        values.extend(
            ["", " ", "1", "-1", "0", "true", "x64 x86", "a  b", "\t1\t", "9223372036854775808"].map(String::from),
        );
        values.sort();
        values.dedup();
        assert!(values.len() > 5000, "{}", values.len());
        let mut accepted = 0;
        for ty in 0..SIMPLE_TYPES.len() as u32 {
            for v in &values {
                let expected = check::<false>(ty, v).is_none();
                assert_eq!(valid(ty, v), expected, "{} on {v:?}", SIMPLE_TYPES[ty as usize].name);
                accepted += usize::from(expected);
            }
        }
        assert!(accepted > 10_000, "{accepted}");
        // The commonest values are checked in one pass.
        assert_eq!(plan(type_named("ST_FileType")).fused_groups, 3);
        assert_eq!(plan(type_named("ST_ContentType")).fused_groups, 2);
    }

    #[test]
    fn name_and_byte_helpers() {
        let names =
            ["", "a", "ab", "Name", "Namf", "Extension", "Extensiom", "FileTypeAssociation", "FileTypeAssociatioN"];
        for a in names {
            for b in names {
                assert_eq!(same_name(a, b), a == b, "{a} {b}");
            }
        }
        for len in 0..40 {
            for at in 0..len {
                let mut v = vec![b'a'; len];
                assert!(!has_byte(&v, b'\r'));
                v[at] = b'\r';
                assert!(has_byte(&v, b'\r'), "{len} {at}");
                v[at] = 0x8d;
                assert!(!has_byte(&v, b'\r'));
            }
        }
    }

    fn type_named(name: &str) -> u32 {
        SIMPLE_TYPES.iter().position(|t| t.name == name).unwrap_or_else(|| panic!("{name}")) as u32
    }

    #[test]
    fn simple_types() {
        let version = type_named("ST_VersionQuad");
        assert_eq!(check_value(version, "1.0.0.0"), None);
        assert!(check_value(version, "1.0.0").is_some());
        assert!(check_value(version, "01.0.0.0").is_some());
        let guid = type_named("ST_GUID");
        assert_eq!(check_value(guid, "0c7a8ae4-8ae5-4d39-9b4e-6c1e6a8d2f11"), None);
        assert!(check_value(guid, "{0c7a8ae4-8ae5-4d39-9b4e-6c1e6a8d2f11}").is_some());
        let non_empty = type_named("ST_NonEmptyString");
        assert!(check_value(non_empty, " padded").unwrap().contains("whitespace"));
        assert!(check_value(non_empty, "").is_some());
        let arch = type_named("ST_Architecture_v2");
        assert_eq!(check_value(arch, "x64"), None);
        assert!(check_value(arch, "X64").unwrap().contains("case-sensitive"));
        assert_eq!(check_value(arch, "$platform$"), None, "placeholders are not judged");
        let pkg = type_named("ST_PackageName");
        assert!(check_value(pkg, "ab").unwrap().contains("at least 3"));
    }

    #[test]
    fn alternatives_are_all_named_and_short() {
        let color = type_named("ST_Color");
        // The patterns of one step are alternatives: a listed name or `#RRGGBB`.
        assert_eq!(check_value(color, "blue"), None);
        assert_eq!(check_value(color, "#FFAA00"), None);
        let problem = check_value(color, "blu").unwrap();
        assert!(problem.contains("`#[\\da-fA-F]{6}`") && problem.contains("listed values"), "{problem}");
        assert!(problem.len() < 200, "{problem}");
        assert_eq!(value_hint(color, "blu").as_deref(), Some("did you mean `blue`?"));
        assert_eq!(value_hint(color, "Blue").as_deref(), Some("write `blue` (values are case-sensitive)"));
        let help = value_help(color).unwrap();
        assert!(help.contains("`#[\\da-fA-F]{6}`") && help.contains("`aliceBlue`") && help.len() < 200, "{help}");
        // Every type's messages and help stay short, however long its patterns.
        for (i, st) in SIMPLE_TYPES.iter().enumerate() {
            let help = value_help(i as u32).unwrap_or_default();
            assert!(help.len() < 400, "{}: {help}", st.name);
            if let Some(p) = check_value(i as u32, "\u{1}~") {
                assert!(p.len() < 400, "{}: {p}", st.name);
            }
        }
    }

    #[test]
    fn regex_translation_keeps_xsd_meaning() {
        // `.` does not match line ends in XSD; `$` is a literal.
        let p = PATTERNS.iter().position(|p| p.xsd.starts_with("$\\(")).expect("a pattern with a literal $");
        assert!(regex(p as u32).as_str().starts_with("^(?:\\$"));
    }
}
