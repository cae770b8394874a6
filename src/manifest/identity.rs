//! Package identity: the publisher id, package family names and the string rules of
//! package names.
//!
//! The publisher id is the first 8 bytes of SHA-256 over the UTF-16LE encoding of the
//! `Publisher` attribute exactly as written, in Crockford's base 32 (13 symbols). This is
//! the algorithm of microsoft/msix-packaging (`src/inc/internal/AppxPackageInfo.hpp`,
//! `ComputePublisherId`, and `src/msix/common/Encoding.cpp`):
//! <https://github.com/microsoft/msix-packaging>.

use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// The 13-character publisher id of a publisher distinguished name.
pub fn publisher_id(publisher: &str) -> String {
    let mut hasher = Sha256::new();
    for unit in publisher.encode_utf16() {
        hasher.update(unit.to_le_bytes());
    }
    let digest = hasher.finalize();
    let mut bits = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
    // 64 bits in 5-bit groups, most significant first; the 13th group is the last 4 bits
    // followed by one zero bit of padding.
    let mut out = String::with_capacity(13);
    for i in 0..13 {
        let index = if i < 12 {
            let v = (bits >> 59) as usize;
            bits <<= 5;
            v
        } else {
            ((bits >> 60) as usize) << 1
        };
        out.push(ALPHABET[index] as char);
    }
    out
}

/// `Name_PublisherId`.
pub fn family_name(name: &str, publisher: &str) -> String {
    format!("{name}_{}", publisher_id(publisher))
}

/// Why a string is not a publisher id that the algorithm can produce, or `None` when it is.
pub fn publisher_id_problem(id: &str) -> Option<String> {
    if id.len() != 13 || !id.is_ascii() {
        return Some(format!("a publisher id has exactly 13 characters; `{id}` has {}", id.chars().count()));
    }
    for (i, c) in id.chars().enumerate() {
        if c.is_ascii_uppercase() && ALPHABET.contains(&(c.to_ascii_lowercase() as u8)) {
            return Some(format!("publisher ids are lower case; `{c}` should be `{}`", c.to_ascii_lowercase()));
        }
        let Some(pos) = ALPHABET.iter().position(|&a| a as char == c) else {
            return Some(format!(
                "`{c}` is not a publisher id character (Crockford base 32: 0-9 and a-z without i, l, o, u)"
            ));
        };
        if i == 12 && pos % 2 == 1 {
            return Some(format!(
                "the 13th character of a publisher id carries 4 bits and a zero pad bit, so it is one of 0 2 4 6 8 a c e g j m p r t w y; `{c}` cannot occur there"
            ));
        }
    }
    None
}

/// Reserved device names that Windows refuses as package names and application ids
/// (msix-packaging `src/msix/common/FileNameValidation.cpp`).
pub const RESERVED_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Why a package name (`ST_PackageName` plus the identifier rules of msix-packaging) is
/// invalid, or `None` when it is valid.
pub fn package_name_problem(name: &str) -> Option<String> {
    let len = name.chars().count();
    if let Some(c) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '.' || *c == '-')) {
        return Some(format!("`{c}` is not allowed in a package name (only letters, digits, `.` and `-`)"));
    }
    if !(3..=50).contains(&len) {
        return Some(format!("a package name has 3 to 50 characters; `{name}` has {len}"));
    }
    identifier_problem(name)
}

/// The reserved-name rules shared by package names and resource ids.
pub fn identifier_problem(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    if lower == "." || lower == ".." || RESERVED_NAMES.contains(&lower.as_str()) {
        return Some(format!("`{name}` is a reserved name"));
    }
    if let Some(prefix) = RESERVED_NAMES.iter().find(|r| lower.starts_with(&format!("{r}."))) {
        return Some(format!("`{name}` starts with the reserved name `{prefix}.`"));
    }
    if lower.starts_with("xn--") {
        return Some(format!("`{name}` starts with `xn--`, which is reserved"));
    }
    if lower.ends_with('.') {
        return Some(format!("`{name}` ends with `.`"));
    }
    None
}

/// Why a package family name is not `Name_PublisherId`, or `None` when it is well formed.
pub fn family_name_problem(pfn: &str) -> Option<String> {
    // A package full name: Name_Version_Architecture_ResourceId_PublisherId.
    let parts: Vec<&str> = pfn.split('_').collect();
    if parts.len() == 5
        && crate::manifest::Version::parse(parts[1]).is_some()
        && publisher_id_problem(parts[4]).is_none()
    {
        return Some(format!(
            "this is a package full name (name, version, architecture, resource id, publisher id); the family name is `{}_{}`",
            parts[0], parts[4]
        ));
    }
    let Some((name, id)) = pfn.rsplit_once('_') else {
        return Some(format!("`{pfn}` has no `_`: a package family name is `Name_PublisherId`"));
    };
    if let Some(p) = package_name_problem(name) {
        return Some(format!("the name part is invalid: {p}"));
    }
    publisher_id_problem(id).map(|p| format!("the publisher id part is invalid: {p}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_vectors() {
        // Vectors from the project reference (msix-packaging tests and derived values).
        let v = [
            ("CN=Microsoft Corporation, O=Microsoft Corporation, L=Redmond, S=Washington, C=US", "8wekyb3d8bbwe"),
            ("CN=Microsoft Corporation2, O=Microsoft Corporation2, L=Redmond2, S=Washington, C=US2", "4395hyxtvknyy"),
            ("CN=Contoso", "h91ms92gdsmmt"),
            ("CN=Microsoft Windows, O=Microsoft Corporation, L=Redmond, S=Washington, C=US", "cw5n1h2txyewy"),
            ("CN=Microsoft Corporation, O=Microsoft Corporation, L=Redmond, S=Washington, C=US ", "c8txjm940nrc4"),
            (
                "CN=Microsoft Windows Kits Publisher, O=Microsoft Corporation, L=Redmond, S=Washington, C=US",
                "s2zk281wd5sh2",
            ),
            ("CN=AppModelSamples, OID.2.25.311729368913984317654407730594956997722=1", "enwe9x4v0qrtw"),
        ];
        for (publisher, id) in v {
            assert_eq!(publisher_id(publisher), id, "{publisher}");
            assert_eq!(publisher_id_problem(id), None);
        }
        assert_eq!(family_name("SampleAppManifest", v[0].0), "SampleAppManifest_8wekyb3d8bbwe");
    }

    #[test]
    fn generated_ids_always_pass_the_strict_check() {
        for i in 0..2000 {
            let id = publisher_id(&format!("CN=Test {i}, O=Org"));
            assert_eq!(publisher_id_problem(&id), None, "{id}");
        }
    }

    #[test]
    fn strict_publisher_id_check() {
        assert!(publisher_id_problem("8wekyb3d8bbw").is_some());
        assert!(publisher_id_problem("8wekyb3d8bbwu").unwrap().contains('u'));
        assert!(publisher_id_problem("8wekyb3d8bbwf").unwrap().contains("13th"));
        assert!(publisher_id_problem("8WEKYB3D8BBWE").unwrap().contains("lower case"));
        assert!(publisher_id_problem("8wekyb3d8bbwé").is_some());
    }

    #[test]
    fn package_names() {
        assert_eq!(package_name_problem("Contoso.App-1"), None);
        assert!(package_name_problem("ab").is_some());
        assert!(package_name_problem(&"a".repeat(51)).is_some());
        assert!(package_name_problem("Con").unwrap().contains("reserved"));
        assert!(package_name_problem("com1.app").unwrap().contains("reserved"));
        assert!(package_name_problem("xn--app").is_some());
        assert!(package_name_problem("App.").is_some());
        assert!(package_name_problem("App_1").unwrap().contains('_'));
    }

    #[test]
    fn family_names() {
        assert_eq!(family_name_problem("Contoso.Server_h91ms92gdsmmt"), None);
        assert!(family_name_problem("Contoso.Server").is_some());
        assert!(family_name_problem("Contoso.Server_h91ms92gdsmm").is_some());
        assert!(family_name_problem("C_h91ms92gdsmmt").unwrap().contains("name part"));
    }
}
