//! The floor of the benchmark: read each manifest of a list, decode it as appxlint does
//! (UTF-8 or UTF-16), and run quick-xml's event scan over it, attributes included, on one
//! thread. No tree, no namespaces, no spans, no rules: what any linter built on quick-xml
//! pays before doing anything. `scripts/bench.py` times it beside appxlint and xmllint.
//!
//!     cargo run --release --example scan -- target/bench-corpus/xmllint.txt

use quick_xml::events::Event;
use quick_xml::reader::Reader;

fn main() {
    let Some(list) = std::env::args().nth(1) else {
        eprintln!("usage: scan FILE_LIST (one manifest path per line)");
        std::process::exit(2);
    };
    let list = std::fs::read_to_string(&list).unwrap_or_else(|e| panic!("{list}: {e}"));
    let (mut files, mut events, mut bad) = (0u64, 0u64, 0u64);
    for path in list.lines().filter(|l| !l.is_empty()) {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let Ok(decoded) = appxlint::source::decode_vec(bytes) else {
            bad += 1;
            continue;
        };
        files += 1;
        let mut reader = Reader::from_str(&decoded.text);
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Err(_) => {
                    bad += 1;
                    break;
                }
                Ok(Event::Start(e) | Event::Empty(e)) => {
                    events += 1;
                    events += e.attributes().with_checks(false).filter(Result::is_ok).count() as u64;
                }
                Ok(_) => events += 1,
            }
        }
    }
    println!("{files} files, {events} events and attributes, {bad} not well-formed or not decodable");
}
