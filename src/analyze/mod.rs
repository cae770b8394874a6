//! What each package may do, and which channels connect the packages of a run.
//!
//! [`facts`] extracts, once per manifest, everything that rules looking across files and
//! the analyzer need. The same facts feed `check` and `analyze`: one model, one parser.

pub mod facts;
