//! appxlint: a linter and capability analyzer for Windows app package manifests.
//!
//! Data flows one way: [`discover`] finds inputs ([`package`] opens the packages among
//! them), [`source`] decodes their bytes,
//! [`manifest::xml`] parses a spanned, namespace-resolved tree, [`manifest`] gives it a
//! typed view, [`rules`] report findings, [`lint`] turns them into one
//! [`diagnostic::Diagnostic`] type, and [`render`] prints them.

pub mod analyze;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod hash;
pub mod invariants;
pub mod lint;
pub mod manifest;
pub mod package;
pub mod progress;
pub mod render;
pub mod rules;
pub mod schema;
pub mod source;
pub mod suppress;
