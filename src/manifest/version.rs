//! Four-part versions (`ST_VersionQuad`): each part is 0-65535 in decimal, without
//! leading zeros.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version(pub [u16; 4]);

impl Version {
    /// The version of Windows 10 build `build` (`10.0.build.0`).
    pub const fn windows(build: u32) -> Version {
        Version([10, 0, build as u16, 0])
    }

    pub fn parse(s: &str) -> Option<Version> {
        let mut parts = [0u16; 4];
        let mut n = 0;
        for p in s.split('.') {
            if n == 4 || p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            if p.len() > 1 && p.starts_with('0') {
                return None;
            }
            parts[n] = p.parse().ok()?;
            n += 1;
        }
        (n == 4).then_some(Version(parts))
    }

    /// Why `s` is not a version quad, or `None` when it is one.
    pub fn problem(s: &str) -> Option<String> {
        if Version::parse(s).is_some() {
            return None;
        }
        let parts: Vec<&str> = s.split('.').collect();
        if parts.len() != 4 {
            return Some(format!("a version has four parts `major.minor.build.revision`; `{s}` has {}", parts.len()));
        }
        for p in parts {
            if p.is_empty() {
                return Some(format!("`{s}` has an empty part"));
            }
            if !p.bytes().all(|b| b.is_ascii_digit()) {
                return Some(format!("`{p}` is not a decimal number"));
            }
            if p.len() > 1 && p.starts_with('0') {
                return Some(format!("`{p}` has a leading zero, which versions do not allow"));
            }
            if p.parse::<u32>().map_or(true, |v| v > 65535) {
                return Some(format!("`{p}` is larger than 65535"));
            }
        }
        Some(format!("`{s}` is not a version"))
    }

    /// The Windows build this version names (`10.0.B.R` -> B). Versions above Windows 10's
    /// numbering (`11.0.0.0`) count as newer than every build.
    pub fn build(self) -> u32 {
        if self.0[0] > 10 { u32::MAX } else { self.0[2] as u32 }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d] = self.0;
        write!(f, "{a}.{b}.{c}.{d}")
    }
}

/// The release name of a Windows build, for messages.
pub fn release_name(build: u32) -> Option<&'static str> {
    Some(match build {
        10240 => "Windows 10 1507",
        10586 => "Windows 10 1511",
        14393 => "Windows 10 1607",
        15063 => "Windows 10 1703",
        16299 => "Windows 10 1709",
        17134 => "Windows 10 1803",
        17763 => "Windows 10 1809",
        18362 => "Windows 10 1903",
        18363 => "Windows 10 1909",
        19041 => "Windows 10 2004",
        19645 => "a Windows 10 Insider build",
        20348 => "Windows Server 2022",
        22000 => "Windows 11 21H2",
        22159 => "a Windows 11 Insider build",
        22621 => "Windows 11 22H2",
        26100 => "Windows 11 24H2",
        _ => return None,
    })
}

/// `build 16299 (Windows 10 1709)`.
pub fn describe_build(build: u32) -> String {
    match release_name(build) {
        Some(name) => format!("build {build} ({name})"),
        None => format!("build {build}"),
    }
}

/// Builds of Windows 10 and 11 releases (general availability), in order.
pub const RELEASE_BUILDS: &[u32] =
    &[10240, 10586, 14393, 15063, 16299, 17134, 17763, 18362, 19041, 20348, 22000, 22621, 26100];

/// The first build of the development cycle that led to `build`: Insider builds after the
/// previous release already carry what the release ships. Microsoft's own sparse-package
/// sample, for one, declares `MaxVersionTested="10.0.19000.0"` with uap10 (19041).
pub fn cycle_start(build: u32) -> u32 {
    RELEASE_BUILDS.iter().rev().find(|&&r| r < build).map_or(build, |r| r + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders() {
        assert_eq!(Version::parse("10.0.17763.0"), Some(Version([10, 0, 17763, 0])));
        assert!(Version::parse("10.0.17763.0") < Version::parse("10.0.19041.0"));
        assert_eq!(Version::parse("65535.0.0.0").unwrap().0[0], 65535);
        for bad in ["1.0.0", "1.0.0.0.0", "01.0.0.0", "65536.0.0.0", "1.0.a.0", "", "1..0.0", "+1.0.0.0"] {
            assert_eq!(Version::parse(bad), None, "{bad}");
            assert!(Version::problem(bad).is_some(), "{bad}");
        }
        assert!(Version::problem("1.01.0.0").unwrap().contains("leading zero"));
        assert!(Version::problem("1.0.70000.0").unwrap().contains("65535"));
        assert_eq!(Version::windows(16299).to_string(), "10.0.16299.0");
        assert_eq!(Version::parse("11.0.0.0").unwrap().build(), u32::MAX);
    }
}
