//! Wizard defects from the workshop issue, key by key.

use super::*;
use crate::tui::app::Tone;

#[test]
fn deleting_a_member_who_owns_a_ritual_warns_and_names_it() {
    let mut app = fixture(edit("payments"));
    cmd(&mut app, Cmd::Down);
    cmd(&mut app, Cmd::Delete);
    let st = app.status.clone().expect("a status line");
    assert_eq!(st.tone, Tone::Error, "{st:?}");
    assert!(st.text.contains("Deleted “Sofie Claes”"), "{st:?}");
    assert!(st.text.contains("they owned Retrospective"), "{st:?}");
    assert!(st.text.contains("another owner"), "{st:?}");
    // A member who owns nothing is deleted with the plain note.
    let mut app = fixture(edit("payments"));
    cmd(&mut app, Cmd::Down);
    cmd(&mut app, Cmd::Down);
    cmd(&mut app, Cmd::Delete);
    let st = app.status.clone().expect("a status line");
    assert_eq!(st.tone, Tone::Info, "{st:?}");
    assert!(!st.text.contains("owned"), "{st:?}");
}
