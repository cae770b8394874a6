//! Loading text: bytes -> decoded text, and byte offsets -> line/column positions.
//!
//! Every manifest is decoded up front into one `String` (UTF-8). Spans everywhere else are
//! byte offsets into that string. [`LineIndex`] turns them into the positions a user sees:
//! 1-based lines and 1-based columns counted in characters (and, for SARIF, in UTF-16 code
//! units). A byte order mark is not part of the text, so it never shifts a column.

use std::fmt;

/// A half-open byte range `start..end` into a decoded text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const EMPTY: Span = Span { start: 0, end: 0 };

    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start: start as u32, end: end as u32 }
    }

    pub fn at(offset: usize) -> Span {
        Span::new(offset, offset)
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// True when `other` lies inside `self` (bounds included).
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// How the bytes of a file were encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    pub fn is_utf16(self) -> bool {
        matches!(self, Encoding::Utf16Le | Encoding::Utf16Be)
    }

    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }
}

/// Why bytes could not be turned into text, and where (a byte offset into the file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    pub message: String,
    /// Offset of the offending byte in the file as stored on disk.
    pub byte_offset: usize,
    /// The text that decoded cleanly before the error, used to place the error on a line.
    pub valid_prefix: String,
    pub encoding: Encoding,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A decoded manifest.
#[derive(Clone, Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

/// Decodes a manifest: UTF-8 (with or without BOM) or UTF-16 LE/BE (with BOM, or sniffed
/// from a leading `<?` when the BOM is missing).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_vec(bytes.to_vec())
}

/// True when the bytes are UTF-16 (a byte order mark, or `<?` in UTF-16).
pub fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || bomless_utf16(bytes).is_some()
}

/// [`decode`] taking the bytes by value: UTF-8 without BOM, the usual case, becomes the
/// text without a copy.
pub fn decode_vec(mut bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
        return decode_utf8_vec(bytes, 3, Encoding::Utf8Bom);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || bomless_utf16(&bytes).is_some() {
        return decode_slice(&bytes);
    }
    decode_utf8_vec(bytes, 0, Encoding::Utf8)
}

fn decode_utf8_vec(bytes: Vec<u8>, skipped: usize, encoding: Encoding) -> Result<Decoded, DecodeError> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text, encoding }),
        Err(e) => decode_utf8(e.as_bytes(), skipped, encoding),
    }
}

fn decode_slice(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_utf8(rest, 3, Encoding::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, 2, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, 2, Encoding::Utf16Be);
    }
    if let Some(encoding) = bomless_utf16(bytes) {
        return decode_utf16(bytes, 0, encoding);
    }
    decode_utf8(bytes, 0, Encoding::Utf8)
}

/// UTF-16 without a byte order mark, told by its first two characters being ASCII with a
/// zero byte beside each (`<?`, `<P`, a line break then `<`...), which no UTF-8
/// manifest starts with.
fn bomless_utf16(bytes: &[u8]) -> Option<Encoding> {
    let ascii = |b: u8| b != 0 && b < 0x80;
    match bytes {
        [a, 0, b, 0, ..] if ascii(*a) && ascii(*b) => Some(Encoding::Utf16Le),
        [0, a, 0, b, ..] if ascii(*a) && ascii(*b) => Some(Encoding::Utf16Be),
        _ => None,
    }
}

fn decode_utf8(bytes: &[u8], skipped: usize, encoding: Encoding) -> Result<Decoded, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text: text.to_owned(), encoding }),
        Err(e) => {
            let at = e.valid_up_to();
            let bad = &bytes[at..bytes.len().min(at + e.error_len().unwrap_or(bytes.len() - at).max(1))];
            let hex: Vec<String> = bad.iter().take(4).map(|b| format!("{b:02X}")).collect();
            let message = match e.error_len() {
                Some(_) => format!(
                    "invalid UTF-8: byte sequence {} at byte offset {} is not valid UTF-8",
                    hex.join(" "),
                    at + skipped
                ),
                None => {
                    format!("invalid UTF-8: the file ends in the middle of a character (byte offset {})", at + skipped)
                }
            };
            Err(DecodeError {
                message,
                byte_offset: at + skipped,
                // SAFETY of the slice: `valid_up_to` is a char boundary of valid UTF-8.
                valid_prefix: String::from_utf8_lossy(&bytes[..at]).into_owned(),
                encoding,
            })
        }
    }
}

fn decode_utf16(bytes: &[u8], skipped: usize, encoding: Encoding) -> Result<Decoded, DecodeError> {
    let le = encoding == Encoding::Utf16Le;
    let (lo, hi) = if le { (0, 1) } else { (1, 0) };
    let unit = |i: usize| {
        let pair = [bytes[2 * i], bytes[2 * i + 1]];
        if le { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) }
    };
    let n = bytes.len() / 2;
    let mut out: Vec<u8> = Vec::with_capacity(n + 16);
    let mut i = 0;
    while i < n {
        // Runs of ASCII, the bulk of a manifest, a block of 32 units at a time.
        if i + 32 <= n {
            let block = &bytes[2 * i..2 * i + 64];
            let ascii = block.chunks_exact(2).fold(true, |a, u| a & (u[hi] == 0) & (u[lo] < 0x80));
            if ascii {
                out.extend(block.chunks_exact(2).map(|u| u[lo]));
                i += 32;
                continue;
            }
        }
        let u = unit(i);
        let c = match u {
            0xD800..=0xDBFF if i + 1 < n && (0xDC00..=0xDFFF).contains(&unit(i + 1)) => {
                let c = 0x10000 + (((u as u32) - 0xD800) << 10) + (unit(i + 1) as u32 - 0xDC00);
                i += 1;
                char::from_u32(c)
            }
            0xD800..=0xDFFF => None,
            _ => char::from_u32(u as u32),
        };
        let Some(c) = c else {
            let offset = skipped + 2 * i;
            return Err(DecodeError {
                message: format!("invalid {}: unpaired surrogate 0x{u:04X} at byte offset {offset}", encoding.name()),
                byte_offset: offset,
                valid_prefix: String::from_utf8(out).unwrap_or_default(),
                encoding,
            });
        };
        out.extend_from_slice(c.encode_utf8(&mut [0u8; 4]).as_bytes());
        i += 1;
    }
    let text = String::from_utf8(out).unwrap_or_default();
    if bytes.len() % 2 == 1 {
        let at = skipped + bytes.len() - 1;
        return Err(DecodeError {
            message: format!(
                "invalid {}: the file has an odd number of bytes; the last byte (offset {at}) is half a code unit",
                encoding.name()
            ),
            byte_offset: at,
            valid_prefix: text,
            encoding,
        });
    }
    Ok(Decoded { text, encoding })
}

/// A position as a user sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters (Unicode scalar values).
    pub column: u32,
    /// 1-based column, counted in UTF-16 code units (what SARIF consumers expect).
    pub utf16_column: u32,
}

/// A span resolved to positions. `end` is exclusive: the position of the character that
/// follows the span, as in SARIF.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Location {
    pub start: Pos,
    pub end: Pos,
    pub span: Span,
}

/// Lines longer than this carry checkpoints, so that placing an offset on a very long line
/// (a manifest written on one line) counts at most this many bytes.
const CHECKPOINT: usize = 4096;

/// Maps byte offsets of a text to lines and columns. Line breaks are `\n`, `\r\n` and a
/// lone `\r` (XML end-of-line handling treats all three as one break).
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// `(offset, characters, UTF-16 units)` from the start of the offset's line, about every
    /// [`CHECKPOINT`] bytes inside long lines, in offset order.
    checkpoints: Vec<(u32, u32, u32)>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 40 + 1);
        starts.push(0u32);
        // One SIMD scan for both break bytes; the `\n` of a `\r\n` is passed over, as the
        // pair is one break.
        let mut next = 0;
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if at < next {
                continue;
            }
            next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { at + 2 } else { at + 1 };
            starts.push(next as u32);
        }
        let mut checkpoints = Vec::new();
        for (l, &start) in starts.iter().enumerate() {
            let end = starts.get(l + 1).map_or(text.len(), |&e| e as usize);
            let start = start as usize;
            if end - start <= CHECKPOINT {
                continue;
            }
            let (mut at, mut chars, mut units) = (start, 0u32, 0u32);
            loop {
                let mut next = at + CHECKPOINT;
                if next >= end {
                    break;
                }
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                let (c, u) = count_chars(&text[at..next]);
                chars += c as u32;
                units += u as u32;
                checkpoints.push((next as u32, chars, units));
                at = next;
            }
        }
        LineIndex { starts, checkpoints }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte range of a 1-based line, without its line break.
    pub fn line_span(&self, text: &str, line: u32) -> Span {
        let i = (line.max(1) as usize - 1).min(self.starts.len() - 1);
        let start = self.starts[i] as usize;
        let mut end = self.starts.get(i + 1).map_or(text.len(), |&e| e as usize);
        let b = text.as_bytes();
        while end > start && matches!(b[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// Position of a byte offset. Offsets past the end clamp to the end; offsets inside a
    /// character are moved back to its start.
    pub fn pos(&self, text: &str, offset: usize) -> Pos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = match self.starts.binary_search(&(offset as u32)) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        let start = self.starts[line] as usize;
        let (mut from, mut chars, mut units) = (start, 0, 0);
        if offset - start > CHECKPOINT {
            let i = self.checkpoints.partition_point(|c| c.0 as usize <= offset);
            if let Some(&(at, c, u)) = i.checked_sub(1).map(|i| &self.checkpoints[i])
                && at as usize > start
            {
                (from, chars, units) = (at as usize, c as usize, u as usize);
            }
        }
        let (c, u) = count_chars(&text[from..offset]);
        Pos { line: line as u32 + 1, column: (chars + c) as u32 + 1, utf16_column: (units + u) as u32 + 1 }
    }

    pub fn location(&self, text: &str, span: Span) -> Location {
        let start = self.pos(text, span.start as usize);
        let end = if span.end == span.start { start } else { self.pos(text, span.end as usize) };
        Location { start, end, span }
    }
}

fn count_chars(s: &str) -> (usize, usize) {
    if s.is_ascii() {
        return (s.len(), s.len());
    }
    let mut chars = 0;
    let mut units = 0;
    for c in s.chars() {
        chars += 1;
        units += c.len_utf16();
    }
    (chars, units)
}

/// A decoded text with its line index: what rules and renderers need to place a span.
///
/// The line index is built on first use: a clean file needs at most a few positions (its
/// identity, for the rules across packages), which a direct count gives more cheaply.
#[derive(Debug)]
pub struct SourceText {
    pub text: String,
    pub encoding: Encoding,
    lines: std::sync::OnceLock<LineIndex>,
    /// Positions computed without the index so far.
    direct: std::sync::atomic::AtomicU8,
}

/// Positions computed by counting before the line index is built.
const DIRECT_POSITIONS: u8 = 4;

impl SourceText {
    pub fn new(text: String, encoding: Encoding) -> SourceText {
        SourceText { text, encoding, lines: std::sync::OnceLock::new(), direct: std::sync::atomic::AtomicU8::new(0) }
    }

    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    pub fn location(&self, span: Span) -> Location {
        if self.lines.get().is_none()
            && self.direct.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < DIRECT_POSITIONS
        {
            let (start, from) = direct_pos(&self.text, span.start as usize, (0, 0));
            let end = if span.end == span.start {
                start
            } else {
                // The end is counted on from the start, not again from the top of the text.
                direct_pos(&self.text, span.end as usize, (from, start.line as usize - 1)).0
            };
            return Location { start, end, span };
        }
        self.lines().location(&self.text, span)
    }
}

/// How many times `byte` occurs (a loop the compiler vectorizes).
fn count_byte(bytes: &[u8], byte: u8) -> usize {
    bytes.chunks(255).map(|c| c.iter().fold(0u8, |n, &b| n + (b == byte) as u8) as usize).sum()
}

/// How many times `\r\n` occurs (a loop over the text and the text one byte on, which the
/// compiler vectorizes like [`count_byte`]).
fn count_crlf(bytes: &[u8]) -> usize {
    let Some(last) = bytes.len().checked_sub(1) else { return 0 };
    let pairs = bytes[..last].chunks(255).zip(bytes[1..].chunks(255));
    pairs.map(|(a, b)| a.iter().zip(b).fold(0u8, |n, (&a, &b)| n + ((a == b'\r') & (b == b'\n')) as u8) as usize).sum()
}

/// How many line breaks are counted for the bytes `from..to` of `bytes`: each `\n`, and
/// each `\r` not followed by `\n` (a `\r\n` counts once, as its `\n`, even when the `\n`
/// lies at `to`). Counts of adjacent ranges add up.
fn breaks(bytes: &[u8], from: usize, to: usize) -> usize {
    let part = &bytes[from..to];
    let lf = count_byte(part, b'\n');
    let cr = count_byte(part, b'\r');
    if cr == 0 {
        return lf;
    }
    lf + cr - count_crlf(&bytes[from..(to + 1).min(bytes.len())])
}

/// [`LineIndex::pos`] without an index, by counting the line breaks before `offset`.
/// `from` is an earlier offset, on a character boundary, with its 0-based line (`(0, 0)`:
/// the start of the text): the count starts there. Returns the position and `offset` as
/// placed (clamped, moved back to the start of its character).
fn direct_pos(text: &str, offset: usize, from: (usize, usize)) -> (Pos, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let bytes = text.as_bytes();
    let (from, line_of_from) = from;
    debug_assert!(from <= offset);
    let line = line_of_from + breaks(bytes, from, offset);
    // An offset between `\r` and `\n` belongs to the line the pair ends.
    let straddles = offset > 0 && bytes[offset - 1] == b'\r' && bytes.get(offset) == Some(&b'\n');
    let line_end = if straddles { offset - 1 } else { offset };
    let line_start = bytes[..line_end].iter().rposition(|&b| b == b'\n' || b == b'\r').map_or(0, |i| i + 1);
    let (chars, units) = count_chars(&text[line_start..offset]);
    (Pos { line: line as u32 + 1, column: chars as u32 + 1, utf16_column: units as u32 + 1 }, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_not_part_of_the_text() {
        let d = decode(b"\xEF\xBB\xBF<a/>").unwrap();
        assert_eq!(d.text, "<a/>");
        assert_eq!(d.encoding, Encoding::Utf8Bom);
    }

    #[test]
    fn utf16_both_orders_decode_to_the_same_text() {
        let s = "<?xml version=\"1.0\" encoding=\"utf-16\"?><a é=\"😀\"/>";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, s);
        assert_eq!(decode(&be).unwrap().text, s);
        // Without BOM, sniffed from "<?".
        assert_eq!(decode(&le[2..]).unwrap().encoding, Encoding::Utf16Le);
        assert_eq!(decode(&be[2..]).unwrap().encoding, Encoding::Utf16Be);
        // Without BOM nor declaration: the first two characters tell.
        for text in ["<Package/>", "\r\n<Package/>"] {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            assert_eq!(decode(&le).unwrap().text, text);
            assert_eq!(decode(&be).unwrap().text, text);
            assert_eq!(decode_vec(be).unwrap().encoding, Encoding::Utf16Be);
        }
        // UTF-8 text is never taken for UTF-16.
        assert_eq!(decode(b"<Package/>").unwrap().encoding, Encoding::Utf8);
    }

    #[test]
    fn utf16_blocks_of_ascii_and_other_characters() {
        let s = format!("<?xml?>{}😀{}é\r\n{}", "a".repeat(100), "b".repeat(31), "€".repeat(40));
        for le in [true, false] {
            let mut bytes = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
            for u in s.encode_utf16() {
                bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            assert_eq!(decode(&bytes).unwrap().text, s);
            // A lone high surrogate after an ASCII block.
            let at = bytes.len();
            bytes.extend(if le { [0x00, 0xD8] } else { [0xD8, 0x00] });
            let e = decode(&bytes).unwrap_err();
            assert_eq!(e.byte_offset, at);
            assert_eq!(e.valid_prefix, s);
        }
    }

    #[test]
    fn invalid_utf8_names_the_exact_byte_offset() {
        let e = decode(b"<a>\nok\xFFno</a>").unwrap_err();
        assert_eq!(e.byte_offset, 6);
        assert!(e.message.contains("offset 6"), "{}", e.message);
        assert_eq!(e.valid_prefix, "<a>\nok");
        let e = decode(b"\xEF\xBB\xBF<a>\xC3").unwrap_err();
        assert_eq!(e.byte_offset, 6);
    }

    #[test]
    fn utf16_odd_length_and_lone_surrogate_are_errors() {
        let e = decode(&[0xFF, 0xFE, b'<', 0, b'a']).unwrap_err();
        assert_eq!(e.byte_offset, 4);
        let e = decode(&[0xFF, 0xFE, b'<', 0, 0x00, 0xD8, b'a', 0]).unwrap_err();
        assert_eq!(e.byte_offset, 4);
        assert!(e.message.contains("surrogate"));
    }

    #[test]
    fn positions_count_characters_and_all_line_breaks() {
        let text = "ab\r\ncé😀d\re\nf";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        let d = text.find('d').unwrap();
        assert_eq!(idx.pos(text, d), Pos { line: 2, column: 4, utf16_column: 5 });
        assert_eq!(idx.pos(text, text.find('e').unwrap()), Pos { line: 3, column: 1, utf16_column: 1 });
        assert_eq!(idx.pos(text, text.len()), Pos { line: 4, column: 2, utf16_column: 2 });
        // Offsets inside a character snap back to its start.
        let smile = text.find('😀').unwrap();
        assert_eq!(idx.pos(text, smile + 1).column, 3);
        assert_eq!(&text[idx.line_span(text, 2).range()], "cé😀d");
        assert_eq!(&text[idx.line_span(text, 4).range()], "f");
    }

    #[test]
    fn direct_positions_agree_with_the_index() {
        for text in ["\n\r\n\r\r\n\n\r", "\r\nx\r", "é\r"] {
            let idx = LineIndex::new(text);
            assert_eq!(
                idx.line_count(),
                text.matches('\n').count() + text.matches('\r').count() + 1 - text.matches("\r\n").count()
            );
            for offset in 0..=text.len() + 1 {
                assert_eq!(direct_pos(text, offset, (0, 0)).0, idx.pos(text, offset), "{text:?} offset {offset}");
            }
        }
        let text = "ab\r\ncé😀d\re\n\nf\r\rg\r\n";
        let idx = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(direct_pos(text, offset, (0, 0)).0, idx.pos(text, offset), "offset {offset}");
        }
        // Counting on from an earlier position gives what counting from the start gives.
        for start in 0..=text.len() {
            let (p, from) = direct_pos(text, start, (0, 0));
            for end in start..=text.len() + 1 {
                let counted_on = direct_pos(text, end, (from, p.line as usize - 1)).0;
                assert_eq!(counted_on, idx.pos(text, end), "{start}..{end}");
            }
        }
        let src = SourceText::new(text.to_string(), Encoding::Utf8);
        for offset in 0..text.len() {
            let span = Span::at(offset);
            assert_eq!(src.location(span), idx.location(text, span), "offset {offset}");
        }
    }

    #[test]
    fn long_lines_use_checkpoints_and_agree_with_counting() {
        // One 40 KB line mixing 1-, 2-, 3- and 4-byte characters, then a short line.
        let mut text = String::new();
        for i in 0..6000 {
            text.push(['a', 'é', '€', '😀'][i % 4]);
        }
        text.push('\n');
        text.push_str("end");
        let idx = LineIndex::new(&text);
        assert!(!idx.checkpoints.is_empty());
        for offset in (0..text.len()).step_by(997).chain([text.len() - 4, text.len()]) {
            let mut o = offset;
            while !text.is_char_boundary(o) {
                o -= 1;
            }
            let line_start = text[..o].rfind('\n').map_or(0, |i| i + 1);
            let prefix = &text[line_start..o];
            let want_col = prefix.chars().count() as u32 + 1;
            let want_u16 = prefix.encode_utf16().count() as u32 + 1;
            let p = idx.pos(&text, offset);
            assert_eq!((p.column, p.utf16_column), (want_col, want_u16), "offset {offset}");
        }
    }
}
