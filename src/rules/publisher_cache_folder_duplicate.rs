//! `publisher-cache-folder-duplicate`: a publisher cache folder name declared twice in a
//! package. Windows file names ignore case, so `Logs` and `logs` are one folder.

use super::Ctx;
use super::ipc::publisher_cache_folders;
use super::util::shorten;
use crate::manifest::{Manifest, NsId};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let names: Vec<_> = publisher_cache_folders(m)
        .into_iter()
        .flat_map(|pcf| pcf.children_named(NsId::FOUNDATION, "Folder"))
        .filter_map(|f| f.attr("Name"))
        .filter(|a| !a.is_placeholder() && !a.value().trim().is_empty())
        .collect();
    for (i, at) in super::util::repeats(names.iter().map(|n| Some(n.value().trim().to_lowercase()))) {
        let name = &names[i];
        let value = name.value().trim();
        let first = &names[at];
        let message = if first.value().trim() == value {
            format!("the publisher cache folder `{}` is declared twice", shorten(value))
        } else {
            format!(
                "the publisher cache folders `{}` and `{}` are one folder: Windows folder names ignore case",
                shorten(first.value().trim()),
                shorten(value)
            )
        };
        cx.report(name.value_span(), message)
            .label(first.value_span(), "first declared here")
            .help("declare each shared folder once");
    }
}
