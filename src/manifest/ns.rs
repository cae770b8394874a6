//! The namespace table: every manifest namespace appxlint knows, with its usual prefix and
//! the first Windows build that understands it.
//!
//! Rules match elements and attributes by (namespace, local name), never by prefix: the
//! prefix is only a convention of the file. Builds come from the "What's changed in
//! Windows 10" page of the manifest schema reference
//! (<https://learn.microsoft.com/uwp/schemas/appxpackage/uapmanifestschema/what-s-changed-in-windows-10>)
//! and from the "Minimum OS Version" rows of the element pages; `None` means no public
//! source states a build.

/// An interned namespace. `NsId::NONE` is "no namespace" (an unprefixed attribute, or an
/// element in a document without a default namespace). Known namespaces have fixed ids;
/// other URIs met in a document get ids above [`NsId::FIRST_DYNAMIC`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct NsId(pub u16);

/// Families group the versions of one namespace (`com`, `com2`, `com3` ... are all `Com`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Foundation,
    Uap,
    Rescap,
    Wincap,
    Desktop,
    Com,
    Mobile,
    Iot,
    Holographic,
    ServerPreview,
    Xbox,
    Phone,
    CloudFiles,
    Deployment,
    Virtualization,
    PreviewAppCompat,
    PrintSupport,
    Heap,
    SystemAi,
    Build,
    /// Windows 8 (2010), 8.1 (2013) and Windows Phone 8.1 (2014) manifest namespaces.
    Legacy,
    Bundle,
    Other,
}

#[derive(Debug)]
pub struct NsInfo {
    pub uri: &'static str,
    pub prefix: &'static str,
    pub family: Family,
    /// The version within the family (1 for the unnumbered namespace).
    pub version: u8,
    /// First Windows 10/11 build that understands the namespace, when documented.
    pub min_build: Option<u32>,
}

macro_rules! namespaces {
    ($( $id:ident = $n:literal : $uri:literal, $prefix:literal, $family:ident, $ver:literal, $build:expr; )*) => {
        impl NsId {
            $( pub const $id: NsId = NsId($n); )*
        }
        pub static KNOWN: &[NsInfo] = &[
            $( NsInfo { uri: $uri, prefix: $prefix, family: Family::$family, version: $ver, min_build: $build }, )*
        ];
    };
}

const M: &str = "http://schemas.microsoft.com/appx/manifest/";
const _: () = assert!(M.len() == 43);

namespaces! {
    FOUNDATION = 1: "http://schemas.microsoft.com/appx/manifest/foundation/windows10", "", Foundation, 1, Some(10240);
    FOUNDATION2 = 2: "http://schemas.microsoft.com/appx/manifest/foundation/windows10/2", "f2", Foundation, 2, Some(10586);
    UAP = 3: "http://schemas.microsoft.com/appx/manifest/uap/windows10", "uap", Uap, 1, Some(10240);
    UAP2 = 4: "http://schemas.microsoft.com/appx/manifest/uap/windows10/2", "uap2", Uap, 2, Some(10586);
    UAP3 = 5: "http://schemas.microsoft.com/appx/manifest/uap/windows10/3", "uap3", Uap, 3, Some(14393);
    UAP4 = 6: "http://schemas.microsoft.com/appx/manifest/uap/windows10/4", "uap4", Uap, 4, Some(15063);
    UAP5 = 7: "http://schemas.microsoft.com/appx/manifest/uap/windows10/5", "uap5", Uap, 5, Some(16299);
    UAP6 = 8: "http://schemas.microsoft.com/appx/manifest/uap/windows10/6", "uap6", Uap, 6, Some(17134);
    UAP7 = 9: "http://schemas.microsoft.com/appx/manifest/uap/windows10/7", "uap7", Uap, 7, Some(17763);
    UAP8 = 10: "http://schemas.microsoft.com/appx/manifest/uap/windows10/8", "uap8", Uap, 8, Some(18362);
    UAP10 = 11: "http://schemas.microsoft.com/appx/manifest/uap/windows10/10", "uap10", Uap, 10, Some(19041);
    UAP11 = 12: "http://schemas.microsoft.com/appx/manifest/uap/windows10/11", "uap11", Uap, 11, Some(19645);
    UAP12 = 13: "http://schemas.microsoft.com/appx/manifest/uap/windows10/12", "uap12", Uap, 12, Some(20348);
    UAP13 = 14: "http://schemas.microsoft.com/appx/manifest/uap/windows10/13", "uap13", Uap, 13, Some(22000);
    UAP15 = 15: "http://schemas.microsoft.com/appx/manifest/uap/windows10/15", "uap15", Uap, 15, Some(22621);
    UAP16 = 16: "http://schemas.microsoft.com/appx/manifest/uap/windows10/16", "uap16", Uap, 16, None;
    UAP17 = 17: "http://schemas.microsoft.com/appx/manifest/uap/windows10/17", "uap17", Uap, 17, Some(26100);
    UAP18 = 18: "http://schemas.microsoft.com/appx/manifest/uap/windows10/18", "uap18", Uap, 18, None;
    RESCAP = 19: "http://schemas.microsoft.com/appx/manifest/foundation/windows10/restrictedcapabilities", "rescap", Rescap, 1, Some(10240);
    RESCAP2 = 20: "http://schemas.microsoft.com/appx/manifest/foundation/windows10/restrictedcapabilities/2", "rescap2", Rescap, 2, Some(14393);
    RESCAP3 = 21: "http://schemas.microsoft.com/appx/manifest/foundation/windows10/restrictedcapabilities/3", "rescap3", Rescap, 3, Some(15063);
    RESCAP4 = 22: "http://schemas.microsoft.com/appx/manifest/foundation/windows10/restrictedcapabilities/4", "rescap4", Rescap, 4, Some(17134);
    RESCAP5 = 23: "http://schemas.microsoft.com/appx/manifest/foundation/windows10/restrictedcapabilities/5", "rescap5", Rescap, 5, Some(17763);
    RESCAP6 = 24: "http://schemas.microsoft.com/appx/manifest/foundation/windows10/restrictedcapabilities/6", "rescap6", Rescap, 6, Some(18362);
    WINCAP = 25: "http://schemas.microsoft.com/appx/manifest/foundation/windows10/windowscapabilities", "wincap", Wincap, 1, None;
    WINCAP2 = 26: "http://schemas.microsoft.com/appx/manifest/foundation/windows10/windowscapabilities/2", "wincap2", Wincap, 2, None;
    WINCAP3 = 27: "http://schemas.microsoft.com/appx/manifest/foundation/windows10/windowscapabilities/3", "wincap3", Wincap, 3, None;
    DESKTOP = 28: "http://schemas.microsoft.com/appx/manifest/desktop/windows10", "desktop", Desktop, 1, Some(14393);
    DESKTOP2 = 29: "http://schemas.microsoft.com/appx/manifest/desktop/windows10/2", "desktop2", Desktop, 2, Some(15063);
    DESKTOP3 = 30: "http://schemas.microsoft.com/appx/manifest/desktop/windows10/3", "desktop3", Desktop, 3, Some(16299);
    DESKTOP4 = 31: "http://schemas.microsoft.com/appx/manifest/desktop/windows10/4", "desktop4", Desktop, 4, Some(17134);
    DESKTOP5 = 32: "http://schemas.microsoft.com/appx/manifest/desktop/windows10/5", "desktop5", Desktop, 5, Some(17763);
    DESKTOP6 = 33: "http://schemas.microsoft.com/appx/manifest/desktop/windows10/6", "desktop6", Desktop, 6, Some(18362);
    DESKTOP7 = 34: "http://schemas.microsoft.com/appx/manifest/desktop/windows10/7", "desktop7", Desktop, 7, Some(20348);
    DESKTOP8 = 35: "http://schemas.microsoft.com/appx/manifest/desktop/windows10/8", "desktop8", Desktop, 8, Some(22000);
    DESKTOP9 = 36: "http://schemas.microsoft.com/appx/manifest/desktop/windows10/9", "desktop9", Desktop, 9, Some(22159);
    DESKTOP10 = 37: "http://schemas.microsoft.com/appx/manifest/desktop/windows10/10", "desktop10", Desktop, 10, Some(22621);
    DESKTOP11 = 38: "http://schemas.microsoft.com/appx/manifest/desktop/windows10/11", "desktop11", Desktop, 11, None;
    COM = 39: "http://schemas.microsoft.com/appx/manifest/com/windows10", "com", Com, 1, Some(15063);
    COM2 = 40: "http://schemas.microsoft.com/appx/manifest/com/windows10/2", "com2", Com, 2, Some(16299);
    COM3 = 41: "http://schemas.microsoft.com/appx/manifest/com/windows10/3", "com3", Com, 3, Some(19041);
    COM4 = 42: "http://schemas.microsoft.com/appx/manifest/com/windows10/4", "com4", Com, 4, Some(20348);
    COM5 = 43: "http://schemas.microsoft.com/appx/manifest/com/windows10/5", "com5", Com, 5, Some(22000);
    MOBILE = 44: "http://schemas.microsoft.com/appx/manifest/mobile/windows10", "mobile", Mobile, 1, Some(10240);
    IOT = 45: "http://schemas.microsoft.com/appx/manifest/iot/windows10", "iot", Iot, 1, None;
    IOT2 = 46: "http://schemas.microsoft.com/appx/manifest/iot/windows10/2", "iot2", Iot, 2, None;
    HOLO = 47: "http://schemas.microsoft.com/appx/manifest/holographic/windows10", "holo", Holographic, 1, Some(10240);
    SERVERPREVIEW = 48: "http://schemas.microsoft.com/appx/manifest/serverpreview/windows10", "serverpreview", ServerPreview, 1, Some(10240);
    XBOX = 49: "http://schemas.microsoft.com/appx/manifest/xbox/thresholdpreview", "xbox", Xbox, 1, None;
    MP = 50: "http://schemas.microsoft.com/appx/2014/phone/manifest", "mp", Phone, 1, None;
    CLOUDFILES = 51: "http://schemas.microsoft.com/appx/manifest/cloudfiles/windows10", "cloudFiles", CloudFiles, 1, Some(19645);
    CLOUDFILES2 = 52: "http://schemas.microsoft.com/appx/manifest/cloudfiles/windows10/2", "cloudFiles2", CloudFiles, 2, Some(22621);
    DEPLOYMENT = 53: "http://schemas.microsoft.com/appx/manifest/deployment/windows10", "deployment", Deployment, 1, Some(20348);
    VIRTUALIZATION = 54: "http://schemas.microsoft.com/appx/manifest/virtualization/windows10", "virtualization", Virtualization, 1, Some(20348);
    PREVIEWAPPCOMPAT = 55: "http://schemas.microsoft.com/appx/manifest/preview/windows10/msixappcompatsupport", "previewappcompat", PreviewAppCompat, 1, None;
    PREVIEWAPPCOMPAT3 = 56: "http://schemas.microsoft.com/appx/manifest/preview/windows10/msixappcompatsupport/3", "previewappcompat3", PreviewAppCompat, 3, None;
    PRINTSUPPORT = 57: "http://schemas.microsoft.com/appx/manifest/printsupport/windows10", "printSupport", PrintSupport, 1, Some(19041);
    HEAP = 58: "http://schemas.microsoft.com/appx/manifest/heap/windows10", "heap", Heap, 1, Some(22000);
    SYSTEMAI = 59: "http://schemas.microsoft.com/appx/manifest/systemai/windows10", "systemai", SystemAi, 1, None;
    BUILD = 60: "http://schemas.microsoft.com/developer/appx/2015/build", "build", Build, 1, None;
    WIN8 = 61: "http://schemas.microsoft.com/appx/2010/manifest", "", Legacy, 1, None;
    WIN81 = 62: "http://schemas.microsoft.com/appx/2013/manifest", "m2", Legacy, 2, None;
    WINPHONE81 = 63: "http://schemas.microsoft.com/appx/2014/manifest", "m3", Legacy, 3, None;
    BUNDLE2013 = 64: "http://schemas.microsoft.com/appx/2013/bundle", "", Bundle, 1, None;
    BUNDLE2016 = 65: "http://schemas.microsoft.com/appx/2016/bundle", "b4", Bundle, 4, None;
    BUNDLE2017 = 66: "http://schemas.microsoft.com/appx/2017/bundle", "b5", Bundle, 5, None;
    BUNDLE2018 = 67: "http://schemas.microsoft.com/appx/2018/bundle", "b", Bundle, 6, None;
    BUNDLE2019 = 68: "http://schemas.microsoft.com/appx/2019/bundle", "b7", Bundle, 7, None;
    TYPES = 69: "http://schemas.microsoft.com/appx/manifest/types", "t", Other, 1, None;
}

impl NsId {
    pub const NONE: NsId = NsId(0);
    /// Ids from here on name URIs that appxlint does not know, per document.
    pub const FIRST_DYNAMIC: u16 = 1000;

    /// Looks a URI up in the table of known namespaces.
    pub fn known(uri: &str) -> Option<NsId> {
        // The table is small; a linear scan that first compares lengths is plenty fast
        // for the dozen declarations a manifest makes.
        // The last byte first: versions of one namespace differ there (`.../uap/windows10/2`).
        let last = uri.as_bytes().last();
        KNOWN
            .iter()
            .position(|n| n.uri.len() == uri.len() && n.uri.as_bytes().last() == last && n.uri == uri)
            .map(|i| NsId(i as u16 + 1))
    }

    pub fn info(self) -> Option<&'static NsInfo> {
        if self.0 == 0 || self.0 >= NsId::FIRST_DYNAMIC {
            return None;
        }
        KNOWN.get(self.0 as usize - 1)
    }

    pub fn is_known(self) -> bool {
        self.info().is_some()
    }

    pub fn family(self) -> Family {
        self.info().map_or(Family::Other, |i| i.family)
    }

    pub fn in_family(self, family: Family) -> bool {
        self.family() == family
    }

    /// The conventional prefix (`uap5`), or `""` for the default namespace.
    pub fn usual_prefix(self) -> &'static str {
        self.info().map_or("", |i| i.prefix)
    }

    pub fn min_build(self) -> Option<u32> {
        self.info().and_then(|i| i.min_build)
    }
}

/// The known namespace that an unknown URI was most likely meant to be: the same URI but
/// for the scheme (`https://`), letter case, surrounding whitespace or a trailing slash,
/// or one within a few typing mistakes (`.../restrictedcapabilitie`,
/// `.../uap/windows1O`). A URI that differs from a known one only in its version numbers
/// (`.../uap/windows10/19`, `.../2020/bundle`) is not a near miss: it may be a namespace
/// newer than this table.
pub fn near_miss(uri: &str) -> Option<NsId> {
    if NsId::known(uri).is_some() {
        return None;
    }
    let norm = normalize_uri(uri);
    if norm.is_empty() {
        return None;
    }
    // The same but for a letter typed for a look-alike digit (`windows1O`, `/S` for `/5`):
    // the one meaning, where edit distance finds several versions equally close.
    // The known URIs normalized, with their version skeletons, once per process.
    static NORMALIZED: std::sync::LazyLock<Vec<(String, String)>> = std::sync::LazyLock::new(|| {
        KNOWN
            .iter()
            .map(|k| {
                let n = normalize_uri(k.uri);
                let skeleton = version_skeleton(&n);
                (n, skeleton)
            })
            .collect()
    });
    let digits = look_alike_digits(&norm);
    if let Some(i) = NORMALIZED.iter().position(|(k, _)| *k == norm || *k == digits) {
        return Some(NsId(i as u16 + 1));
    }
    let skeleton = version_skeleton(&norm);
    let len = norm.chars().count();
    let limit = if len >= 50 { 3 } else { 2 };
    NORMALIZED
        .iter()
        .enumerate()
        // An edit distance within the limit needs lengths within it.
        .filter(|(_, (k, s))| k.chars().count().abs_diff(len) <= limit && *s != skeleton)
        .map(|(i, (k, _))| (crate::rules::util::distance(&norm, k), i))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, i)| NsId(i as u16 + 1))
}

/// Letters that look like digits (`o` for `0`, `s` for `5`...) replaced by the digit, where
/// a digit is expected: after a digit, before one at the start of a word, or alone in a
/// path segment.
fn look_alike_digits(norm: &str) -> String {
    let chars: Vec<char> = norm.chars().collect();
    let digit = |c: char| match c {
        'o' => Some('0'),
        'i' | 'l' => Some('1'),
        'z' => Some('2'),
        's' => Some('5'),
        'b' => Some('8'),
        _ => None,
    };
    let mut out = String::with_capacity(norm.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        // `windows1O`, `/1O`, `/S`; not the `s` of `windows10`.
        let near_digit = prev.is_some_and(|p| p.is_ascii_digit())
            || (next.is_some_and(|n| n.is_ascii_digit()) && !prev.is_some_and(|p| p.is_ascii_alphabetic()));
        let alone = prev == Some('/') && next.is_none_or(|n| n == '/');
        match digit(c) {
            Some(d) if near_digit || alone => out.push(d),
            _ => out.push(c),
        }
    }
    out
}

/// A URI without what does not change its meaning to a reader: scheme, case, surrounding
/// whitespace, trailing slashes.
fn normalize_uri(uri: &str) -> String {
    let u = uri.trim().to_ascii_lowercase();
    let u = u.strip_prefix("https://").or_else(|| u.strip_prefix("http://")).unwrap_or(&u);
    u.trim_end_matches('/').to_string()
}

/// A normalized URI without its version numbers: a trailing `/N` and every digit, except
/// the `windows10` that every Windows 10/11 namespace spells out.
fn version_skeleton(norm: &str) -> String {
    let u = norm.replace("windows10", "windows#");
    let u = match u.rsplit_once('/') {
        Some((head, last)) if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) => head.to_string(),
        _ => u,
    };
    u.chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// The namespace table as Markdown (`docs/namespaces.md`).
pub fn markdown_table() -> String {
    let mut out = String::from(
        "# Namespaces\n\n<!-- Generated from src/manifest/ns.rs; tests/docs.rs checks it is current. -->\n\n\
         The manifest namespaces appxlint knows, with their usual prefix and the first Windows build that \
         understands them (from [What's changed in Windows 10](https://learn.microsoft.com/uwp/schemas/appxpackage/uapmanifestschema/what-s-changed-in-windows-10) \
         and the element pages' *Minimum OS Version*). Rules match the URI, never the prefix. A namespace without a \
         documented build is not judged by the version rules.\n\n\
         | Namespace | Usual prefix | First build |\n|---|---|---|\n",
    );
    for n in KNOWN {
        let build = n.min_build.map_or("not documented".to_string(), crate::manifest::version::describe_build);
        let prefix = if n.prefix.is_empty() { "(default)".to_string() } else { format!("`{}`", n.prefix) };
        out.push_str(&format!("| `{}` | {prefix} | {build} |\n", n.uri));
    }
    out
}

/// Human name of a namespace for messages: its usual prefix, or its URI.
pub fn describe(id: NsId, uri: &str) -> String {
    match id.info() {
        Some(i) if !i.prefix.is_empty() => format!("{} ({})", i.prefix, i.uri),
        Some(i) => format!("the foundation namespace ({})", i.uri),
        None => uri.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_the_table() {
        assert_eq!(NsId::known("http://schemas.microsoft.com/appx/manifest/uap/windows10/5"), Some(NsId::UAP5));
        assert_eq!(NsId::UAP5.min_build(), Some(16299));
        assert_eq!(NsId::UAP4.usual_prefix(), "uap4");
        assert_eq!(NsId::COM3.family(), Family::Com);
        assert_eq!(NsId::known("urn:other"), None);
        let m = "http://schemas.microsoft.com/appx/manifest/";
        for (typo, meant) in [
            ("https://schemas.microsoft.com/appx/manifest/uap/windows10", NsId::UAP),
            ("http://schemas.microsoft.com/appx/manifest/uap/windows10/", NsId::UAP),
            ("http://schemas.microsoft.com/appx/manifest/UAP/windows10/5", NsId::UAP5),
            (" http://schemas.microsoft.com/appx/manifest/uap/windows10/5", NsId::UAP5),
            ("http://schemas.microsoft.com/appx/manifest/foundation/windows10/restrictedcapabilitie", NsId::RESCAP),
            ("http://schemas.microsoft.com/appx/manifest/uap/windows1O", NsId::UAP),
            ("http://schemas.microsoft.com/appx/manifest/uap/windows10/S", NsId::UAP5),
            ("http://schemas.microsoft.com/appx/manifest/uap/windows10/1O", NsId::UAP10),
            ("http://schemas.microsoft.com/appx/manifest/desktop/windows11", NsId::DESKTOP),
        ] {
            assert_eq!(near_miss(typo), Some(meant), "{typo}");
        }
        // Other versions, other namespaces, and the known URIs themselves are not typos.
        for uri in [
            format!("{m}uap/windows10/19"),
            format!("{m}uap/windows10/14"),
            format!("{m}desktop/windows10/12"),
            format!("{m}deployment/windows10/2"),
            "http://schemas.microsoft.com/appx/2020/bundle".to_string(),
            format!("{m}textinput/windows10"),
            format!("{m}trustedlaunch/windows10"),
            "http://contoso.com/appx/tooling".to_string(),
            format!("{m}uap/windows10/5"),
        ] {
            assert_eq!(near_miss(&uri), None, "{uri}");
        }
        for (i, n) in KNOWN.iter().enumerate() {
            assert_eq!(NsId::known(n.uri), Some(NsId(i as u16 + 1)), "{}", n.uri);
            if n.family != Family::Legacy
                && n.family != Family::Bundle
                && n.family != Family::Build
                && n.family != Family::Phone
            {
                assert!(n.uri.starts_with(M), "{}", n.uri);
            }
        }
    }
}
