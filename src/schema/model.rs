//! The shapes of the schema tables that `scripts/gen_schema.py` generates
//! (`tables.rs`): element declarations, complex types with their content particles and
//! attributes, simple types with their facets, identity constraints.

use crate::manifest::NsId;

/// An XSD `pattern` facet, with its translation to an anchored Rust regex.
#[derive(Debug)]
pub struct Pattern {
    pub xsd: &'static str,
    pub regex: &'static str,
}

/// The primitive a simple type derives from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    String,
    Token,
    Boolean,
    UnsignedLong,
    UnsignedInt,
    UnsignedShort,
    UnsignedByte,
    Int,
    Long,
    Short,
    Byte,
    Integer,
    PositiveInteger,
    NonNegativeInteger,
    Double,
    Decimal,
    Language,
    Date,
    DateTime,
    AnyUri,
}

#[derive(Debug)]
pub enum Variety {
    Atomic(Builtin),
    /// Whitespace-separated items of the simple type with this index.
    List(u32),
    /// A value of any of these simple types.
    Union(&'static [u32]),
}

/// The facets of one derivation step. A value satisfies a type when it satisfies every
/// step; within a step, one pattern of several suffices.
#[derive(Debug)]
pub struct Facets {
    pub patterns: &'static [u32],
    pub enums: &'static [&'static str],
    pub min_len: Option<u32>,
    pub max_len: Option<u32>,
    pub length: Option<u32>,
    pub min_incl: Option<i64>,
    pub max_incl: Option<i64>,
    pub min_excl: Option<i64>,
    pub max_excl: Option<i64>,
}

#[derive(Debug)]
pub struct SimpleType {
    pub name: &'static str,
    pub variety: Variety,
    pub steps: &'static [Facets],
}

#[derive(Debug)]
pub struct AttrDecl {
    pub ns: NsId,
    pub name: &'static str,
    pub ty: u32,
    pub required: bool,
    pub fixed: Option<&'static str>,
}

#[derive(Debug)]
pub enum Content {
    Empty,
    Simple(u32),
    Elements(u32),
}

#[derive(Debug)]
pub struct ComplexType {
    pub name: &'static str,
    pub attrs: &'static [AttrDecl],
    pub any_attribute: bool,
    pub mixed: bool,
    pub content: Content,
}

#[derive(Debug)]
pub enum Term {
    Element(u32),
    Any { namespace: &'static str, process: &'static str },
    Sequence(&'static [u32]),
    Choice(&'static [u32]),
    All(&'static [u32]),
}

/// A particle: a term with its occurrence bounds (`u32::MAX` is unbounded).
#[derive(Debug)]
pub struct Particle {
    pub min: u32,
    pub max: u32,
    pub term: Term,
}

#[derive(Debug)]
pub enum ElementType {
    Any,
    Simple(u32),
    Complex(u32),
}

#[derive(Debug)]
pub struct ElementDecl {
    pub ns: NsId,
    pub name: &'static str,
    pub ty: ElementType,
    pub constraints: &'static [u32],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintKind {
    Unique,
    Key,
    KeyRef,
}

#[derive(Debug)]
pub enum Field {
    Attr(NsId, &'static str),
    SelfText,
}

/// `xs:unique`, `xs:key` or `xs:keyref` of an element: the selector's alternatives are
/// paths of child steps from that element.
#[derive(Debug)]
pub struct Constraint {
    pub kind: ConstraintKind,
    pub name: &'static str,
    pub paths: &'static [&'static [(NsId, &'static str)]],
    pub fields: &'static [Field],
    pub refer: Option<&'static str>,
}
