//! The quick check-in reader reads whatever it accepts exactly as the full TOML parser does.

use accord::model::{
    ActionRecord, CheckIn, Date, Decision, FileKind, NormRecord, PresenceDay, Pulse,
    QuestionScores, Rating, RitualRecord, Slug,
};
use accord::store::canonical::render;
use accord::store::quick;
use chrono::NaiveDate;
use proptest::prelude::*;

fn date() -> impl Strategy<Value = Date> {
    (0i64..4000).prop_map(|n| {
        Date(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(n as u64))
    })
}

fn slug() -> impl Strategy<Value = Slug> {
    "[a-z][a-z0-9-]{0,10}[a-z0-9]".prop_map(|s| s.parse().unwrap())
}

/// Free text, including what the quick reader must decline (quotes, backslashes, controls).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.:;!?'=#\\[\\]-]{0,30}",
        "[a-z ]{0,5}[\"\\\\\u{7}\u{1b}\t\u{85}é€][a-z ]{0,5}",
    ]
}

fn checkin() -> impl Strategy<Value = CheckIn> {
    let presence = prop::collection::vec(
        (date(), 0u32..20, 0u32..20).prop_map(|(date, present, expected)| PresenceDay {
            date,
            present,
            expected,
        }),
        0..4,
    );
    let rituals = prop::collection::vec(
        (
            slug(),
            any::<u32>(),
            prop::option::of(0u32..30),
            prop::option::of(text()),
        )
            .prop_map(|(id, held, planned, note)| RitualRecord {
                id,
                held,
                planned,
                note,
            }),
        0..4,
    );
    let norms = prop::collection::vec(
        (
            slug(),
            prop::sample::select(Rating::ALL),
            prop::option::of(text()),
        )
            .prop_map(|(id, rating, note)| NormRecord { id, rating, note }),
        0..4,
    );
    // Schema 1 (scores at the top) and schema 2 (counts, questions; subgroups go to the full
    // parser) shapes, withheld or not, including values validate rejects.
    let questions = prop::collection::vec(
        (slug(), prop::collection::vec(0u8..=7, 0..8))
            .prop_map(|(id, scores)| QuestionScores { id, scores }),
        0..3,
    );
    let pulse = prop::option::of(
        (
            prop::option::of(0u32..9),
            prop::option::of(0u32..9),
            any::<bool>(),
            prop::collection::vec(0u8..=7, 0..8),
            prop::collection::vec(text(), 0..3),
            questions,
        )
            .prop_map(
                |(min_responses, count, withheld, scores, comments, questions)| Pulse {
                    min_responses,
                    count,
                    withheld,
                    scores,
                    comments,
                    questions,
                    groups: vec![],
                },
            ),
    );
    let actions = prop::collection::vec(
        (
            slug(),
            prop::sample::select(Decision::ALL),
            prop::option::of(text()),
        )
            .prop_map(|(item, decision, note)| ActionRecord {
                item: item.to_string(),
                decision,
                note,
                owner: None,
                due: None,
            }),
        0..3,
    );
    (
        date(),
        date(),
        date(),
        1u32..9,
        presence,
        rituals,
        norms,
        pulse,
        actions,
    )
        .prop_map(
            |(date, from, to, agreement_version, presence, rituals, norms, pulse, actions)| {
                CheckIn {
                    schema: 1,
                    date,
                    from,
                    to,
                    agreement_version,
                    presence,
                    rituals,
                    norms,
                    pulse,
                    followups: Vec::new(),
                    wins: Vec::new(),
                    actions,
                }
            },
        )
}

proptest! {
    #[test]
    fn quick_agrees_with_the_full_parser(c in checkin()) {
        let text = render(&c, FileKind::CheckIn, None);
        let full: CheckIn = toml::from_str(&text).unwrap();
        match quick::checkin(&text) {
            Some(q) => prop_assert_eq!(q, full),
            None => {
                // Declined: only for strings it does not read (escaped, literal, control characters).
                prop_assert!(
                    text.contains('\\') || text.contains('\'') || text.chars().any(|c| c.is_control() && c != '\n'),
                    "declined canonical text:\n{:?}",
                    text
                );
            }
        }
    }

    /// Spaces and tabs around `=` as a hand-edited file has them: read as the full parser reads
    /// them, and no longer sent to it.
    #[test]
    fn quick_reads_respaced_keys_as_the_full_parser(
        c in checkin(),
        spacing in proptest::collection::vec(0usize..5, 1..8),
    ) {
        let text = render(&c, FileKind::CheckIn, None);
        let mut n = 0;
        let respaced: String = text
            .split_inclusive('\n')
            .map(|line| {
                n += 1;
                let eq = ["=", " =", "= ", "\t=\t", "  =  "][spacing[n % spacing.len()]];
                line.replacen(" = ", eq, 1)
            })
            .collect();
        let full: CheckIn = toml::from_str(&respaced).unwrap();
        prop_assert_eq!(quick::checkin(&respaced), quick::checkin(&text).map(|_| full));
    }

    #[test]
    fn quick_never_accepts_what_the_full_parser_refuses(
        c in checkin(),
        cut in 0usize..2000,
        junk in "[ =\\[\\]\"#a-z0-9\\n\\r-]{0,6}",
    ) {
        let text = render(&c, FileKind::CheckIn, None);
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let broken = format!("{}{}{}", &text[..at], junk, &text[at..]);
        if let Some(q) = quick::checkin(&broken) {
            let full: Result<CheckIn, _> = toml::from_str(&broken);
            prop_assert_eq!(Some(q), full.ok(), "text:\n{}", broken);
        }
    }
}

/// The closing-the-loop tables and keys come from the format table, so the quick reader reads
/// them as the full parser does (never dropping them) with no code of its own.
#[test]
fn quick_reads_followups_wins_owner_and_due_as_the_full_parser() {
    let base = "schema = 2\ndate = 2026-11-18\nfrom = 2026-11-04\nto = 2026-11-17\nagreement_version = 4\n";
    assert!(quick::checkin(base).is_some());
    for extra in [
        "\n[[followups]]\naction = \"2026-11-04/weekly-demo\"\ndone = true\n",
        "\n[[wins]]\ntext = \"Ines ran her first demo.\"\n",
        "\n[[actions]]\nitem = \"presence\"\ndecision = \"adjust\"\nowner = \"Ana Lima\"\n",
        "\n[[actions]]\nitem = \"presence\"\ndecision = \"adjust\"\ndue = 2026-12-02\n",
    ] {
        let text = format!("{base}{extra}");
        let full: CheckIn = toml::from_str(&text).unwrap();
        assert!(
            !full.followups.is_empty()
                || !full.wins.is_empty()
                || full.actions[0].owner.is_some()
                || full.actions[0].due.is_some(),
            "{text}"
        );
        assert_eq!(quick::checkin(&text), Some(full), "{text}");
    }
}
