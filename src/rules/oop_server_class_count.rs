//! `oop-server-class-count`: an out-of-process server declares 1 to 65535 classes.

use super::Ctx;
use super::oop_server::{display, servers};
use crate::manifest::Manifest;

pub const MAX_CLASSES: usize = 65535;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for server in servers(m) {
        let ns = server.ns();
        let mut count = 0;
        for class in server.children_named(ns, "ActivatableClass") {
            count += 1;
            if count == MAX_CLASSES + 1 {
                cx.report(
                    class.name_span(),
                    format!(
                        "{} declares more than {MAX_CLASSES} ActivatableClass elements; this is class {}",
                        display(server),
                        count
                    ),
                )
                .help("split the classes across several servers");
            }
        }
        if count == 0 {
            cx.report(server.name_span(), format!("{} declares no ActivatableClass", display(server)))
                .help("declare each runtime class the server provides with <ActivatableClass ActivatableClassId=\"Namespace.ClassName\"/> after <Instancing>, or remove the server");
        }
    }
}
