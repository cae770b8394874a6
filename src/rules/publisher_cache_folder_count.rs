//! `publisher-cache-folder-count`: a `PublisherCacheFolders` element holds 1 to 100
//! `Folder`s.

use super::Ctx;
use super::ipc::publisher_cache_folders;
use crate::manifest::{Manifest, NsId};

pub const MAX: usize = 100;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for pcf in publisher_cache_folders(m) {
        let folders: Vec<_> = pcf.children_named(NsId::FOUNDATION, "Folder").collect();
        if folders.is_empty() {
            if pcf.text().is_some_and(|(t, _)| crate::manifest::placeholder::contains(&t)) {
                continue; // filled in by the build
            }
            cx.report(pcf.name_span(), "`<PublisherCacheFolders>` declares no folder; it needs 1 to 100 `<Folder>`s")
                .help("add <Folder Name=\"...\"/> for each folder shared with the publisher's other packages, or remove the extension");
        } else if folders.len() > MAX {
            cx.report(
                folders[MAX].name_span(),
                format!("`<PublisherCacheFolders>` declares {} folders; at most {MAX} are allowed", folders.len()),
            )
            .help("share fewer folders: one folder can hold sub-folders created at run time");
        }
    }
}
