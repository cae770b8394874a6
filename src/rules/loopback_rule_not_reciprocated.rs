//! `loopback-rule-not-reciprocated`: among the packages linted together, a loopback rule
//! needs its mirror in the other package (client `out`, server `in`).

use super::SetCtx;
use crate::analyze::facts::{Direction, LoopbackRule, PackageFacts};

pub fn check(set: &[Option<PackageFacts>], cx: &mut SetCtx<'_>) {
    for (a, fa) in set.iter().enumerate() {
        let Some(fa) = fa else { continue };
        let Some(own) = fa.family_name.as_deref() else { continue };
        for rule in &fa.loopback_rules {
            let Some(dir) = rule.direction else { continue };
            if rule.placeholder || fa.is_named_by(&rule.family_name) {
                continue;
            }
            let mirror = match dir {
                Direction::Out => Direction::In,
                Direction::In => Direction::Out,
            };
            for (b, fb) in set.iter().enumerate() {
                let Some(fb) = fb else { continue };
                // Resource packages share the family name of their main package (in a
                // bundle, say) and hold no loopback rules of their own.
                if b == a || fb.resource || !fb.is_named_by(&rule.family_name) {
                    continue;
                }
                let reciprocated = fb
                    .loopback_rules
                    .iter()
                    .any(|r| r.direction == Some(mirror) && r.family_name.eq_ignore_ascii_case(own));
                if !reciprocated {
                    report(cx, a, own, rule, dir, b, fb);
                }
            }
        }
    }
}

fn word(d: Direction) -> &'static str {
    match d {
        Direction::In => "in",
        Direction::Out => "out",
    }
}

/// A rule of the other package, in the mirror direction, that names a family name a
/// typo away from `own`: most likely the rule meant to reciprocate.
fn near_miss<'f>(fb: &'f PackageFacts, mirror: Direction, own: &str) -> Option<&'f LoopbackRule> {
    let own_lower = own.to_ascii_lowercase();
    fb.loopback_rules
        .iter()
        .filter(|r| r.direction == Some(mirror) && !r.placeholder)
        .map(|r| (super::util::distance(&r.family_name.to_ascii_lowercase(), &own_lower), r))
        .filter(|(d, _)| *d > 0 && *d <= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, r)| r)
}

fn report(cx: &mut SetCtx<'_>, a: usize, own: &str, rule: &LoopbackRule, dir: Direction, b: usize, fb: &PackageFacts) {
    let mirror = if dir == Direction::Out { Direction::In } else { Direction::Out };
    let other = fb.family_name.as_deref().unwrap_or(&rule.family_name);
    let (role_a, role_b) = if dir == Direction::Out { ("client", "server") } else { ("server", "client") };
    if let Some(near) = near_miss(fb, mirror, own) {
        cx.report(
            a,
            Some(rule.location),
            format!(
                "this `{}` rule names `{other}`, whose `{}` rule names `{}` instead of `{own}`, so the loopback connection stays blocked",
                word(dir),
                word(mirror),
                near.family_name
            ),
        )
        .help(format!("correct the other package's rule to PackageFamilyName=\"{own}\""))
        .related(b, Some(near.location), format!("the `{}` rule of `{other}`", word(mirror)));
        cx.report(
            b,
            Some(near.location),
            format!(
                "this `{}` rule names `{}`, but `{own}`, linted with this package, has an `{}` rule naming this package: did you mean `{own}`?",
                word(mirror),
                near.family_name,
                word(dir)
            ),
        )
        .help(format!("write PackageFamilyName=\"{own}\""))
        .related(a, Some(rule.location), format!("the `{}` rule of `{own}`", word(dir)));
        return;
    }
    let b_place = fb.loopback_location.or(fb.identity_location);
    cx.report(
        a,
        Some(rule.location),
        format!(
            "this `{}` rule names `{other}`, but that package has no `{}` rule naming `{own}`, so the loopback connection stays blocked",
            word(dir),
            word(mirror)
        ),
    )
    .help(format!(
        "the {role_a} declares an `{}` rule and the {role_b} an `{}` rule: add <uap4:Rule Direction=\"{}\" PackageFamilyName=\"{own}\"/> to the other package's uap4:LoopbackAccessRules",
        word(if dir == Direction::Out { Direction::Out } else { Direction::In }),
        word(mirror),
        word(mirror)
    ))
    .related(
        b,
        b_place,
        if fb.loopback_location.is_some() {
            format!("the loopback rules of `{other}`, without an `{}` rule naming `{own}`", word(mirror))
        } else {
            format!("`{other}` declares no loopback rules")
        },
    );
    cx.report(
        b,
        b_place,
        format!(
            "package `{own}` has an `{}` rule naming this package, but this package has no `{}` rule naming `{own}`",
            word(dir),
            word(mirror)
        ),
    )
    .help(format!(
        "add <uap4:Rule Direction=\"{}\" PackageFamilyName=\"{own}\"/> to this package's uap4:LoopbackAccessRules, or remove the rule in `{own}`",
        word(mirror)
    ))
    .related(a, Some(rule.location), format!("the `{}` rule of `{own}`", word(dir)));
}
