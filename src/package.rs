//! Reading packages (`.msix`, `.appx`) and bundles (`.msixbundle`, `.appxbundle`) in place.
//!
//! A package is a zip archive with `AppxManifest.xml` at its root; a bundle holds
//! `AppxMetadata/AppxBundleManifest.xml` and the packages themselves, stored uncompressed.
//! Nothing is ever extracted to disk: the central directory is read, then only the entries
//! appxlint needs (the manifests), through caps on every size the archive declares and on
//! what it actually inflates to. A package inside a bundle is read as a sub-range of the
//! bundle (no copy); packages are never read more than one level deep.
//!
//! This module knows archives, not rules: it reports [`Problem`]s naming the rule that the
//! engine (`crate::lint`) turns them into.

use std::borrow::Cow;
use std::io::{self, Read, Seek, SeekFrom};

use zip::result::ZipError;
use zip::{CompressionMethod, ZipArchive};

/// The manifest of a package, at the root of the archive.
pub const PACKAGE_MANIFEST: &str = "AppxManifest.xml";
/// The manifest of a bundle.
pub const BUNDLE_MANIFEST: &str = "AppxMetadata/AppxBundleManifest.xml";

/// Rule names of the problems found in archives (documented in `rules/`).
pub mod rule {
    pub const INVALID: &str = "package-invalid";
    pub const LIMIT: &str = "package-limit-exceeded";
    pub const DUPLICATE: &str = "package-duplicate-entry";
    pub const MISSING_MANIFEST: &str = "package-manifest-missing";
    pub const COMPRESSED: &str = "bundle-package-compressed";
}

/// True for the file names appxlint reads as packages: `.msix`, `.appx`, `.msixbundle`,
/// `.appxbundle`, in any case.
pub fn is_package_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".msix", ".appx", ".msixbundle", ".appxbundle"].iter().any(|ext| lower.len() > ext.len() && lower.ends_with(ext))
}

/// What appxlint accepts from an archive. Real packages stay far below every one of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest manifest, uncompressed, both as declared and as actually inflated.
    pub entry_bytes: u64,
    /// Most entries in one archive (the central directory is read whole).
    pub entries: u64,
    /// Largest central directory.
    pub directory_bytes: u64,
    /// Largest archive.
    pub archive_bytes: u64,
    /// Most packages read inside one bundle (the bundle schema allows 10,000).
    pub packages: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        entry_bytes: crate::lint::MAX_MANIFEST_BYTES,
        entries: 200_000,
        directory_bytes: 64 * 1024 * 1024,
        archive_bytes: 256 * 1024 * 1024 * 1024,
        packages: 10_000,
    };
}

/// Anything that can be read and sought: a file, a buffer, a sub-range of either.
pub trait ReadSeek: Read + Seek {}
impl<T: Read + Seek + ?Sized> ReadSeek for T {}

/// A problem with an archive, for the rule named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub rule: &'static str,
    pub message: String,
    pub help: String,
}

impl Problem {
    fn new(rule: &'static str, message: impl Into<String>, help: impl Into<String>) -> Problem {
        Problem { rule, message: message.into(), help: help.into() }
    }

    fn invalid(message: impl Into<String>) -> Problem {
        Problem::new(
            rule::INVALID,
            message,
            "rebuild the package with MakeAppx or Visual Studio; a package is a zip archive that these tools write",
        )
    }

    fn limit(message: impl Into<String>) -> Problem {
        Problem::new(
            rule::LIMIT,
            message,
            "a real package never comes close to this limit: the archive is damaged or built to exhaust the reader",
        )
    }
}

/// Which manifest an archive holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManifestKind {
    Package,
    Bundle,
}

/// What the central directory says of an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub index: usize,
    pub name: String,
    /// Uncompressed size, as declared.
    pub size: u64,
    pub compressed_size: u64,
    pub stored: bool,
}

/// An open archive.
pub struct Archive<'r> {
    zip: ZipArchive<&'r mut dyn ReadSeek>,
    names: Vec<String>,
    /// Names of the central directory in order, duplicates included; read only when the
    /// directory has duplicates, which the zip reader folds together.
    raw_names: Option<Vec<String>>,
}

impl<'r> Archive<'r> {
    /// Opens an archive: checks its size and the size of its central directory before
    /// reading the directory, then reads it.
    pub fn open(reader: &'r mut dyn ReadSeek, limits: &Limits) -> Result<Archive<'r>, Problem> {
        let len = reader.seek(SeekFrom::End(0)).map_err(|e| Problem::invalid(format!("cannot read: {e}")))?;
        if len == 0 {
            return Err(Problem::invalid("the file is empty; a package is a zip archive"));
        }
        if len > limits.archive_bytes {
            return Err(Problem::limit(format!(
                "the archive has {len} bytes; appxlint reads archives of at most {} bytes",
                limits.archive_bytes
            )));
        }
        let mut head = [0u8; 4];
        reader.seek(SeekFrom::Start(0)).and_then(|_| read_up_to(reader, &mut head)).map_err(io_problem)?;
        if let Some(dir) = directory_size(reader, len).map_err(io_problem)? {
            if dir.entries > limits.entries {
                return Err(Problem::limit(format!(
                    "the archive declares {} entries; appxlint reads archives of at most {}",
                    dir.entries, limits.entries
                )));
            }
            if dir.bytes > limits.directory_bytes {
                return Err(Problem::limit(format!(
                    "the archive's central directory declares {} bytes; appxlint reads at most {}",
                    dir.bytes, limits.directory_bytes
                )));
            }
        }
        reader.seek(SeekFrom::Start(0)).map_err(io_problem)?;
        let mut zip = match ZipArchive::new(reader) {
            Ok(zip) => zip,
            Err(e) => return Err(open_problem(e, &head, len)),
        };
        // The directory may still hold more entries than its end record said.
        if zip.len() as u64 > limits.entries {
            return Err(Problem::limit(format!(
                "the archive has {} entries; appxlint reads archives of at most {}",
                zip.len(),
                limits.entries
            )));
        }
        // The zip reader keeps only the last of two entries with the same name: read the
        // names of the central directory again, then reopen. Only broken archives take
        // this path.
        let mut raw_names = None;
        if zip.has_duplicate_names() {
            let start = zip.central_directory_start();
            let reader = zip.into_inner();
            raw_names = walk_central_directory(reader, start, limits.entries as usize).ok();
            zip = ZipArchive::new(reader).map_err(|e| open_problem(e, &head, len))?;
        }
        let names = (0..zip.len())
            .map(|i| match zip.by_index_data(i) {
                Ok(e) => {
                    e.name().map(Cow::into_owned).unwrap_or_else(|_| String::from_utf8_lossy(e.name_raw()).into_owned())
                }
                Err(_) => String::new(),
            })
            .collect();
        Ok(Archive { zip, names, raw_names })
    }

    /// Number of entries (duplicates folded).
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Duplicate and case-duplicate entry names. Part names in a package compare without
    /// case, and zip readers disagree on which of two same-named entries they return.
    pub fn duplicates(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let names = self.raw_names.as_deref().unwrap_or(&self.names);
        let mut seen: std::collections::HashMap<String, &str> = std::collections::HashMap::with_capacity(names.len());
        let mut reported = std::collections::HashSet::new();
        for name in names {
            let key = name.to_lowercase();
            if let Some(first) = seen.get(key.as_str()) {
                if !reported.insert(key.clone()) {
                    continue;
                }
                let message = if *first == name.as_str() {
                    format!("the archive has two entries named `{name}`")
                } else {
                    format!(
                        "the archive has entries `{first}` and `{name}`, whose names differ only in case; part names in a package ignore case"
                    )
                };
                out.push(Problem::new(
                    rule::DUPLICATE,
                    message,
                    "rebuild the package from a folder without name clashes; tools disagree on which of the entries they read",
                ));
            } else {
                seen.insert(key, name);
            }
        }
        out
    }

    /// The index of an entry, by exact name, else ignoring case.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.names
            .iter()
            .position(|n| n == name)
            .or_else(|| self.names.iter().position(|n| n.eq_ignore_ascii_case(name)))
    }

    /// Which manifest the archive holds, or the problem when it holds none, or both.
    pub fn manifest(&self) -> Result<(ManifestKind, usize), Problem> {
        let package = self.find(PACKAGE_MANIFEST);
        let bundle = self.find(BUNDLE_MANIFEST);
        match (package, bundle) {
            (Some(p), None) => Ok((ManifestKind::Package, p)),
            (None, Some(b)) => Ok((ManifestKind::Bundle, b)),
            (Some(_), Some(_)) => Err(Problem::new(
                rule::MISSING_MANIFEST,
                format!(
                    "the archive has both `{PACKAGE_MANIFEST}` and `{BUNDLE_MANIFEST}`; it must be a package or a bundle"
                ),
                "a package has AppxManifest.xml at its root; a bundle has AppxMetadata/AppxBundleManifest.xml and holds packages",
            )),
            (None, None) => Err(Problem::new(
                rule::MISSING_MANIFEST,
                format!(
                    "the archive has neither `{PACKAGE_MANIFEST}` nor `{BUNDLE_MANIFEST}`, so it is not a package ({} entries)",
                    self.names.len()
                ),
                "package the app with MakeAppx or Visual Studio, which write the manifest at the root of the package",
            )),
        }
    }

    pub fn entry(&self, index: usize) -> Option<Entry> {
        let e = self.zip.by_index_data(index).ok()?;
        Some(Entry {
            index,
            name: self.names.get(index).cloned().unwrap_or_default(),
            size: e.size(),
            compressed_size: e.compressed_size(),
            stored: e.compression() == CompressionMethod::Stored,
        })
    }

    /// Reads an entry (a manifest) whole, within `limits.entry_bytes` as declared and as
    /// inflated.
    pub fn read(&mut self, index: usize, limits: &Limits) -> Result<Vec<u8>, Problem> {
        let name = self.names.get(index).cloned().unwrap_or_default();
        let (declared, method, encrypted) = {
            let e = self.zip.by_index_data(index).map_err(|e| zip_problem(&name, e))?;
            (e.size(), e.compression(), e.encrypted())
        };
        if declared > limits.entry_bytes {
            return Err(Problem::limit(format!(
                "`{name}` declares {declared} bytes uncompressed; appxlint reads manifests of at most {} bytes",
                limits.entry_bytes
            )));
        }
        if encrypted {
            return Err(Problem::invalid(format!(
                "`{name}` is encrypted; packages are never encrypted at the zip level"
            )));
        }
        // Packages use Stored and Deflate only.
        if method != CompressionMethod::STORE && method != CompressionMethod::DEFLATE {
            return Err(Problem::invalid(format!(
                "`{name}` uses the compression method {method:?}; packages use only Stored and Deflate"
            )));
        }
        let expected_crc = self.zip.by_index_data(index).map_err(|e| zip_problem(&name, e))?.crc32();
        let raw = self.zip.by_index_raw(index).map_err(|e| zip_problem(&name, e))?;
        let mut bytes = crate::lint::spare_buffer();
        bytes.reserve(declared as usize + 1);
        // The entry is inflated here, not by the zip reader: the inflater is kept from one
        // entry to the next (the zip reader makes a new one, 46 KiB, for each entry), and
        // the output stops one byte past the declared size, whatever the data says.
        let result = if method == CompressionMethod::STORE {
            copy_at_most(raw, &mut bytes, declared)
        } else {
            inflate_at_most(raw, &mut bytes, declared)
        };
        let problem = match result {
            Ok(()) if bytes.len() as u64 > declared => Some(format!(
                "`{name}` inflates to more than the {declared} bytes it declares: a damaged entry or a zip bomb"
            )),
            Ok(()) if (bytes.len() as u64) < declared => {
                Some(format!("`{name}` inflates to {} bytes but declares {declared}", bytes.len()))
            }
            Ok(()) if crc32fast::hash(&bytes) != expected_crc => {
                Some(format!("`{name}` is damaged: its checksum does not match its data"))
            }
            Ok(()) => None,
            Err(e) => Some(format!("cannot inflate `{name}`: {e}")),
        };
        match problem {
            None => Ok(bytes),
            Some(message) => {
                crate::lint::recycle_buffer(bytes);
                Err(Problem::invalid(message))
            }
        }
    }

    /// Where the data of a stored entry lies in the archive's reader.
    pub fn data_range(&mut self, index: usize) -> Result<(u64, u64), Problem> {
        let name = self.names.get(index).cloned().unwrap_or_default();
        let file = self.zip.by_index_raw(index).map_err(|e| zip_problem(&name, e))?;
        let start = file.data_start().ok_or_else(|| Problem::invalid(format!("cannot locate the data of `{name}`")))?;
        Ok((start, file.compressed_size()))
    }

    /// Gives the reader back, to read sub-ranges of it.
    pub fn into_reader(self) -> &'r mut dyn ReadSeek {
        self.zip.into_inner()
    }
}

thread_local! {
    /// The inflater of this thread, reset for each entry.
    static INFLATER: std::cell::RefCell<Option<flate2::Decompress>> = const { std::cell::RefCell::new(None) };
}

/// Copies a stored entry, at most `declared + 1` bytes.
fn copy_at_most(mut raw: impl Read, out: &mut Vec<u8>, declared: u64) -> Result<(), String> {
    let limit = declared.saturating_add(1);
    (&mut raw).take(limit).read_to_end(out).map(|_| ()).map_err(|e| describe_io(&e))
}

/// Inflates a deflated entry into `out`, stopping once it holds `declared + 1` bytes: an
/// entry never inflates past the size it declares plus the one byte that shows a lie.
fn inflate_at_most(mut raw: impl Read, out: &mut Vec<u8>, declared: u64) -> Result<(), String> {
    use flate2::{FlushDecompress, Status};
    let limit = declared.saturating_add(1);
    INFLATER.with(|cell| {
        let mut cell = cell.borrow_mut();
        let inflater = cell.get_or_insert_with(|| flate2::Decompress::new(false));
        inflater.reset(false);
        let mut input = [0u8; 16 * 1024];
        let mut output = [0u8; 32 * 1024];
        let (mut pos, mut filled, mut at_end) = (0, 0, false);
        while (out.len() as u64) < limit {
            if pos == filled && !at_end {
                filled = raw.read(&mut input).map_err(|e| describe_io(&e))?;
                pos = 0;
                at_end = filled == 0;
            }
            let room = (limit - out.len() as u64).min(output.len() as u64) as usize;
            let (in_before, out_before) = (inflater.total_in(), inflater.total_out());
            let flush = if at_end { FlushDecompress::Finish } else { FlushDecompress::None };
            let status = inflater
                .decompress(&input[pos..filled], &mut output[..room], flush)
                .map_err(|e| format!("the deflated data is damaged ({e})"))?;
            let consumed = (inflater.total_in() - in_before) as usize;
            let produced = (inflater.total_out() - out_before) as usize;
            pos += consumed;
            out.extend_from_slice(&output[..produced]);
            if status == Status::StreamEnd {
                return Ok(());
            }
            if consumed == 0 && produced == 0 && (at_end || pos < filled) {
                return Err("the deflated data ends early (the archive is truncated or damaged)".into());
            }
        }
        Ok(())
    })
}

fn read_up_to(r: &mut dyn ReadSeek, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

fn io_problem(e: io::Error) -> Problem {
    Problem::invalid(format!("cannot read the archive: {}", describe_io(&e)))
}

fn describe_io(e: &io::Error) -> String {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        return "the archive ends early (truncated)".to_string();
    }
    crate::discover::describe_io(e)
}

fn zip_error_text(e: &ZipError) -> String {
    match e {
        ZipError::Io(io) => describe_io(io),
        ZipError::InvalidArchive(m) if m.contains("EOCD") => {
            "its end of central directory record is missing (the archive is cut short, or not a zip archive)"
                .to_string()
        }
        ZipError::InvalidArchive(m) => m.to_string(),
        ZipError::UnsupportedArchive(m) => format!("unsupported archive: {m}"),
        ZipError::CompressionMethodNotSupported(m) => format!("compression method {m} is not supported"),
        other => other.to_string(),
    }
}

fn zip_problem(name: &str, e: ZipError) -> Problem {
    Problem::invalid(format!("cannot read `{name}`: {}", zip_error_text(&e)))
}

fn open_problem(e: ZipError, head: &[u8; 4], len: u64) -> Problem {
    let is_zip = head == b"PK\x03\x04" || head == b"PK\x05\x06";
    if !is_zip {
        let shown: Vec<String> = head.iter().take(len.min(4) as usize).map(|b| format!("{b:02X}")).collect();
        let what = if head.starts_with(b"<") || head.starts_with(&[0xEF, 0xBB, 0xBF]) || head.starts_with(&[0xFF, 0xFE])
        {
            " (it looks like XML: name a manifest `AppxManifest.xml` or `*.appxmanifest`)"
        } else {
            ""
        };
        return Problem::invalid(format!(
            "not a zip archive: a package starts with the bytes 50 4B 03 04 (`PK`), this file with {}{what}",
            shown.join(" ")
        ));
    }
    Problem::invalid(format!("the archive is truncated or damaged: {}", zip_error_text(&e)))
}

/// What the end of central directory record declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Directory {
    entries: u64,
    bytes: u64,
}

fn u16_at(b: &[u8], i: usize) -> u64 {
    u16::from_le_bytes([b[i], b[i + 1]]) as u64
}

fn u32_at(b: &[u8], i: usize) -> u64 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as u64
}

fn u64_at(b: &[u8], i: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(a)
}

/// Reads the end of central directory record (and its ZIP64 form) from the tail of the
/// archive, to bound the central directory before the zip reader loads it. `None` when no
/// record is found: the zip reader then reports the archive as damaged.
fn directory_size(r: &mut dyn ReadSeek, len: u64) -> io::Result<Option<Directory>> {
    const EOCD: usize = 22;
    let tail_len = len.min((EOCD + 0xFFFF + 20) as u64) as usize;
    let mut tail = vec![0u8; tail_len];
    r.seek(SeekFrom::Start(len - tail_len as u64))?;
    let n = read_up_to(r, &mut tail)?;
    tail.truncate(n);
    if tail.len() < EOCD {
        return Ok(None);
    }
    // The last record whose comment length reaches exactly the end of the file, else the
    // last record at all.
    let candidates: Vec<usize> =
        (0..=tail.len() - EOCD).rev().filter(|&i| tail[i..i + 4] == *b"PK\x05\x06").take(64).collect();
    let Some(&pos) = candidates
        .iter()
        .find(|&&i| i + EOCD + u16_at(&tail, i + 20) as usize == tail.len())
        .or_else(|| candidates.first())
    else {
        return Ok(None);
    };
    let mut dir = Directory { entries: u16_at(&tail, pos + 10), bytes: u32_at(&tail, pos + 12) };
    let zip64 = dir.entries == 0xFFFF || dir.bytes == 0xFFFF_FFFF || u32_at(&tail, pos + 16) == 0xFFFF_FFFF;
    if zip64 && pos >= 20 && tail[pos - 20..pos - 16] == *b"PK\x06\x07" {
        let at = u64_at(&tail, pos - 12);
        if at.checked_add(56).is_some_and(|end| end <= len) {
            let mut rec = [0u8; 56];
            r.seek(SeekFrom::Start(at))?;
            if read_up_to(r, &mut rec)? == 56 && rec[..4] == *b"PK\x06\x06" {
                dir = Directory { entries: u64_at(&rec, 32), bytes: u64_at(&rec, 40) };
            }
        }
    }
    Ok(Some(dir))
}

/// Every name of the central directory, in order, duplicates included.
fn walk_central_directory(r: &mut dyn ReadSeek, start: u64, max: usize) -> io::Result<Vec<String>> {
    let mut names = Vec::new();
    r.seek(SeekFrom::Start(start))?;
    let mut header = [0u8; 46];
    while names.len() < max {
        if read_up_to(r, &mut header)? < 46 || header[..4] != *b"PK\x01\x02" {
            break;
        }
        let name_len = u16_at(&header, 28) as usize;
        let skip = u16_at(&header, 30) as i64 + u16_at(&header, 32) as i64;
        let mut name = vec![0u8; name_len];
        if read_up_to(r, &mut name)? < name_len {
            break;
        }
        r.seek(SeekFrom::Current(skip))?;
        names.push(String::from_utf8_lossy(&name).into_owned());
    }
    Ok(names)
}

/// A window `start..start + len` of another reader, itself readable and seekable: a
/// package stored inside a bundle.
pub struct SubRange<'a> {
    inner: &'a mut dyn ReadSeek,
    start: u64,
    len: u64,
    pos: u64,
    /// The inner reader is not at `start + pos` (after a seek of ours).
    moved: bool,
}

impl<'a> SubRange<'a> {
    pub fn new(inner: &'a mut dyn ReadSeek, start: u64, len: u64) -> SubRange<'a> {
        SubRange { inner, start, len, pos: 0, moved: true }
    }
}

impl Read for SubRange<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.len || buf.is_empty() {
            return Ok(0);
        }
        if self.moved {
            self.inner.seek(SeekFrom::Start(self.start + self.pos))?;
            self.moved = false;
        }
        let want = (self.len - self.pos).min(buf.len() as u64) as usize;
        let n = self.inner.read(&mut buf[..want])?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for SubRange<'_> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        let Some(target) = target else {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "seek before the start of the range"));
        };
        if target != self.pos {
            self.pos = target;
            self.moved = true;
        }
        Ok(target)
    }
}

/// The name of a package inside a bundle as the bundle manifest writes it (`FileName`),
/// turned into the zip entry name: the characters that package part names percent-encode
/// are encoded, as is every non-ASCII character (as UTF-8 bytes); backslashes become `/`.
/// This follows the encoding of microsoft/msix-packaging (`src/msix/common/Encoding.cpp`).
pub fn encode_part_name(file_name: &str) -> String {
    let mut out = String::with_capacity(file_name.len());
    for c in file_name.chars() {
        match c {
            ' ' | '!' | '#' | '$' | '%' | '&' | '\'' | '(' | ')' | '+' | ',' | ';' | '=' | '@' | '[' | ']' | '{'
            | '}' => out.push_str(&format!("%{:02X}", c as u32)),
            '\\' => out.push('/'),
            c if (c as u32) > 0x7F => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn zip_of(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data, stored) in entries {
            let method = if *stored { CompressionMethod::Stored } else { CompressionMethod::Deflated };
            let opts = zip::write::SimpleFileOptions::default().compression_method(method);
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn package_names() {
        for n in ["App.msix", "a.APPX", "b.MsixBundle", "c.appxbundle"] {
            assert!(is_package_name(n), "{n}");
        }
        for n in [".msix", "App.msix.txt", "AppxManifest.xml", "msix"] {
            assert!(!is_package_name(n), "{n}");
        }
    }

    #[test]
    fn part_names_are_percent_encoded() {
        assert_eq!(encode_part_name("App x64.msix"), "App%20x64.msix");
        assert_eq!(encode_part_name("é[1].appx"), "%C3%A9%5B1%5D.appx");
        assert_eq!(encode_part_name("a\\b.msix"), "a/b.msix");
        assert_eq!(encode_part_name("App_1.0.0.0_x64.msix"), "App_1.0.0.0_x64.msix");
    }

    #[test]
    fn reads_the_manifest_within_limits() {
        let bytes = zip_of(&[("AppxManifest.xml", b"<Package/>", false), ("Assets/a.png", b"png", true)]);
        let mut r = Cursor::new(bytes);
        let mut a = Archive::open(&mut r, &Limits::DEFAULT).unwrap();
        let (kind, i) = a.manifest().unwrap();
        assert_eq!(kind, ManifestKind::Package);
        assert_eq!(a.read(i, &Limits::DEFAULT).unwrap(), b"<Package/>");
        assert!(a.duplicates().is_empty());
        let small = Limits { entry_bytes: 5, ..Limits::DEFAULT };
        let p = a.read(i, &small).unwrap_err();
        assert_eq!(p.rule, rule::LIMIT);
        assert!(p.message.contains("declares 10 bytes"), "{}", p.message);
    }

    #[test]
    fn entry_count_is_checked_before_the_directory_is_read() {
        let entries: Vec<(String, Vec<u8>)> = (0..50).map(|i| (format!("f{i}"), vec![b'x'])).collect();
        let refs: Vec<(&str, &[u8], bool)> = entries.iter().map(|(n, d)| (n.as_str(), d.as_slice(), true)).collect();
        let bytes = zip_of(&refs);
        let limits = Limits { entries: 10, ..Limits::DEFAULT };
        let p = Archive::open(&mut Cursor::new(bytes.clone()), &limits).err().unwrap();
        assert_eq!(p.rule, rule::LIMIT);
        assert!(p.message.contains("declares 50 entries"), "{}", p.message);
        let limits = Limits { directory_bytes: 100, ..Limits::DEFAULT };
        assert!(Archive::open(&mut Cursor::new(bytes), &limits).err().unwrap().message.contains("central directory"));
    }

    #[test]
    fn sub_ranges_read_and_seek_inside_their_window() {
        let data: Vec<u8> = (0..100u8).collect();
        let mut outer = Cursor::new(data);
        let mut sub = SubRange::new(&mut outer, 10, 20);
        let mut all = Vec::new();
        sub.read_to_end(&mut all).unwrap();
        assert_eq!(all, (10..30u8).collect::<Vec<_>>());
        assert_eq!(sub.seek(SeekFrom::End(-5)).unwrap(), 15);
        let mut b = [0u8; 10];
        assert_eq!(sub.read(&mut b).unwrap(), 5);
        assert_eq!(&b[..5], &[25, 26, 27, 28, 29]);
        assert!(sub.seek(SeekFrom::Current(-100)).is_err());
    }
}
