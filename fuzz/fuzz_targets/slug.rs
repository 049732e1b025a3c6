//! Slug parsing: `FromStr`, `problem` and `from_text` agree and never panic (a slug once
//! recursed through `FromStr` until the stack ran out).
#![no_main]

use std::str::FromStr;

use accord::model::Slug;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let parsed = Slug::from_str(text);
    assert_eq!(parsed.is_ok(), Slug::problem(text).is_none(), "{text:?}");
    if let Some(s) = Slug::from_text(text) {
        assert!(Slug::problem(s.as_str()).is_none(), "{text:?} -> {s:?}");
        // A slug made from text is a fixed point.
        assert_eq!(Slug::from_text(s.as_str()).as_ref(), Some(&s));
    }
    if let Ok(s) = parsed {
        assert_eq!(s.as_str(), text);
    }
});
