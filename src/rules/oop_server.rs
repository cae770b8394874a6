//! What the out-of-process server rules share: finding `OutOfProcessServer` elements in
//! both of their forms.
//!
//! - `uap5:OutOfProcessServer` under `uap5:Extension` in `Application/Extensions`, whose
//!   children are in the uap5 namespace and whose full-trust switch is the unqualified
//!   `RunFullTrust` attribute;
//! - the foundation `OutOfProcessServer` under `Package/Extensions/Extension`, whose
//!   children are in the foundation namespace and whose switch is `uap5:RunFullTrust`.

use crate::manifest::{Attr, El, Manifest, NsId};

pub fn servers<'a>(m: &Manifest<'a>) -> impl Iterator<Item = El<'a>> + use<'a> {
    m.root
        .descendants()
        .filter(|e| (e.ns() == NsId::UAP5 || e.ns() == NsId::FOUNDATION) && e.local_is("OutOfProcessServer"))
}

/// The `RunFullTrust` attribute in either form.
pub fn run_full_trust<'a>(server: El<'a>) -> Option<Attr<'a>> {
    server.attr("RunFullTrust").or_else(|| server.attr_ns(NsId::UAP5, "RunFullTrust"))
}

/// `uap5:OutOfProcessServer` or `OutOfProcessServer`, as a user would write it.
pub fn display(server: El<'_>) -> &'static str {
    if server.ns() == NsId::UAP5 { "uap5:OutOfProcessServer" } else { "OutOfProcessServer" }
}
