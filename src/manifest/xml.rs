//! A small spanned, namespace-resolved XML tree, read with quick-xml's `Reader`.
//!
//! The tree keeps what a linter needs and nothing else: elements with their (namespace,
//! local name) and the spans of the start tag, name and end tag; attributes with name and
//! value spans and their normalized value; character data; comments (suppressions read
//! them); namespace declarations; the DOCTYPE span. Names and values are spans into the
//! decoded text, so the tree owns no copies of them.
//!
//! quick-xml is a lenient pull parser. This module adds the well-formedness checks it
//! leaves to the caller: unclosed elements at the end of the file, several roots, text
//! outside the root, undeclared prefixes, duplicate expanded attribute names, references to
//! undeclared entities, characters XML forbids, a nesting cap. Entities are never
//! expanded: only the five predefined ones and character references are understood.
//!
//! Namespaces are resolved here, not by quick-xml's `NsReader`: each declaration is turned
//! into an [`NsId`] once, and a name's prefix is looked up among the bindings in scope,
//! so that no URI is compared per element, and every attribute is parsed once. The rules
//! of Namespaces in XML 1.0 apply (the reserved `xml` and `xmlns` prefixes, no empty
//! prefixed binding), and at most [`MAX_BINDINGS`] bindings may be in scope.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::ns::NsId;
use crate::source::Span;

mod fast;

/// Index of an element in [`Document::elements`].
pub type ElemId = u32;
const NIL: u32 = u32::MAX;

/// Deepest element nesting accepted. Real manifests are about 10 levels deep.
pub const MAX_DEPTH: usize = 256;

/// Most namespace bindings in scope at once. Manifests declare 10 to 20.
pub const MAX_BINDINGS: usize = 128;

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

/// A namespace binding in scope: `prefix` (`None` for the default namespace) to `ns`
/// (`NsId::NONE` when the default namespace is undeclared), from element depth `level`.
#[derive(Clone, Copy, Debug)]
struct Binding {
    prefix: Option<Span>,
    /// The prefix's bytes packed for a quick comparison ([`prefix_key`]).
    key: u64,
    ns: NsId,
    level: u16,
}

/// The first 8 bytes of a prefix and its length, packed: equal keys mean equal prefixes
/// when the length is 8 or less.
fn prefix_key(prefix: &[u8]) -> u64 {
    let mut k = [0u8; 8];
    let n = prefix.len().min(7);
    k[..n].copy_from_slice(&prefix[..n]);
    k[7] = prefix.len().min(255) as u8;
    u64::from_le_bytes(k)
}

/// [`prefix_key`] of the `len` bytes (1 to 7) at `start` of `text`, read as one word
/// where the text allows.
#[inline]
fn prefix_key_at(text: &[u8], start: usize, len: usize) -> u64 {
    debug_assert!((1..=7).contains(&len));
    match text.get(start..start + 8) {
        Some(w) => {
            let w = u64::from_le_bytes(w.try_into().unwrap_or_default());
            (w & ((1u64 << (8 * len)) - 1)) | (len as u64) << 56
        }
        None => prefix_key(&text[start..start + len]),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub ns: NsId,
    /// The qualified name as written (`uap5:OutOfProcessServer`).
    pub qname: Span,
    /// The local part of the name (`OutOfProcessServer`).
    pub local: Span,
    /// `<` to `>` of the start tag (or of the empty-element tag).
    pub start_tag: Span,
    /// `</...>`, or `None` for an empty-element tag `<a/>`.
    pub end_tag: Option<Span>,
    pub attrs: (u32, u32),
    pub parent: u32,
    pub first_child: u32,
    pub last_child: u32,
    pub next_sibling: u32,
    pub texts: (u32, u32),
    /// Whether any of its own text is more than XML whitespace (spaces, tabs, line ends).
    pub has_text: bool,
    pub depth: u16,
}

impl Element {
    /// From the start of the start tag to the end of the end tag.
    pub fn full_span(&self) -> Span {
        match self.end_tag {
            Some(end) => self.start_tag.cover(end),
            None => self.start_tag,
        }
    }

    pub fn parent(&self) -> Option<ElemId> {
        (self.parent != NIL).then_some(self.parent)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub ns: NsId,
    pub qname: Span,
    pub local: Span,
    /// The value as written, between the quotes.
    pub value_span: Span,
    /// Index into [`Document::owned_values`] when the normalized value differs from the
    /// raw text (entity or character references, tabs or line breaks).
    pub owned: u32,
    pub owner: ElemId,
}

impl Attribute {
    /// From the first character of the name to the closing quote.
    pub fn span(&self) -> Span {
        Span { start: self.qname.start, end: self.value_span.end + 1 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Text,
    CData,
    /// A character or predefined entity reference, already resolved.
    Ref(char),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextNode {
    pub parent: ElemId,
    pub span: Span,
    pub kind: TextKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// `<!--` to `-->`.
    pub span: Span,
    /// Between the delimiters.
    pub content: Span,
    pub parent: Option<ElemId>,
    /// The element that follows the comment among its siblings, with only whitespace and
    /// other comments in between.
    pub next_element: Option<ElemId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NsDecl {
    pub element: ElemId,
    /// `None` for the default namespace (`xmlns="..."`).
    pub prefix: Option<Span>,
    pub ns: NsId,
    pub uri: Span,
    /// The whole `xmlns:p="..."` attribute.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlDecl {
    pub span: Span,
    pub encoding: Option<String>,
}

/// A parsed document. Spans are byte offsets into the text it was parsed from.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub elements: Vec<Element>,
    pub attributes: Vec<Attribute>,
    pub texts: Vec<TextNode>,
    pub comments: Vec<Comment>,
    pub ns_decls: Vec<NsDecl>,
    pub owned_values: Vec<String>,
    /// URIs of namespaces appxlint does not know, indexed by `id - NsId::FIRST_DYNAMIC`.
    pub dynamic_ns: Vec<String>,
    pub root: Option<ElemId>,
    pub doctype: Option<Span>,
    pub decl: Option<XmlDecl>,
    /// True when the text has a `$`, `@` or `{`, which start build placeholders.
    pub placeholder_delimiters: bool,
    /// True when the text has a character reference, which could stand for one of them.
    pub char_refs: bool,
}

/// A well-formedness error. Parsing stops at the first one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
    /// A second place worth showing (the start tag of an unclosed element...).
    pub label: Option<(Span, String)>,
}

impl Document {
    /// Empties the document, keeping the capacity of its vectors.
    fn clear(&mut self) {
        self.elements.clear();
        self.attributes.clear();
        self.texts.clear();
        self.comments.clear();
        self.ns_decls.clear();
        self.owned_values.clear();
        self.dynamic_ns.clear();
        self.root = None;
        self.doctype = None;
        self.decl = None;
        self.placeholder_delimiters = false;
        self.char_refs = false;
    }

    /// False when no value of the document can hold a build placeholder. Most documents
    /// cannot, and their values are then not searched one by one.
    pub fn may_hold_placeholders(&self) -> bool {
        self.placeholder_delimiters || self.char_refs
    }

    pub fn element(&self, id: ElemId) -> &Element {
        &self.elements[id as usize]
    }

    pub fn children(&self, id: ElemId) -> Children<'_> {
        Children { doc: self, next: self.elements[id as usize].first_child }
    }

    pub fn attrs(&self, id: ElemId) -> &[Attribute] {
        let (a, b) = self.elements[id as usize].attrs;
        &self.attributes[a as usize..b as usize]
    }

    /// The normalized value of an attribute.
    pub fn attr_value<'t>(&'t self, text: &'t str, a: &Attribute) -> &'t str {
        if a.owned != NIL { &self.owned_values[a.owned as usize] } else { &text[a.value_span.range()] }
    }

    pub fn ns_uri(&self, id: NsId) -> &str {
        if id == NsId::NONE {
            ""
        } else if let Some(info) = id.info() {
            info.uri
        } else {
            self.dynamic_ns.get((id.0 - NsId::FIRST_DYNAMIC) as usize).map_or("", |s| s.as_str())
        }
    }

    /// The character data directly inside an element (not inside its children), with
    /// references resolved, and the span from its first to its last piece.
    #[inline]
    pub fn text_of<'t>(&self, text: &'t str, id: ElemId) -> Option<(Cow<'t, str>, Span)> {
        let (a, b) = self.elements[id as usize].texts;
        if a == b {
            return None;
        }
        // Most often one plain piece: its own text, borrowed. (The range runs from the
        // element's first own node to its last, so a single node is its own.)
        if b == a + 1 {
            let t = &self.texts[a as usize];
            let raw = &text[t.span.range()];
            if t.kind == TextKind::Text && !raw.as_bytes().contains(&b'\r') {
                return Some((Cow::Borrowed(raw), t.span));
            }
        }
        self.text_pieces(text, id)
    }

    /// [`Document::text_of`] in general: the pieces joined.
    fn text_pieces<'t>(&self, text: &'t str, id: ElemId) -> Option<(Cow<'t, str>, Span)> {
        let (a, b) = self.elements[id as usize].texts;
        let nodes = self.texts[a as usize..b as usize].iter().filter(|t| t.parent == id);
        let mut out: Option<(Cow<'t, str>, Span)> = None;
        for t in nodes {
            let piece: Cow<'t, str> = match t.kind {
                TextKind::Text => normalize_newlines(&text[t.span.range()]),
                TextKind::CData => {
                    let raw = &text[t.span.range()];
                    normalize_newlines(raw.strip_prefix("<![CDATA[").and_then(|s| s.strip_suffix("]]>")).unwrap_or(raw))
                }
                TextKind::Ref(c) => Cow::Owned(c.to_string()),
            };
            out = Some(match out {
                None => (piece, t.span),
                Some((acc, span)) => {
                    let mut s = acc.into_owned();
                    s.push_str(&piece);
                    (Cow::Owned(s), span.cover(t.span))
                }
            });
        }
        out
    }

    /// Every element in document order.
    pub fn descendants(&self, id: ElemId) -> std::ops::Range<ElemId> {
        id + 1..self.subtree_end(id)
    }

    /// Elements are stored in document order, so a subtree is a contiguous range.
    fn subtree_end(&self, id: ElemId) -> ElemId {
        let mut cur = id;
        loop {
            let e = &self.elements[cur as usize];
            if e.next_sibling != NIL {
                return e.next_sibling;
            }
            if e.parent == NIL {
                return self.elements.len() as ElemId;
            }
            cur = e.parent;
        }
    }
}

fn normalize_newlines(s: &str) -> Cow<'_, str> {
    if s.contains('\r') { Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n")) } else { Cow::Borrowed(s) }
}

pub struct Children<'d> {
    doc: &'d Document,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = ElemId;
    fn next(&mut self) -> Option<ElemId> {
        if self.next == NIL {
            return None;
        }
        let id = self.next;
        self.next = self.doc.elements[id as usize].next_sibling;
        Some(id)
    }
}

thread_local! {
    /// The vectors of the last document parsed on this thread, emptied, for the next one:
    /// a run over thousands of files then allocates them once per thread.
    static POOL: std::cell::RefCell<Option<Document>> = const { std::cell::RefCell::new(None) };
}

/// Gives a document's vectors back for the next parse on this thread (documents of very
/// large files are simply dropped).
pub fn recycle(mut doc: Document) {
    if doc.elements.capacity() > 1 << 16 || doc.attributes.capacity() > 1 << 17 || doc.texts.capacity() > 1 << 17 {
        return;
    }
    doc.clear();
    POOL.with(|p| *p.borrow_mut() = Some(doc));
}

/// Parses a decoded text. On a well-formedness error, returns the error and nothing else:
/// a malformed file is reported once, not drowned in follow-up findings.
///
/// The common case, a document [`fast`] fully understands, is read by its scanner; any
/// other text is read from scratch by quick-xml, which finds and words every error.
pub fn parse(text: &str) -> Result<Document, ParseError> {
    check_chars(text)?;
    let doc = POOL.with(|p| p.borrow_mut().take()).unwrap_or_default();
    let mut fast = Parser::new(text, doc);
    if fast::parse(&mut fast) {
        return Ok(fast.doc);
    }
    let mut doc = fast.doc;
    doc.clear();
    Parser::new(text, doc).run()
}

/// Parses `text` with quick-xml only, never with the fast path.
fn parse_slow(text: &str) -> Result<Document, ParseError> {
    check_chars(text)?;
    Parser::new(text, Document::default()).run()
}

/// Checks that the two ways of parsing agree on `text`: when the fast path accepts it,
/// quick-xml must parse it without error into the same document. For the fuzz targets
/// and the tests; the error describes the first difference.
pub fn check_paths(text: &str) -> Result<(), String> {
    if check_chars(text).is_err() {
        return Ok(());
    }
    let mut p = Parser::new(text, Document::default());
    if !fast::parse(&mut p) {
        return Ok(());
    }
    let fast = p.doc;
    match parse_slow(text) {
        Err(e) => Err(format!("the fast path accepts a text quick-xml rejects: {} at {:?}", e.message, e.span)),
        Ok(slow) if slow != fast => {
            Err(format!("the two paths build different documents:\nfast: {fast:?}\nslow: {slow:?}"))
        }
        Ok(_) => Ok(()),
    }
}

/// Characters that XML 1.0 forbids anywhere in a document (the `Char` production).
fn check_chars(text: &str) -> Result<(), ParseError> {
    // A branch-free scan of 64-byte blocks (the compiler vectorizes it) finds the rare
    // blocks worth a closer look: control characters other than tab and line breaks,
    // and 0xEF, the first byte of U+FFFE and U+FFFF.
    // Whole blocks have a fixed length, so their scan is unrolled; the shorter last one
    // is scanned on its own.
    fn suspect(block: &[u8]) -> bool {
        let mut suspect = false;
        for &b in block {
            suspect |= ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0xEF);
        }
        suspect
    }
    let bytes = text.as_bytes();
    let mut blocks = bytes.chunks_exact(64);
    for (n, block) in blocks.by_ref().enumerate() {
        if suspect(block) {
            check_block(bytes, n * 64, n * 64 + 64)?;
        }
    }
    let rest = blocks.remainder();
    if suspect(rest) {
        check_block(bytes, bytes.len() - rest.len(), bytes.len())?;
    }
    Ok(())
}

fn check_block(bytes: &[u8], from: usize, to: usize) -> Result<(), ParseError> {
    for i in from..to {
        let b = bytes[i];
        let bad = match b {
            0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F => Some(b as u32),
            // U+FFFE and U+FFFF are EF BF BE / EF BF BF in UTF-8.
            0xEF if bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) => {
                Some(if bytes[i + 2] == 0xBE { 0xFFFE } else { 0xFFFF })
            }
            _ => None,
        };
        if let Some(cp) = bad {
            let len = if cp > 0x7F { 3 } else { 1 };
            return Err(ParseError {
                message: format!("the character U+{cp:04X} is not allowed in an XML document"),
                span: Span::new(i, i + len),
                label: None,
            });
        }
    }
    Ok(())
}

/// Where the first colon of a name is, if it has one.
type Colon = Option<u32>;

fn colon_in(name: &[u8]) -> Colon {
    memchr::memchr(b':', name).map(|c| c as u32)
}

const NS_CACHE_SLOTS: usize = 16;
/// No prefix key has all bits set: its last byte, the length, is at most 7 in cached keys.
const EMPTY_NS_CACHE: [(u64, NsId); NS_CACHE_SLOTS] = [(u64::MAX, NsId::NONE); NS_CACHE_SLOTS];

const fn ns_cache_slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 60) as usize
}

struct Parser<'t> {
    text: &'t str,
    doc: Document,
    stack: Vec<ElemId>,
    pending_comments: Vec<usize>,
    dynamic_index: std::collections::HashMap<String, NsId>,
    /// The namespace bindings in scope, innermost last.
    bindings: Vec<Binding>,
    /// Lookups of prefixes of at most 7 bytes (the default namespace under key 0) among
    /// `bindings`: (prefix key, namespace), direct-mapped by key. Emptied whenever the
    /// bindings change.
    ns_cache: [(u64, NsId); NS_CACHE_SLOTS],
    /// Whether an attribute of the current start tag has a prefix, to resolve in
    /// [`Parser::add_element`].
    prefixed: bool,
}

impl<'t> Parser<'t> {
    fn new(text: &'t str, doc: Document) -> Self {
        Parser {
            text,
            doc,
            stack: Vec::new(),
            pending_comments: Vec::new(),
            dynamic_index: std::collections::HashMap::new(),
            bindings: Vec::new(),
            ns_cache: EMPTY_NS_CACHE,
            prefixed: false,
        }
    }

    fn offset_of(&self, s: &str) -> usize {
        let base = self.text.as_ptr() as usize;
        let p = s.as_ptr() as usize;
        debug_assert!(p >= base && p <= base + self.text.len());
        p - base
    }

    fn err(&self, message: impl Into<String>, at: usize) -> ParseError {
        ParseError { message: message.into(), span: self.token_span(at), label: None }
    }

    /// A span for an error at `at`: the markup token starting there, up to its `>` on the
    /// same line, or a single character.
    fn token_span(&self, at: usize) -> Span {
        let at = at.min(self.text.len());
        let rest = &self.text[at..];
        let mut end = at;
        if rest.starts_with('<') {
            let stop =
                rest.find(['>', '\n', '\r']).map_or(rest.len(), |i| if rest.as_bytes()[i] == b'>' { i + 1 } else { i });
            end = at + stop.min(120);
        } else if let Some(c) = rest.chars().next() {
            end = at + c.len_utf8();
        }
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        Span::new(at, end)
    }

    fn intern(&mut self, uri: &str) -> NsId {
        intern_into(&mut self.doc, &mut self.dynamic_index, uri)
    }

    fn run(mut self) -> Result<Document, ParseError> {
        let mut reader = Reader::from_str(self.text);
        {
            let cfg = reader.config_mut();
            cfg.check_comments = true;
            cfg.check_end_names = true;
            cfg.expand_empty_elements = false;
            cfg.trim_text(false);
        }
        loop {
            let before = reader.buffer_position() as usize;
            let event = match reader.read_event() {
                Ok(e) => e,
                Err(e) => return Err(self.xml_error(e, reader.error_position() as usize)),
            };
            let after = reader.buffer_position() as usize;
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    self.check_open(before)?;
                    let id = self.start_element(e, Span::new(before, after))?;
                    self.opened(id, matches!(event, Event::Empty(_)));
                }
                Event::End(_) => self.end_tag(Span::new(before, after))?,
                Event::Text(t) => self.char_data(Span::new(before, after), &t)?,
                Event::CData(_) => match self.stack.last() {
                    None => return Err(self.err("CDATA is not allowed outside the root element", before)),
                    Some(&parent) => self.cdata(parent, Span::new(before, after)),
                },
                Event::GeneralRef(r) => {
                    let Some(&parent) = self.stack.last() else {
                        return Err(self.err("a reference is not allowed outside the root element", before));
                    };
                    let span = Span::new(before, after);
                    let c = if r.is_char_ref() {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) if is_xml_char(c) => c,
                            _ => {
                                return Err(ParseError {
                                    message: format!("`&{};` is not a valid character reference", &*r),
                                    span,
                                    label: None,
                                });
                            }
                        }
                    } else {
                        match predefined_entity(&r) {
                            Some(c) => c,
                            None => return Err(self.undefined_entity(&r, span)),
                        }
                    };
                    self.reference(parent, span, c);
                }
                Event::Comment(c) => {
                    let content = self.offset_of(&c);
                    self.comment(Span::new(before, after), Span::new(content, content + c.len()));
                }
                Event::Decl(d) => {
                    if before != 0 {
                        return Err(self.err("the XML declaration must be at the very start of the file", before));
                    }
                    let encoding = d.encoding().and_then(|r| r.ok()).map(|c| c.into_owned());
                    self.doc.decl = Some(XmlDecl { span: Span::new(before, after), encoding });
                }
                Event::PI(_) => {}
                Event::DocType(_) => {
                    if self.doc.root.is_some() {
                        return Err(self.err("a DOCTYPE must come before the root element", before));
                    }
                    self.doc.doctype = Some(Span::new(before, after));
                }
                Event::Eof => break,
            }
        }
        self.finish()?;
        Ok(self.doc)
    }

    /// The checks at the end of the text, and the flags computed over the whole text.
    fn finish(&mut self) -> Result<(), ParseError> {
        if let Some(&open) = self.stack.last() {
            let e = &self.doc.elements[open as usize];
            let name = &self.text[e.qname.range()];
            let end = self.text.len();
            return Err(ParseError {
                message: format!("the file ends before `<{name}>` is closed"),
                span: Span::at(end),
                label: Some((e.start_tag, format!("`<{name}>` opened here and never closed"))),
            });
        }
        if self.doc.root.is_none() {
            let message =
                if self.text.trim().is_empty() { "the file is empty" } else { "the file has no root element" };
            return Err(ParseError { message: message.into(), span: Span::at(0), label: None });
        }
        let bytes = self.text.as_bytes();
        self.doc.placeholder_delimiters = memchr::memchr3(b'$', b'@', b'{', bytes).is_some();
        self.doc.char_refs = memchr::memmem::find(bytes, b"&#").is_some();
        Ok(())
    }

    fn undefined_entity(&self, name: &str, span: Span) -> ParseError {
        let message = if self.doc.doctype.is_some() {
            format!("`&{name};` refers to an entity; entities declared in a DOCTYPE are never expanded")
        } else {
            format!(
                "`&{name};` refers to an undeclared entity; only &lt; &gt; &amp; &apos; &quot; and character references are defined"
            )
        };
        ParseError { message, span, label: None }
    }

    /// Before a start tag at `at`: the checks of the one root and of the nesting cap.
    #[inline]
    fn check_open(&self, at: usize) -> Result<(), ParseError> {
        if (self.stack.is_empty() && self.doc.root.is_some()) || self.stack.len() >= MAX_DEPTH {
            return Err(self.open_error(at));
        }
        Ok(())
    }

    #[cold]
    fn open_error(&self, at: usize) -> ParseError {
        if self.stack.is_empty()
            && let Some(root) = self.doc.root
        {
            let mut err = self.err("a document has exactly one root element; this is a second one", at);
            err.label = Some((self.doc.elements[root as usize].start_tag, "the root element".into()));
            return err;
        }
        self.err(format!("elements are nested more than {MAX_DEPTH} levels deep"), at)
    }

    /// After the start tag of element `id`: it is open, or closed at once if `empty`.
    #[inline]
    fn opened(&mut self, id: ElemId, empty: bool) {
        if empty {
            // The end of an empty element is implied, so its bindings end here.
            self.leave(self.stack.len());
        } else {
            self.stack.push(id);
        }
    }

    /// The end tag at `span` of the innermost open element (its name already matched).
    #[inline(always)]
    fn end_tag(&mut self, span: Span) -> Result<(), ParseError> {
        self.pending_comments.clear();
        let Some(id) = self.stack.pop() else {
            return Err(self.err("an end tag without a start tag", span.start as usize));
        };
        self.leave(self.stack.len());
        self.doc.elements[id as usize].end_tag = Some(span);
        Ok(())
    }

    /// Character data that is only whitespace: a text node inside the root, nothing
    /// outside.
    #[inline]
    fn space(&mut self, span: Span) {
        if let Some(&parent) = self.stack.last() {
            self.push_text(parent, span, TextKind::Text, false);
        }
    }

    /// Character data without references, `raw` (which may be empty), at `span`.
    fn char_data(&mut self, span: Span, raw: &str) -> Result<(), ParseError> {
        if raw.is_empty() {
            return Ok(());
        }
        let before = span.start as usize;
        let whitespace = raw.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
        match self.stack.last() {
            _ if whitespace => {
                self.space(span);
                Ok(())
            }
            None => {
                let skip = raw.len() - raw.trim_start().len();
                Err(self.err("text is not allowed outside the root element", before + skip))
            }
            Some(&parent) => {
                self.pending_comments.clear();
                if let Some(i) = raw.as_bytes().contains(&b']').then(|| raw.find("]]>")).flatten() {
                    return Err(self.err("`]]>` is not allowed in text; write `]]&gt;`", before + i));
                }
                self.push_text(parent, span, TextKind::Text, true);
                Ok(())
            }
        }
    }

    fn cdata(&mut self, parent: ElemId, span: Span) {
        self.pending_comments.clear();
        self.push_text(parent, span, TextKind::CData, true);
    }

    /// A reference in character data, resolved to `c`.
    fn reference(&mut self, parent: ElemId, span: Span, c: char) {
        self.pending_comments.clear();
        self.push_text(parent, span, TextKind::Ref(c), !matches!(c, ' ' | '\t' | '\r' | '\n'));
    }

    /// A comment: `span` from `<!--` to `-->`, `content` between them.
    fn comment(&mut self, span: Span, content: Span) {
        let idx = self.doc.comments.len();
        self.doc.comments.push(Comment { span, content, parent: self.stack.last().copied(), next_element: None });
        self.pending_comments.push(idx);
    }

    /// Character data known to hold more than whitespace, and no reference or `]`: what
    /// [`Parser::char_data`] makes of it, for the fast path.
    #[inline]
    fn text_run(&mut self, parent: ElemId, span: Span) {
        self.pending_comments.clear();
        self.push_text(parent, span, TextKind::Text, true);
    }

    #[inline]
    fn push_text(&mut self, parent: ElemId, span: Span, kind: TextKind, content: bool) {
        let idx = self.doc.texts.len() as u32;
        self.doc.texts.push(TextNode { parent, span, kind });
        let e = &mut self.doc.elements[parent as usize];
        e.has_text |= content;
        if e.texts.0 == e.texts.1 {
            e.texts = (idx, idx + 1);
        } else {
            e.texts.1 = idx + 1;
        }
    }

    fn start_element(&mut self, e: &BytesStart<'_>, tag: Span) -> Result<ElemId, ParseError> {
        let id = self.doc.elements.len() as ElemId;
        let level = self.stack.len() as u16 + 1;

        // Attributes: syntax (quick-xml), values, and the namespace declarations, bound
        // before any name of the tag is resolved. Duplicates are checked by
        // `add_element`, on expanded names, which covers literal duplicates too.
        let content_at = tag.start as usize + 1;
        let decls_start = self.doc.ns_decls.len();
        let attr_start = self.doc.attributes.len();
        for a in e.attributes().with_checks(false) {
            let a = match a {
                Ok(a) => a,
                Err(err) => return Err(self.attr_error(err, content_at)),
            };
            let key = a.key.0;
            let key_at = self.offset_of(key);
            let key_span = Span::new(key_at, key_at + key.len());
            let value_span = match &a.value {
                Cow::Borrowed(v) => {
                    let at = self.offset_of(v);
                    Span::new(at, at + v.len())
                }
                Cow::Owned(v) => Span::new(key_span.end as usize + 2, key_span.end as usize + 2 + v.len()),
            };
            let raw = &self.text[value_span.range()];
            // Most values hold no reference and no whitespace to normalize: they are
            // their own normalized value, and their characters were checked with the
            // whole text.
            let owned = if raw.bytes().any(|b| matches!(b, b'<' | b'&' | b'\t' | b'\n' | b'\r')) {
                if let Some(i) = raw.find('<') {
                    return Err(self
                        .err("`<` is not allowed in an attribute value; write `&lt;`", value_span.start as usize + i));
                }
                let normalized = match a.normalized_value(XmlVersion::Explicit1_0) {
                    Ok(v) => v,
                    Err(_) => return Err(self.attr_value_error(raw, value_span)),
                };
                if let Some(c) = normalized.chars().find(|&c| !is_xml_char(c)) {
                    return Err(ParseError {
                        message: format!("the character U+{:04X} is not allowed in an XML document", c as u32),
                        span: value_span,
                        label: None,
                    });
                }
                match normalized {
                    Cow::Borrowed(_) => NIL,
                    Cow::Owned(s) => {
                        self.doc.owned_values.push(s);
                        (self.doc.owned_values.len() - 1) as u32
                    }
                }
            } else {
                NIL
            };
            if key == "xmlns" || key.starts_with("xmlns:") {
                self.declare(id, level, key_span, value_span, owned, decls_start)?;
            } else {
                self.push_attr(id, key_span, value_span, owned, colon_in(key.as_bytes()));
            }
        }

        let qname_str = e.name().0;
        let qname_at = self.offset_of(qname_str);
        let qname = Span::new(qname_at, qname_at + qname_str.len());
        self.add_element(qname, colon_in(qname_str.as_bytes()), tag, attr_start)
    }

    /// An attribute of the start tag of element `owner` that is not a namespace
    /// declaration, its namespace left for [`Parser::add_element`] to resolve (its local
    /// part already set when it has a prefix).
    #[inline]
    fn push_attr(&mut self, owner: ElemId, key: Span, value: Span, owned: u32, colon: Colon) {
        let local = match colon {
            Some(c) => {
                self.prefixed = true;
                Span { start: key.start + c + 1, end: key.end }
            }
            None => key,
        };
        self.doc.attributes.push(Attribute { ns: NsId::NONE, qname: key, local, value_span: value, owned, owner });
    }

    /// The element of a start tag whose namespace declarations are bound and whose other
    /// attributes were pushed from `attr_start` on ([`Parser::push_attr`]): names resolved,
    /// attributes checked for duplicates, the element added to the tree and to the
    /// comments before it.
    #[inline(always)]
    fn add_element(&mut self, qname: Span, colon: Colon, tag: Span, attr_start: usize) -> Result<ElemId, ParseError> {
        let id = self.doc.elements.len() as ElemId;
        let parent = self.stack.last().copied().unwrap_or(NIL);
        let (ns, local_at) = self.resolve(qname, colon, true)?;
        let attr_end = self.doc.attributes.len();
        if self.prefixed {
            self.prefixed = false;
            self.resolve_attrs(attr_start, attr_end)?;
        }
        if attr_end - attr_start > 1 {
            self.check_expanded_duplicates(attr_start, attr_end)?;
        }

        let depth = self.stack.len() as u16;
        self.doc.elements.push(Element {
            ns,
            qname,
            local: Span::new(local_at, qname.end as usize),
            start_tag: tag,
            end_tag: None,
            attrs: (attr_start as u32, attr_end as u32),
            parent,
            first_child: NIL,
            last_child: NIL,
            next_sibling: NIL,
            texts: (0, 0),
            has_text: false,
            depth,
        });
        if parent == NIL {
            self.doc.root = Some(id);
        } else {
            let p = &mut self.doc.elements[parent as usize];
            if p.first_child == NIL {
                p.first_child = id;
            } else {
                let last = p.last_child;
                self.doc.elements[last as usize].next_sibling = id;
            }
            self.doc.elements[parent as usize].last_child = id;
        }
        if !self.pending_comments.is_empty() {
            for c in self.pending_comments.drain(..) {
                self.doc.comments[c].next_element = Some(id);
            }
        }
        Ok(id)
    }

    /// The namespaces of the prefixed attributes among `from..to` (those whose local part
    /// starts after their name does).
    fn resolve_attrs(&mut self, from: usize, to: usize) -> Result<(), ParseError> {
        for k in from..to {
            let a = &self.doc.attributes[k];
            if a.local.start != a.qname.start {
                let (qname, colon) = (a.qname, a.local.start - a.qname.start - 1);
                let (ns, _) = self.resolve(qname, Some(colon), false)?;
                self.doc.attributes[k].ns = ns;
            }
        }
        Ok(())
    }

    /// Ends the scope of the bindings of elements deeper than `level`.
    #[inline]
    fn leave(&mut self, level: usize) {
        while self.bindings.last().is_some_and(|b| b.level as usize > level) {
            self.bindings.pop();
            self.ns_cache = EMPTY_NS_CACHE;
        }
    }

    /// The namespace of a qualified name (`p:local` or `local`) and where its local part
    /// starts. Unprefixed attributes are in no namespace; unprefixed elements are in the
    /// default namespace in scope.
    #[inline(always)]
    fn resolve(&mut self, qname: Span, colon: Colon, element: bool) -> Result<(NsId, usize), ParseError> {
        match colon {
            None if !element => Ok((NsId::NONE, qname.start as usize)),
            None => {
                // The default namespace's slot (key 0).
                const SLOT: usize = ns_cache_slot(0);
                let ns = if self.ns_cache[SLOT].0 == 0 { self.ns_cache[SLOT].1 } else { self.default_ns() };
                Ok((ns, qname.start as usize))
            }
            Some(c) if (1..=7).contains(&c) => {
                let start = qname.start as usize;
                let key = prefix_key_at(self.text.as_bytes(), start, c as usize);
                let slot = ns_cache_slot(key);
                if self.ns_cache[slot].0 == key {
                    Ok((self.ns_cache[slot].1, start + c as usize + 1))
                } else {
                    self.resolve_prefix(qname, c as usize)
                }
            }
            Some(c) => self.resolve_prefix(qname, c as usize),
        }
    }

    /// The default namespace in scope, looked up among the bindings and cached.
    #[inline(never)]
    fn default_ns(&mut self) -> NsId {
        let ns = self.bindings.iter().rev().find(|b| b.key == 0).map_or(NsId::NONE, |b| b.ns);
        self.ns_cache[ns_cache_slot(0)] = (0, ns);
        ns
    }

    /// [`Parser::resolve`] for a prefixed name not in the cache.
    #[inline(never)]
    fn resolve_prefix(&mut self, qname: Span, colon: usize) -> Result<(NsId, usize), ParseError> {
        let name = &self.text.as_bytes()[qname.range()];
        let prefix = &name[..colon];
        let key = prefix_key(prefix);
        // Key 0 is the default namespace's: an empty prefix (`:name`) is not looked up there.
        let slot = (1..=7).contains(&colon).then(|| ns_cache_slot(key));
        let text = self.text.as_bytes();
        let bound = self
            .bindings
            .iter()
            .rev()
            .find(|b| b.key == key && b.prefix.is_some_and(|p| prefix.len() <= 7 || &text[p.range()] == prefix));
        let prefix = &self.text[qname.start as usize..qname.start as usize + colon];
        let ns = match (bound, prefix) {
            (Some(b), _) => {
                if let Some(slot) = slot {
                    self.ns_cache[slot] = (key, b.ns);
                }
                b.ns
            }
            (None, "xml") => self.intern(XML_NS),
            (None, "xmlns") => self.intern(XMLNS_NS),
            (None, _) => {
                return Err(ParseError {
                    message: format!("the namespace prefix `{prefix}` is not declared"),
                    span: Span::new(qname.start as usize, qname.start as usize + colon),
                    label: None,
                });
            }
        };
        Ok((ns, qname.start as usize + colon + 1))
    }

    /// A namespace declaration (`xmlns="..."`, `xmlns:p="..."`) of element `id`: recorded,
    /// and bound for the rest of its scope.
    fn declare(
        &mut self,
        id: ElemId,
        level: u16,
        key: Span,
        value: Span,
        owned: u32,
        decls_start: usize,
    ) -> Result<(), ParseError> {
        let key_text = &self.text[key.range()];
        let prefix = key_text
            .strip_prefix("xmlns:")
            .map(|p| Span::new(key.start as usize + 6, key.start as usize + 6 + p.len()));
        let span = Span { start: key.start, end: value.end + 1 };
        let uri_text: &str =
            if owned != NIL { &self.doc.owned_values[owned as usize] } else { &self.text[value.range()] };
        if prefix.is_some() && uri_text.is_empty() {
            return Err(ParseError {
                message: format!("the prefix `{}` cannot be bound to an empty namespace", &key_text[6..]),
                span: key.cover(value),
                label: None,
            });
        }
        let prefix_text = prefix.map(|p| &self.text[p.range()]);
        if let Some(first) =
            self.doc.ns_decls[decls_start..].iter().find(|d| d.prefix.map(|p| &self.text[p.range()]) == prefix_text)
        {
            return Err(ParseError {
                message: format!("the namespace declaration `{key_text}` is given twice"),
                span: key,
                label: Some((
                    Span::new(first.span.start as usize, first.span.start as usize + key.len()),
                    "first given here".into(),
                )),
            });
        }
        let reserved = match prefix_text {
            Some("xmlns") => Some("the prefix `xmlns` cannot be declared".to_string()),
            Some("xml") if uri_text != XML_NS => {
                Some(format!("the prefix `xml` is bound to {XML_NS} and to nothing else"))
            }
            _ if uri_text == XML_NS && prefix_text != Some("xml") => {
                Some(format!("only the prefix `xml` can be bound to {XML_NS}"))
            }
            _ if uri_text == XMLNS_NS => Some(format!("no prefix can be bound to {XMLNS_NS}")),
            _ => None,
        };
        if let Some(message) = reserved {
            return Err(ParseError { message, span, label: None });
        }
        if self.bindings.len() >= MAX_BINDINGS {
            return Err(ParseError {
                message: format!(
                    "more than {MAX_BINDINGS} namespace declarations are in scope here; appxlint reads at most {MAX_BINDINGS}"
                ),
                span,
                label: None,
            });
        }
        let ns = if uri_text.is_empty() {
            NsId::NONE
        } else if owned == NIL {
            let text = self.text;
            self.intern(&text[value.range()])
        } else {
            let uri = uri_text.to_owned();
            self.intern(&uri)
        };
        if prefix_text != Some("xml") {
            let key = prefix.map_or(0, |p| prefix_key(&self.text.as_bytes()[p.range()]));
            self.bindings.push(Binding { prefix, key, ns, level });
            self.ns_cache = EMPTY_NS_CACHE;
        }
        self.doc.ns_decls.push(NsDecl { element: id, prefix, ns, uri: value, span });
        Ok(())
    }

    /// Namespaces in XML forbid two attributes with the same (namespace, local name) on
    /// one element even when their prefixes differ (`a:k` and `b:k` with `a`, `b` bound
    /// to one URI). quick-xml only catches literal duplicates.
    fn check_expanded_duplicates(&self, from: usize, to: usize) -> Result<(), ParseError> {
        let attrs = &self.doc.attributes[from..to];
        let bytes = self.text.as_bytes();
        let key = |a: &Attribute| (a.ns, &bytes[a.local.range()]);
        let dup = if attrs.len() <= 16 {
            (1..attrs.len()).find_map(|j| (0..j).find(|&i| key(&attrs[i]) == key(&attrs[j])).map(|i| (i, j)))
        } else {
            let mut seen = std::collections::HashMap::with_capacity(attrs.len());
            attrs.iter().enumerate().find_map(|(j, a)| seen.insert(key(a), j).map(|i| (i, j)))
        };
        if let Some((i, j)) = dup {
            let name = &self.text[attrs[j].qname.range()];
            let first = &self.text[attrs[i].qname.range()];
            let message = if name == first {
                format!("the attribute `{name}` is given twice")
            } else {
                format!("the attribute `{name}` is given twice (same namespace and name as `{first}`)")
            };
            return Err(ParseError {
                message,
                span: attrs[j].qname,
                label: Some((attrs[i].qname, "first given here".into())),
            });
        }
        Ok(())
    }

    fn attr_value_error(&self, raw: &str, value_span: Span) -> ParseError {
        // Find the offending reference to point at it precisely.
        let mut i = 0;
        while let Some(rel) = raw[i..].find('&') {
            let at = i + rel;
            let rest = &raw[at + 1..];
            match rest.find(';') {
                Some(semi) if !rest[..semi].is_empty() && !rest[..semi].contains(['&', ' ']) => {
                    let name = &rest[..semi];
                    let ok = if let Some(num) = name.strip_prefix('#') {
                        let v = if let Some(hex) = num.strip_prefix('x') {
                            u32::from_str_radix(hex, 16).ok()
                        } else {
                            num.parse::<u32>().ok()
                        };
                        v.and_then(char::from_u32).is_some_and(is_xml_char)
                    } else {
                        predefined_entity(name).is_some()
                    };
                    let span = Span::new(value_span.start as usize + at, value_span.start as usize + at + semi + 2);
                    if !ok {
                        if name.starts_with('#') {
                            return ParseError {
                                message: format!("`&{name};` is not a valid character reference"),
                                span,
                                label: None,
                            };
                        }
                        return self.undefined_entity(name, span);
                    }
                    i = at + semi + 2;
                }
                _ => {
                    let span = Span::new(value_span.start as usize + at, value_span.start as usize + at + 1);
                    return ParseError {
                        message: "`&` must start a reference such as `&amp;`".into(),
                        span,
                        label: None,
                    };
                }
            }
        }
        ParseError { message: "the attribute value is not well-formed".into(), span: value_span, label: None }
    }

    fn attr_error(&self, err: AttrError, content_at: usize) -> ParseError {
        let at = |p: usize| content_at + p;
        match err {
            AttrError::Duplicated(p, prev) => {
                let span = self.name_span_at(at(p));
                let name = &self.text[span.range()];
                ParseError {
                    message: format!("the attribute `{name}` is given twice"),
                    span,
                    label: Some((self.name_span_at(at(prev)), "first given here".into())),
                }
            }
            AttrError::ExpectedEq(p) => self.err_at("expected `=` after the attribute name", at(p)),
            AttrError::ExpectedValue(p) => self.err_at("expected a quoted attribute value", at(p)),
            AttrError::UnquotedValue(p) => self.err_at("attribute values must be quoted", at(p)),
            AttrError::ExpectedQuote(p, _) => self.err_at("expected a closing quote", at(p)),
        }
    }

    fn err_at(&self, message: &str, at: usize) -> ParseError {
        let at = at.min(self.text.len());
        let mut end = (at + 1).min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        ParseError { message: message.into(), span: Span::new(at, end), label: None }
    }

    fn name_span_at(&self, at: usize) -> Span {
        let rest = &self.text[at.min(self.text.len())..];
        let len = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/').unwrap_or(rest.len());
        Span::new(at, at + len)
    }

    fn xml_error(&self, e: XmlError, at: usize) -> ParseError {
        let message = match &e {
            XmlError::Syntax(s) => match s {
                SyntaxError::InvalidBangMarkup => {
                    "unknown markup after `<!`: expected a comment, CDATA or DOCTYPE".to_string()
                }
                SyntaxError::UnclosedPI => "the processing instruction is not closed with `?>`".to_string(),
                SyntaxError::UnclosedXmlDecl => "the XML declaration is not closed with `?>`".to_string(),
                SyntaxError::UnclosedComment => "the comment is not closed with `-->`".to_string(),
                SyntaxError::UnclosedDoctype => "the DOCTYPE is not closed".to_string(),
                SyntaxError::UnclosedCData => "the CDATA section is not closed with `]]>`".to_string(),
                SyntaxError::UnclosedTag => "the tag is not closed with `>`".to_string(),
                SyntaxError::UnclosedSingleQuotedAttributeValue | SyntaxError::UnclosedDoubleQuotedAttributeValue => {
                    "the attribute value has no closing quote".to_string()
                }
            },
            XmlError::IllFormed(i) => match i {
                IllFormedError::MismatchedEndTag { expected, found } => {
                    let mut err = self
                        .err(format!("the end tag `</{found}>` does not match the open element `<{expected}>`"), at);
                    if let Some(&open) = self.stack.last() {
                        err.label =
                            Some((self.doc.elements[open as usize].start_tag, format!("`<{expected}>` opened here")));
                    }
                    return err;
                }
                IllFormedError::UnmatchedEndTag(name) => format!("the end tag `</{name}>` has no matching start tag"),
                IllFormedError::MissingEndTag(name) => format!("`<{name}>` is never closed"),
                IllFormedError::DoubleHyphenInComment => "`--` is not allowed inside a comment".to_string(),
                IllFormedError::UnclosedReference => "`&` must start a reference such as `&amp;`".to_string(),
                IllFormedError::MissingDeclVersion(_) => "the XML declaration must start with `version`".to_string(),
                IllFormedError::UnknownVersion => "the XML declaration names an unknown XML version".to_string(),
                IllFormedError::MissingDoctypeName => "the DOCTYPE has no name".to_string(),
            },
            XmlError::Namespace(n) => format!("namespace error: {n}"),
            other => other.to_string(),
        };
        self.err(message, at)
    }
}

/// The id of a namespace URI: a known namespace, or one of the document's own.
fn intern_into(doc: &mut Document, index: &mut std::collections::HashMap<String, NsId>, uri: &str) -> NsId {
    if let Some(id) = NsId::known(uri) {
        return id;
    }
    // A hash map, not a scan of `dynamic_ns`: a hostile file can bind thousands of
    // distinct URIs one after the other.
    if let Some(&id) = index.get(uri) {
        return id;
    }
    let i = doc.dynamic_ns.len().min((u16::MAX - NsId::FIRST_DYNAMIC - 1) as usize);
    let id = NsId(NsId::FIRST_DYNAMIC + i as u16);
    if i == doc.dynamic_ns.len() {
        doc.dynamic_ns.push(uri.to_owned());
        index.insert(uri.to_owned(), id);
    }
    id
}

fn predefined_entity(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => return None,
    })
}

fn is_xml_char(c: char) -> bool {
    matches!(c as u32, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> ParseError {
        parse(text).expect_err("expected a parse error")
    }

    fn at(text: &str, e: &ParseError) -> String {
        text[e.span.range()].to_string()
    }

    #[test]
    fn builds_a_resolved_tree_with_spans() {
        let t = r#"<?xml version="1.0"?>
<Package xmlns="urn:f" xmlns:x="urn:x" x:Attr="v&amp;w">
  <!-- note -->
  <x:Child Name="a">text &lt; more<![CDATA[<raw>]]></x:Child>
  <Other/>
</Package>"#;
        let d = parse(t).unwrap();
        let root = d.root.unwrap();
        let r = d.element(root);
        assert_eq!(&t[r.local.range()], "Package");
        assert_eq!(d.ns_uri(r.ns), "urn:f");
        let a = &d.attrs(root)[0];
        assert_eq!(&t[a.qname.range()], "x:Attr");
        assert_eq!(&t[a.local.range()], "Attr");
        assert_eq!(d.ns_uri(a.ns), "urn:x");
        assert_eq!(&t[a.value_span.range()], "v&amp;w");
        assert_eq!(d.attr_value(t, a), "v&w");
        let kids: Vec<_> = d.children(root).collect();
        assert_eq!(kids.len(), 2);
        let child = kids[0];
        assert_eq!(&t[d.element(child).qname.range()], "x:Child");
        assert_eq!(d.text_of(t, child).unwrap().0, "text < more<raw>");
        assert_eq!(d.comments.len(), 1);
        assert_eq!(d.comments[0].next_element, Some(child));
        assert_eq!(&t[d.comments[0].content.range()], " note ");
        assert!(d.element(kids[1]).end_tag.is_none());
        assert_eq!(&t[d.element(root).full_span().range()][..8], "<Package");
        assert_eq!(d.descendants(root).count(), 2);
        assert_eq!(d.ns_decls.len(), 2);
    }

    #[test]
    fn unclosed_root_is_reported_with_the_open_tag() {
        let t = "<Package>\n  <Identity/>\n";
        let e = err(t);
        assert!(e.message.contains("`<Package>` is closed"), "{}", e.message);
        assert_eq!(e.span, Span::at(t.len()));
        assert_eq!(&t[e.label.unwrap().0.range()], "<Package>");
    }

    #[test]
    fn second_root_and_text_outside() {
        let t = "<a/><b/>";
        assert_eq!(at(t, &err(t)), "<b/>");
        let t = "<a/>\n junk";
        assert_eq!(at(t, &err(t)), "j");
    }

    #[test]
    fn undeclared_prefixes_are_errors() {
        let t = "<a><uap:b/></a>";
        let e = err(t);
        assert!(e.message.contains("`uap`"));
        assert_eq!(at(t, &e), "uap");
        let t = r#"<a q:x="1"/>"#;
        assert_eq!(at(t, &err(t)), "q");
    }

    #[test]
    fn expanded_duplicate_attributes_are_errors() {
        let t = r#"<a xmlns:p="urn:x" xmlns:q="urn:x" p:k="1" q:k="2"/>"#;
        let e = err(t);
        assert_eq!(at(t, &e), "q:k");
        let t = r#"<a k="1" k="2"/>"#;
        let e = err(t);
        assert_eq!(at(t, &e), "k");
        assert_eq!(e.label.unwrap().0, Span::new(3, 4));
    }

    #[test]
    fn entities_are_never_expanded() {
        let t = "<!DOCTYPE a [<!ENTITY x \"boom\">]><a>&x;</a>";
        let e = err(t);
        assert!(e.message.contains("never expanded"), "{}", e.message);
        assert_eq!(at(t, &e), "&x;");
        let t = r#"<a v="&x;"/>"#;
        assert_eq!(at(t, &err(t)), "&x;");
        let t = r#"<a v="AT&T"/>"#;
        assert_eq!(at(t, &err(t)), "&");
        let t = "<a>&#0;</a>";
        assert!(err(t).message.contains("character reference"));
        // The DOCTYPE alone is kept for the caller to report.
        let d = parse("<!DOCTYPE a><a/>").unwrap();
        assert_eq!(d.doctype, Some(Span::new(0, 12)));
    }

    #[test]
    fn mismatched_and_stray_end_tags() {
        let t = "<a>\n<b></a>";
        let e = err(t);
        assert_eq!(at(t, &e), "</a>");
        assert!(e.message.contains("does not match"), "{}", e.message);
        let t = "<a/></b>";
        assert!(err(t).message.contains("no matching start tag") || err(t).message.contains("without a start tag"));
    }

    #[test]
    fn forbidden_characters_and_comments() {
        let t = "<a>\u{1}</a>";
        assert!(err(t).message.contains("U+0001"));
        let t = "<a><!-- a -- b --></a>";
        assert!(err(t).message.contains("--"));
        let t = "<a>\u{FFFE}</a>";
        assert_eq!(err(t).span, Span::new(3, 6));
    }

    #[test]
    fn nesting_is_capped() {
        let t = "<a>".repeat(MAX_DEPTH + 1);
        assert!(err(&t).message.contains("nested"));
        let ok = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn empty_and_rootless_files() {
        assert_eq!(err("").message, "the file is empty");
        assert_eq!(err("<!-- only -->").message, "the file has no root element");
    }
}
