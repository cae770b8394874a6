//! The fast path of [`parse`](super::parse): a byte scanner for the documents that make up
//! nearly every real manifest, building the same [`Document`] as the quick-xml path.
//!
//! The text is already valid UTF-8 and free of characters XML forbids ([`super::check_chars`]
//! ran first), so the scanner only looks for the markup bytes (`<`, `&`, quotes, `>`) with
//! `memchr` and never decodes or re-validates anything. It understands a strict subset of
//! XML: an XML declaration at offset 0 written the usual way (`version="1.0"`, then an
//! optional `encoding` and `standalone`), elements and attributes with ASCII names (one
//! colon at most), attribute values in either quote, character data with the predefined
//! entities and character references in their plain forms (`&#65;`, `&#x41;`), comments
//! and CDATA sections, and end tags `</name>` (whitespace allowed before the `>`).
//!
//! Anything else gives up at once, before any error would have to be worded: a DOCTYPE,
//! a processing instruction, a declaration elsewhere or written otherwise, non-ASCII or
//! odd names, a missing space between attributes, `<` in a value,
//! an unknown or unusual reference, `--` in a comment, `]]>` in text, text or a second
//! element outside the root, a mismatched or missing end tag, an undeclared prefix, a
//! duplicate attribute or declaration, a reserved binding, too deep a nesting, too many
//! bindings. The caller then clears the half-built document and parses the text from
//! scratch with quick-xml, which reports every error exactly as it always has. So the
//! scanner may be stricter than quick-xml, never laxer: whatever it accepts, the quick-xml
//! path accepts too, into an equal document ([`super::check_paths`] states this for the
//! tests and the fuzz targets).
//!
//! The tree is built by the same [`Parser`] methods the quick-xml path calls for its
//! events (`check_open`, `add_element`, `declare`, `end_tag`, `char_data`, `comment`...):
//! names are resolved, attributes checked and nodes linked in one place, and an error
//! there, which the quick-xml path would report, makes the scanner give up.

use memchr::{memchr, memmem};

use super::{Colon, NIL, Parser, XmlDecl, is_xml_char, predefined_entity};
use crate::source::Span;

/// Reads the whole text of `p` into `p.doc`: true, or false when the scanner gives up,
/// the document then built as far as it got (for the caller to clear and reuse). Kept
/// out of line (one call per file) so that profiles show the parse as one entry.
#[inline(never)]
pub(super) fn parse(p: &mut Parser<'_>) -> bool {
    scan(p).is_some()
}

/// Bytes of names: ASCII letters, digits, `_`, `-` and `.` ([`PART`]), of which letters
/// and `_` may start a name or its local part ([`START`]).
static NAME: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphabetic() || b == b'_' {
            t[c] = PART | START;
        } else if b.is_ascii_digit() || b == b'-' || b == b'.' {
            t[c] = PART;
        }
        c += 1;
    }
    t
};
const PART: u8 = 1;
const START: u8 = 2;

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// The first byte from `i` on that is not whitespace: at once when the byte at `i` (or
/// the one after a single space) is not.
#[inline(always)]
fn skip_space(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(&c) if c > b' ' => i,
        Some(b' ') if b.get(i + 1).is_some_and(|&c| c > b' ') => i + 1,
        _ => skip_space_run(b, i),
    }
}

/// [`skip_space`] over a longer run. After [`super::check_chars`], the only bytes up to
/// 0x20 left are whitespace, so eight bytes are looked at in one go.
#[inline(never)]
fn skip_space_run(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // The high bit of every byte above 0x20 (exact for every byte: no carry crosses
        // bytes, and bytes from 0x80 up keep their own high bit).
        let above = ((x & !HIGH).wrapping_add(ONES * (0x7F - 0x20)) | x) & HIGH;
        if above != 0 {
            return i + (above.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && is_space(b[i]) {
        i += 1;
    }
    i
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `b` from `i` as a little-endian word, zeros past the end (a zero is
/// neither whitespace nor part of a name).
#[inline(always)]
fn word(b: &[u8], i: usize) -> u64 {
    match b.get(i..i + 8) {
        Some(w) => u64::from_le_bytes(w.try_into().unwrap_or_default()),
        None => {
            let rest = &b[i.min(b.len())..];
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(w)
        }
    }
}

/// The high bit of each byte of `x` that may be part of a name ([`PART`]): ASCII letters,
/// digits, `_`, `-` and `.`. Exact for every byte: each test works on the low seven bits
/// with the high bit set, so no borrow crosses bytes, and bytes from 0x80 up are dropped
/// at the end.
#[inline(always)]
fn part_bytes(x: u64) -> u64 {
    let low = (x & !HIGH) | HIGH;
    // `v` per byte at least `n` (for `v` with the high bit set and its low bits compared).
    let at_least = |v: u64, n: u8| v.wrapping_sub(ONES * n as u64);
    let folded = low | (ONES * 0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(low, b'-') & !at_least(low, b'9' + 1) & at_least(low ^ (ONES * b'/' as u64), 1);
    let under = !at_least(low ^ (ONES * b'_' as u64), 1);
    (letter | digit | under) & !x & HIGH
}

/// The end of the run of [`PART`] bytes from `i`.
#[inline(always)]
fn part_end(b: &[u8], mut i: usize) -> usize {
    loop {
        let stop = !part_bytes(word(b, i)) & HIGH;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
}

/// The end of the name starting at `i` and where its colon is: ASCII, starting with a
/// letter or `_`, with at most one colon, itself followed by a letter or `_`. A second
/// colon ends the name (where no caller accepts it).
#[inline(always)]
fn name(b: &[u8], i: usize) -> Option<(usize, Colon)> {
    if NAME[*b.get(i)? as usize] & START == 0 {
        return None;
    }
    let j = part_end(b, i + 1);
    if b.get(j) == Some(&b':') && NAME[*b.get(j + 1)? as usize] & START != 0 {
        return Some((part_end(b, j + 2), Some((j - i) as u32)));
    }
    Some((j, None))
}

/// The first `<`, `&` or `]` from `i`, or the end of `b`. Eight bytes at a time: text
/// runs between tags are mostly short, too short for a `memchr` call to pay off.
#[inline(always)]
fn text_stop(b: &[u8], mut i: usize) -> usize {
    // The high bit of each byte of `x` equal to `c`, exact up to the lowest such byte.
    let eq = |x: u64, c: u8| {
        let y = x ^ (ONES * c as u64);
        y.wrapping_sub(ONES) & !y & HIGH
    };
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let hit = eq(x, b'<') | eq(x, b'&') | eq(x, b']');
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !matches!(b[i], b'<' | b'&' | b']') {
        i += 1;
    }
    i
}

/// Whether the `n` bytes of `b` at `x` and at `y` (both within `b`) are equal, a word at a
/// time.
#[inline(always)]
fn same_bytes(b: &[u8], x: usize, y: usize, n: usize) -> bool {
    let mut k = 0;
    while k + 8 <= n {
        if word(b, x + k) != word(b, y + k) {
            return false;
        }
        k += 8;
    }
    let r = n - k;
    r == 0 || (word(b, x + k) ^ word(b, y + k)) & ((1u64 << (8 * r)) - 1) == 0
}

/// The closing quote `q` of an attribute value starting at `from`, and whether the value
/// holds a byte to normalize or reject (`<`, `&`, tab, line breaks: the bytes below
/// 0x20 that [`super::check_chars`] lets through).
fn value_end(b: &[u8], from: usize, q: u8) -> Option<(usize, bool)> {
    // The high bit of each byte of `x` below `n`, exact up to the lowest such byte.
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * n as u64) & !x & HIGH;
    let mut i = from;
    // Eight bytes at a time: the first quote or special byte.
    let first = loop {
        let Some(chunk) = b.get(i..i + 8) else {
            break i + b[i.min(b.len())..].iter().position(|&c| c == q || c == b'<' || c == b'&' || c < 0x20)?;
        };
        let x = u64::from_le_bytes(chunk.try_into().ok()?);
        let hit = below(x ^ (ONES * q as u64), 1)
            | below(x ^ (ONES * b'<' as u64), 1)
            | below(x ^ (ONES * b'&' as u64), 1)
            | below(x, 0x20);
        if hit != 0 {
            break i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    };
    if b[first] == q { Some((first, false)) } else { Some((first + memchr(q, &b[first..])?, true)) }
}

fn scan(p: &mut Parser<'_>) -> Option<()> {
    let b = p.text.as_bytes();
    let mut i = if b.starts_with(b"<?xml") { declaration(p)? } else { 0 };
    loop {
        // Mostly a line break and an indentation, then the next tag.
        let space = skip_space(b, i);
        let lt = if b.get(space) == Some(&b'<') {
            if space > i {
                p.space(Span::new(i, space));
            }
            space
        } else {
            let stop = text_stop(b, space);
            if b.get(stop) == Some(&b'<') {
                // Text without references or `]` (and not only whitespace: it holds the
                // byte at `space`): one text node, as `Parser::char_data` would add it.
                let &parent = p.stack.last()?;
                p.text_run(parent, Span::new(i, stop));
                stop
            } else {
                let lt = memchr(b'<', &b[i..]).map_or(b.len(), |n| i + n);
                if lt > i {
                    char_data(p, i, lt)?;
                }
                lt
            }
        };
        if lt == b.len() {
            break;
        }
        i = match *b.get(lt + 1)? {
            b'/' => end_tag(p, lt)?,
            b'!' => bang(p, lt)?,
            b'?' => return None,
            _ => start_tag(p, lt)?,
        };
    }
    p.finish().ok()
}

/// `<?xml version="1.0" encoding="..." standalone="..."?>` at offset 0 (either quote,
/// the last two optional); the offset after it.
fn declaration(p: &mut Parser<'_>) -> Option<usize> {
    let b = p.text.as_bytes();
    let end = memmem::find(b, b"?>")?;
    let content = &b[5..end];
    // Each pseudo-attribute: at least one space, the name, `=`, a quoted value.
    let mut i = 0;
    let mut pseudo = |name: &[u8]| -> Option<&[u8]> {
        let at = skip_space(content, i);
        if at == i || !content[at..].starts_with(name) || content.get(at + name.len()) != Some(&b'=') {
            return None;
        }
        let q = *content.get(at + name.len() + 1)?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        let from = at + name.len() + 2;
        let to = from + memchr(q, &content[from..])?;
        i = to + 1;
        Some(&content[from..to])
    };
    if pseudo(b"version")? != b"1.0" {
        return None;
    }
    let encoding = pseudo(b"encoding");
    if let Some(e) = encoding
        && !(e.first()?.is_ascii_alphabetic() && e.iter().all(|&c| c.is_ascii_alphanumeric() || b"._-".contains(&c)))
    {
        return None;
    }
    if let Some(s) = pseudo(b"standalone")
        && s != b"yes"
        && s != b"no"
    {
        return None;
    }
    if skip_space(content, i) != content.len() {
        return None;
    }
    let encoding = encoding.map(|e| String::from_utf8_lossy(e).into_owned());
    p.doc.decl = Some(XmlDecl { span: Span::new(0, end + 2), encoding });
    Some(end + 2)
}

/// A predefined entity or character reference at the start of `r` (which starts with
/// `&`), in its plain forms only: the character and the reference's length.
fn reference(r: &[u8]) -> Option<(char, usize)> {
    let semi = memchr(b';', &r[..r.len().min(10)])?;
    let name = &r[1..semi];
    let c = match name {
        [b'#', b'x', hex @ ..] if (1..=6).contains(&hex.len()) && hex.iter().all(u8::is_ascii_hexdigit) => {
            char::from_u32(u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?)?
        }
        [b'#', dec @ ..] if (1..=7).contains(&dec.len()) && dec.iter().all(u8::is_ascii_digit) => {
            char::from_u32(std::str::from_utf8(dec).ok()?.parse().ok()?)?
        }
        _ => predefined_entity(std::str::from_utf8(name).ok()?)?,
    };
    is_xml_char(c).then_some((c, semi + 1))
}

/// Character data from `from` to `to` (the next `<`): text and references.
fn char_data(p: &mut Parser<'_>, mut from: usize, to: usize) -> Option<()> {
    let b = p.text.as_bytes();
    while let Some(n) = memchr(b'&', &b[from..to]) {
        let amp = from + n;
        p.char_data(Span::new(from, amp), &p.text[from..amp]).ok()?;
        let parent = *p.stack.last()?;
        let (c, len) = reference(&b[amp..to])?;
        p.reference(parent, Span::new(amp, amp + len), c);
        from = amp + len;
    }
    p.char_data(Span::new(from, to), &p.text[from..to]).ok()
}

/// The value of an attribute between `from` and `to` that holds a byte to normalize or
/// reject: the index of its normalized value in `owned_values` (tabs and line breaks made
/// spaces, references resolved).
fn attr_value(p: &mut Parser<'_>, from: usize, to: usize) -> Option<u32> {
    let text = p.text;
    let raw = &text.as_bytes()[from..to];
    let mut out = String::with_capacity(raw.len());
    let (mut k, mut last) = (0, 0);
    while k < raw.len() {
        let (c, len) = match raw[k] {
            b'\t' | b'\n' => (' ', 1),
            b'\r' => (' ', if raw.get(k + 1) == Some(&b'\n') { 2 } else { 1 }),
            b'&' => reference(&raw[k..])?,
            b'<' => return None,
            _ => {
                k += 1;
                continue;
            }
        };
        out.push_str(&text[from + last..from + k]);
        out.push(c);
        k += len;
        last = k;
    }
    out.push_str(&text[from + last..to]);
    p.doc.owned_values.push(out);
    Some((p.doc.owned_values.len() - 1) as u32)
}

/// A start tag or empty-element tag at `lt`; the offset after it.
#[inline(always)]
fn start_tag(p: &mut Parser<'_>, lt: usize) -> Option<usize> {
    let b = p.text.as_bytes();
    let (qend, qcolon) = name(b, lt + 1)?;
    let qname = Span::new(lt + 1, qend);
    p.check_open(lt).ok()?;
    let id = p.doc.elements.len() as u32;
    let level = p.stack.len() as u16 + 1;
    let decls_start = p.doc.ns_decls.len();
    let attr_start = p.doc.attributes.len();
    let mut j = qend;
    let empty = loop {
        let at = skip_space(b, j);
        match *b.get(at)? {
            b'>' => {
                j = at + 1;
                break false;
            }
            b'/' if b.get(at + 1) == Some(&b'>') => {
                j = at + 2;
                break true;
            }
            _ if at == j => return None,
            _ => {}
        }
        let (kend, colon) = name(b, at)?;
        let key = Span::new(at, kend);
        let eq = skip_space(b, kend);
        if b.get(eq) != Some(&b'=') {
            return None;
        }
        let open = skip_space(b, eq + 1);
        let q = *b.get(open)?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        let vfrom = open + 1;
        let (vto, special) = value_end(b, vfrom, q)?;
        let value = Span::new(vfrom, vto);
        let owned = if special { attr_value(p, vfrom, vto)? } else { NIL };
        // `xmlns` or `xmlns:...`: five bytes and then the end of the name or the colon.
        if b[at..].starts_with(b"xmlns") && (kend == at + 5 || colon == Some(5)) {
            p.declare(id, level, key, value, owned, decls_start).ok()?;
        } else {
            p.push_attr(id, key, value, owned, colon);
        }
        j = vto + 1;
    };
    let id = p.add_element(qname, qcolon, Span::new(lt, j), attr_start).ok()?;
    p.opened(id, empty);
    Some(j)
}

/// An end tag at `lt`, `</name>` with the name of the innermost open element, perhaps
/// with whitespace before the `>` (Visual Studio's templates write `</uap:DefaultTile >`).
#[inline(always)]
fn end_tag(p: &mut Parser<'_>, lt: usize) -> Option<usize> {
    let b = p.text.as_bytes();
    // The name was checked in the start tag; only its bytes are compared here.
    let open = p.doc.elements[*p.stack.last()? as usize].qname;
    let n = open.len();
    if lt + 2 + n > b.len() || !same_bytes(b, lt + 2, open.start as usize, n) {
        return None;
    }
    let gt = skip_space(b, lt + 2 + n);
    if b.get(gt) != Some(&b'>') {
        return None;
    }
    p.end_tag(Span::new(lt, gt + 1)).ok()?;
    Some(gt + 1)
}

/// A comment or a CDATA section at `lt`; the offset after it.
fn bang(p: &mut Parser<'_>, lt: usize) -> Option<usize> {
    let b = p.text.as_bytes();
    let rest = &b[lt..];
    if rest.starts_with(b"<!--") {
        let from = lt + 4;
        let to = from + memmem::find(&b[from..], b"-->")?;
        let content = &b[from..to];
        if memmem::find(content, b"--").is_some()
            || matches!(content.first(), Some(b'-' | b'>'))
            || content.ends_with(b"-")
        {
            return None;
        }
        p.comment(Span::new(lt, to + 3), Span::new(from, to));
        Some(to + 3)
    } else if rest.starts_with(b"<![CDATA[") {
        let parent = *p.stack.last()?;
        let to = lt + 9 + memmem::find(&b[lt + 9..], b"]]>")?;
        p.cdata(parent, Span::new(lt, to + 3));
        Some(to + 3)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::super::{Document, Parser, check_paths, parse_slow};
    use crate::source::decode;

    fn fast(text: &str) -> Option<Document> {
        let mut p = Parser::new(text, Document::default());
        super::parse(&mut p).then_some(p.doc)
    }

    /// Every file under `fixtures/`, decoded as appxlint decodes them (those that decode).
    fn fixtures() -> Vec<(PathBuf, String)> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
            entries.sort();
            for p in entries {
                if p.is_dir() {
                    walk(&p, out);
                } else {
                    out.push(p);
                }
            }
        }
        let mut paths = Vec::new();
        walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"), &mut paths);
        assert!(paths.len() > 400, "{} fixtures", paths.len());
        paths.into_iter().filter_map(|p| decode(&std::fs::read(&p).unwrap()).ok().map(|d| (p, d.text))).collect()
    }

    /// Markup the fast path leaves to quick-xml on purpose (see the module's doc): a
    /// DOCTYPE or a processing instruction anywhere, a declaration that is not at the start.
    fn outside_fast_set(text: &str) -> bool {
        text.contains("<!DOCTYPE") || text.match_indices("<?").any(|(i, _)| i != 0)
    }

    fn agree(text: &str, what: &str) {
        if let Err(e) = check_paths(text) {
            panic!("{what}: {e}\ntext: {text:?}");
        }
    }

    #[test]
    fn the_fast_path_reads_every_plain_fixture_as_quick_xml_does() {
        let (mut accepted, mut plain, mut total) = (0, 0, 0);
        for (path, text) in fixtures() {
            total += 1;
            let slow = parse_slow(&text);
            let fast = fast(&text);
            if let Some(fast) = &fast {
                accepted += 1;
                assert_eq!(slow.as_ref().ok(), Some(fast), "{}", path.display());
            }
            if slow.is_ok() && !outside_fast_set(&text) {
                plain += 1;
                assert!(fast.is_some(), "the fast path gives up on {}", path.display());
            }
        }
        assert!(plain > 300 && accepted == plain, "{accepted} accepted, {plain} plain of {total}");
    }

    /// A small deterministic generator (xorshift) for the mutations.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n.max(1) as u64) as usize
        }
    }

    /// The mutations of one text: cut at tag boundaries, bytes replaced by markup bytes
    /// and whitespace, attributes doubled, prefixes and declarations removed, names swapped.
    fn mutations(text: &str, rng: &mut Rng, cuts: bool) -> Vec<String> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let marks: Vec<usize> =
            b.iter().enumerate().filter(|(_, c)| matches!(c, b'<' | b'>')).map(|(i, _)| i).collect();
        if cuts {
            for &m in &marks {
                out.push(text[..m].to_string());
                out.push(text[..m + 1].to_string());
            }
        } else {
            for _ in 0..8 {
                let m = marks[rng.below(marks.len())];
                out.push(text[..m + rng.below(2)].to_string());
            }
        }
        const BYTES: &[u8] = b"<>&\"';:/=!?-[] \t\r\nx#";
        for _ in 0..40 {
            // Mostly near markup, where the scanner decides.
            let at = if rng.below(3) == 0 { rng.below(b.len()) } else { marks[rng.below(marks.len())] + rng.below(6) };
            if at >= b.len() || !b[at].is_ascii() {
                continue;
            }
            let mut m = b.to_vec();
            m[at] = BYTES[rng.below(BYTES.len())];
            if rng.below(4) == 0 {
                m.insert(at, BYTES[rng.below(BYTES.len())]);
            }
            out.push(String::from_utf8(m).unwrap());
        }
        // Attributes doubled, declarations and prefixes removed.
        let attrs: Vec<usize> = text.match_indices("=\"").map(|(i, _)| i).collect();
        for _ in 0..6 {
            let Some(&eq) = attrs.get(rng.below(attrs.len())) else { break };
            let start = text[..eq].rfind([' ', '\n', '\t']).map_or(0, |s| s + 1);
            let Some(close) = text[eq + 2..].find('"') else { continue };
            let end = eq + 2 + close + 1;
            out.push(format!("{} {}", &text[..end], &text[start..]));
            out.push(format!("{}{}", &text[..start], &text[end..]));
        }
        let prefixes: Vec<usize> = text.match_indices(':').map(|(i, _)| i).collect();
        for _ in 0..6 {
            let Some(&colon) = prefixes.get(rng.below(prefixes.len())) else { break };
            let start = text[..colon].rfind(|c: char| !c.is_ascii_alphanumeric()).map_or(0, |s| s + 1);
            out.push(format!("{}{}", &text[..start], &text[colon + 1..]));
        }
        if let Some(i) = text.find("</")
            && let Some(gt) = text[i..].find('>')
        {
            out.push(format!("{} \n{}", &text[..i + gt], &text[i + gt..]));
            out.push(format!("{} {}", &text[..i + 2], &text[i + 2..]));
        }
        for (needle, with) in [("xmlns:", "xmlns:q"), ("</", "</x"), ("/>", ">"), ("&amp;", "&amp"), ("-->", "- ->")] {
            if let Some(i) = text.find(needle) {
                out.push(format!("{}{}{}", &text[..i], with, &text[i + needle.len()..]));
            }
        }
        out
    }

    #[test]
    fn mutated_fixtures_never_make_the_fast_path_laxer_than_quick_xml() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut cases = 0;
        for (n, (path, text)) in fixtures().into_iter().enumerate() {
            if text.len() < 8 || !text.contains('<') {
                continue;
            }
            // Every tag boundary of one fixture in five, a sample of them in the others.
            for m in mutations(&text, &mut rng, n % 5 == 0) {
                agree(&m, &path.display().to_string());
                cases += 1;
            }
        }
        assert!(cases > 20_000, "{cases} cases");
    }

    #[test]
    fn value_ends_are_found_eight_bytes_at_a_time_as_one_at_a_time() {
        let naive = |b: &[u8], from: usize, q: u8| {
            let end = from + b[from..].iter().position(|&c| c == q)?;
            Some((end, b[from..end].iter().any(|&c| matches!(c, b'<' | b'&' | b'\t' | b'\n' | b'\r'))))
        };
        for len in 0..40 {
            for at in 0..len + 1 {
                for special in [b'"', b'\'', b'<', b'&', b'\t', b'\n', b'\r', b' ', 0xC3, b'!'] {
                    let mut v = vec![b'a'; len];
                    if at < len {
                        v[at] = special;
                    }
                    for tail in [&b"\" x"[..], b"", b"'", b"\"", b"&\"\t<aaaaaaaaaaaa\""] {
                        let mut b = b"k=\"".to_vec();
                        b.extend_from_slice(&v);
                        b.extend_from_slice(tail);
                        for q in [b'"', b'\''] {
                            assert_eq!(super::value_end(&b, 3, q), naive(&b, 3, q), "{:?} {}", b, q as char);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn text_stops_and_name_comparisons_agree_with_byte_at_a_time_ones() {
        let mut rng = Rng(11);
        for _ in 0..20_000 {
            const BYTES: &[u8] = b"ab <&]>\n\xC3";
            let len = rng.below(24);
            let t: Vec<u8> = (0..len).map(|_| BYTES[rng.below(BYTES.len())]).collect();
            let from = rng.below(len + 1);
            let naive = t[from..].iter().position(|c| b"<&]".contains(c)).map_or(len, |p| from + p);
            assert_eq!(super::text_stop(&t, from), naive, "{t:?} {from}");
            let (x, y) = (rng.below(len + 1), rng.below(len + 1));
            let n = rng.below(len + 1 - x.max(y));
            assert_eq!(super::same_bytes(&t, x, y, n), t[x..x + n] == t[y..y + n], "{t:?} {x} {y} {n}");
        }
    }

    #[test]
    fn spaces_and_names_are_skipped_in_blocks_as_one_at_a_time() {
        for len in 0..24 {
            for at in 0..len + 1 {
                for c in [b'<', b'a', b'!', 0xC3, b'='] {
                    let mut b: Vec<u8> = (0..len).map(|k| b" \t\r\n"[k % 4]).collect();
                    if at < len {
                        b[at] = c;
                    }
                    let naive = b.iter().position(|&c| !super::is_space(c)).unwrap_or(b.len());
                    assert_eq!(super::skip_space(&b, 0), naive, "{b:?}");
                }
            }
        }
        // Names against a byte-at-a-time reading, over strings of name and other bytes.
        let naive = |b: &[u8]| -> Option<(usize, super::Colon)> {
            let start = |c: u8| c.is_ascii_alphabetic() || c == b'_';
            let part = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.');
            if !start(*b.first()?) {
                return None;
            }
            let (mut j, mut colon) = (1, None);
            while j < b.len() {
                if part(b[j]) {
                    j += 1;
                } else if b[j] == b':' && colon.is_none() {
                    if !start(*b.get(j + 1)?) {
                        break;
                    }
                    colon = Some(j as u32);
                    j += 2;
                } else {
                    break;
                }
            }
            Some((j, colon))
        };
        let mut rng = Rng(7);
        for _ in 0..20_000 {
            let len = rng.below(20);
            const BYTES: &[u8] = b"ab_Z09-.:: =>/\xC3";
            let n: Vec<u8> = (0..len).map(|_| BYTES[rng.below(BYTES.len())]).collect();
            assert_eq!(super::name(&n, 0), naive(&n), "{:?}", String::from_utf8_lossy(&n));
        }
    }

    #[test]
    fn name_bytes_are_found_eight_at_a_time_as_by_the_table() {
        for c in 0..=255u8 {
            for lane in 0..8 {
                for fill in [b'a', b' ', 0xC3] {
                    let mut w = [fill; 8];
                    w[lane] = c;
                    let got = super::part_bytes(u64::from_le_bytes(w));
                    for (k, &x) in w.iter().enumerate() {
                        let part = super::NAME[x as usize] & super::PART != 0;
                        assert_eq!(got >> (8 * k + 7) & 1 == 1, part, "{w:?} byte {k}");
                    }
                }
            }
        }
    }

    #[test]
    fn hand_written_edge_cases_agree() {
        let accepted = [
            "<a/>",
            "<?xml version='1.0'?><a/>",
            "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\" ?>\n<a/>\n",
            "<a b = 'x' c=\"'\" d='\"'/>",
            "<a b=\"&#9;&#10;&#13;\t\r\n\r&lt;&amp;&#x1F600;\">t&gt;&#65;x<![CDATA[<]]></a>",
            "<a b='>'>]]</a>",
            "<a><b></b\r\n\t ></a >",
            "<!----><a><!-- c --><b/></a><!-- after -->",
            "<p:a xmlns:p='urn:p' p:b='1' b='2' xml:lang='en'><c xmlns='urn:d'/></p:a>",
            "<abcdefghijklmnopq>t]x y&amp;z</abcdefghijklmnopq>",
            "<a p:x='1' xmlns:p='urn:p' y='2'>text</a>",
        ];
        for t in accepted {
            assert!(fast(t).is_some(), "the fast path gives up on {t:?}");
            agree(t, "accepted");
        }
        let fall_back = [
            "<!DOCTYPE a><a/>",
            "<a><?pi x?></a>",
            " <?xml version='1.0'?><a/>",
            "<a b='1'c='2'/>",
            "<a b='<'/>",
            "<a>&x;</a>",
            "<a>&#0;</a>",
            "<a>&#X41;</a>",
            "<a>]]></a>",
            "<a/><b/>",
            "<a/>x",
            "<a></ a>",
            "<a></a/>",
            "<a><b></a>",
            "<a>",
            "<p:a/>",
            "<a xmlns:p='urn:x' xmlns:q='urn:x' p:k='1' q:k='2'/>",
            "<a k='1' k='2'/>",
            "<a xmlns:p=''/>",
            "<a><!-- a -- b --></a>",
            "<é/>",
            "<a:b:c/>",
            "<abcdefghij></abcdefghik>",
            "<abcdefghij></abcdefghi>",
            "<abcdefgh></abcdefghi>",
        ];
        for t in fall_back {
            assert!(fast(t).is_none(), "the fast path accepts {t:?}");
            agree(t, "fall-back");
        }
        let deep =
            format!("{}{}", "<a>".repeat(super::super::MAX_DEPTH + 1), "</a>".repeat(super::super::MAX_DEPTH + 1));
        assert!(fast(&deep).is_none());
        let ok = format!("{}{}", "<a>".repeat(super::super::MAX_DEPTH), "</a>".repeat(super::super::MAX_DEPTH));
        assert!(fast(&ok).is_some());
        agree(&ok, "deep");
    }
}
