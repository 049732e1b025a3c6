//! Property tests: any model value written and read back is equal; fmt is idempotent;
//! writing a model over another's file yields exactly the new model.

use accord::model::*;
use accord::parse::parse;
use accord::source::Source;
use accord::store::canonical::{format, render};
use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;
use proptest::sample::select;

fn text() -> impl Strategy<Value = String> {
    // Quotes, backslashes, newlines, '#', non-ASCII: everything quoting has to get right.
    "[a-zA-Z0-9 ,.'\"\\\\#éß✓\n-]{0,40}"
}

fn slug() -> impl Strategy<Value = Slug> {
    "[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}".prop_map(|s| s.parse().unwrap())
}

fn date() -> impl Strategy<Value = Date> {
    (0i64..4000).prop_map(|n| {
        Date(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(n))
    })
}

fn time() -> impl Strategy<Value = Time> {
    (0u32..24, 0u32..60).prop_map(|(h, m)| Time(NaiveTime::from_hms_opt(h, m, 0).unwrap()))
}

fn tz() -> impl Strategy<Value = TimeZone> {
    select(vec![
        "Europe/Brussels",
        "America/New_York",
        "Asia/Tokyo",
        "UTC",
    ])
    .prop_map(|s| s.parse().unwrap())
}

fn member() -> impl Strategy<Value = Member> {
    (
        "[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?",
        proptest::option::of(text()),
        proptest::option::of(select(WorkMode::ALL.to_vec())),
        proptest::option::of(tz()),
        proptest::option::of((time(), time())),
    )
        .prop_map(|(name, role, mode, timezone, hours)| Member {
            name,
            role,
            mode,
            timezone,
            working_hours: hours.map(|(start, end)| WorkingHours { start, end }),
        })
}

fn ritual() -> impl Strategy<Value = Ritual> {
    (
        slug(),
        text(),
        proptest::option::of(text()),
        select(Cadence::ALL.to_vec()),
        select(Weekday::ALL.to_vec()),
        select(Ordinal::ALL.to_vec()),
        proptest::option::of(time()),
        proptest::option::of(1u32..600),
        proptest::option::of(select(MeetingMode::ALL.to_vec())),
        proptest::option::of(text()),
        (
            proptest::option::of(date()),
            proptest::option::of(select(Dimension::ALL.to_vec())),
        ),
    )
        .prop_map(
            |(
                id,
                name,
                purpose,
                cadence,
                wd,
                ord,
                time,
                duration_minutes,
                mode,
                owner,
                (trial_until, dimension),
            )| {
                let day = match cadence {
                    Cadence::Daily => None,
                    Cadence::Weekly | Cadence::Biweekly => Some(RitualDay::Weekday(wd)),
                    _ => Some(RitualDay::Nth(ord, wd)),
                };
                Ritual {
                    id,
                    name,
                    purpose,
                    cadence,
                    day,
                    start: None,
                    time,
                    duration_minutes,
                    mode,
                    owner,
                    trial_until,
                    dimension,
                }
            },
        )
}

fn norm() -> impl Strategy<Value = Norm> {
    (
        slug(),
        proptest::option::of(select(NormArea::ALL.to_vec())),
        text(),
        proptest::option::of(text()),
        proptest::option::of(date()),
        proptest::option::of(select(Dimension::ALL.to_vec())),
    )
        .prop_map(|(id, area, text, signal, trial_until, dimension)| Norm {
            id,
            area,
            text,
            signal,
            trial_until,
            dimension,
        })
}

fn presence() -> impl Strategy<Value = Presence> {
    (
        proptest::collection::vec(select(Weekday::ALL.to_vec()), 0..4),
        proptest::option::of((time(), time())),
        proptest::option::of(1u32..=100),
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(select(Dimension::ALL.to_vec())),
    )
        .prop_map(|(days, hours, pct, space, note, dimension)| Presence {
            days,
            core_hours: hours.map(|(start, end)| CoreHours { start, end }),
            min_attendance: pct.map(|p| f64::from(p) / 100.0),
            space,
            note,
            dimension,
        })
}

prop_compose! {
    fn agreement()(
        team in "[A-Za-z][A-Za-z0-9 ]{0,20}",
        version in 1u32..50,
        status in select(Status::ALL.to_vec()),
        adopted in proptest::option::of(date()),
        review_by in proptest::option::of(date()),
        timezone in proptest::option::of(tz()),
        purpose in proptest::option::of(text()),
        members in proptest::collection::vec(member(), 0..4),
        presence in proptest::option::of(presence()),
        rituals in proptest::collection::vec(ritual(), 0..4),
        norms in proptest::collection::vec(norm(), 0..4),
        consent in proptest::collection::vec(("[a-z-]{1,12}", 0u32..9, 0u32..9, 0u32..9), 0..4),
        questions in proptest::collection::vec(question(), 0..3),
        groupings in proptest::option::of(proptest::sample::subsequence(Grouping::ALL.to_vec(), 0..=2)),
    ) -> Agreement {
        Agreement {
            schema: 1, team, version, status, adopted, review_by, timezone, purpose, members, presence, rituals, norms,
            consent: consent.into_iter().map(|(item, agree, concerns, objections)| Consent { item, agree, concerns, objections }).collect(),
            questions,
            pulse: groupings.map(|groupings| PulseSettings { groupings }),
        }
    }
}

fn question() -> impl Strategy<Value = Question> {
    (
        slug(),
        text(),
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(slug()),
    )
        .prop_map(|(id, text, low, high, about)| Question {
            id,
            text,
            low,
            high,
            about: about.map(|s| s.to_string()),
        })
}

/// A pulse as Accord writes it: pooled answers to two questions, some naming their mode,
/// suppressed under a threshold of 3 to 6.
fn pulse() -> impl Strategy<Value = Option<Pulse>> {
    let answer = (
        1u8..=5,
        1u8..=5,
        text(),
        proptest::option::of(select(vec!["onsite", "hybrid", "remote"])),
    );
    (proptest::collection::vec(answer, 0..14), 3u32..=6).prop_map(|(answers, min)| {
        let qs: Vec<Question> = ["speak-up", "credit"]
            .iter()
            .map(|id| Question {
                id: id.parse().unwrap(),
                text: String::new(),
                low: None,
                high: None,
                about: None,
            })
            .collect();
        let mut pooled = accord::pulse::Answers::new(&qs);
        for (a, b, comment, mode) in answers {
            let groups = mode.map(|m| (Grouping::Mode, m)).into_iter().collect();
            pooled
                .add(&accord::pulse::Answer {
                    scores: vec![a, b],
                    comment,
                    groups,
                })
                .unwrap();
        }
        pooled.written(min)
    })
}

prop_compose! {
    fn checkin()(
        date in date(), from in date(), to in date(), agreement_version in 1u32..20,
        presence in proptest::collection::vec((date(), 0u32..20, 0u32..20), 0..4),
        rituals in proptest::collection::vec((slug(), 0u32..10, proptest::option::of(0u32..10), proptest::option::of(text())), 0..4),
        norms in proptest::collection::vec((slug(), select(Rating::ALL.to_vec()), proptest::option::of(text())), 0..4),
        pulse in pulse(),
        followups in proptest::collection::vec((date(), slug(), any::<bool>(), proptest::option::of(text())), 0..3),
        wins in proptest::collection::vec((text(), proptest::option::of(slug())), 0..3),
        actions in proptest::collection::vec(("[a-z-]{1,12}", select(Decision::ALL.to_vec()), proptest::option::of(text()), proptest::option::of(text()), proptest::option::of(date())), 0..3),
    ) -> CheckIn {
        CheckIn {
            schema: 2, date, from, to, agreement_version,
            presence: presence.into_iter().map(|(date, present, expected)| PresenceDay { date, present, expected }).collect(),
            rituals: rituals.into_iter().map(|(id, held, planned, note)| RitualRecord { id, held, planned, note }).collect(),
            norms: norms.into_iter().map(|(id, rating, note)| NormRecord { id, rating, note }).collect(),
            pulse,
            // done and dropped are exclusive: a follow-up is done, dropped, or neither.
            followups: followups.into_iter().map(|(d, item, done, note)| Followup { action: ActionRef::new(d.0, item.as_str()), done, dropped: !done && note.is_some(), note }).collect(),
            wins: wins.into_iter().map(|(text, item)| Win { text, item: item.map(|s| s.to_string()) }).collect(),
            actions: actions.into_iter().map(|(item, decision, note, owner, due)| ActionRecord { item, decision, note, owner, due }).collect(),
        }
    }
}

fn read<T: serde::de::DeserializeOwned>(text: &str) -> T {
    parse(&Source::new("x.toml", text)).unwrap_or_else(|d| panic!("{}\n{text}", d.render_text()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn agreement_round_trips(a in agreement()) {
        let text = render(&a, FileKind::Agreement, None);
        prop_assert_eq!(read::<Agreement>(&text), a);
        prop_assert_eq!(format(&text, FileKind::Agreement).unwrap(), text);
    }

    #[test]
    fn checkin_round_trips(c in checkin()) {
        let text = render(&c, FileKind::CheckIn, None);
        prop_assert_eq!(read::<CheckIn>(&text), c);
        prop_assert_eq!(format(&text, FileKind::CheckIn).unwrap(), text);
    }

    #[test]
    fn writing_over_another_file_gives_the_new_model(old in agreement(), new in agreement()) {
        let old_text = render(&old, FileKind::Agreement, None);
        let text = render(&new, FileKind::Agreement, Some(&old_text));
        prop_assert_eq!(read::<Agreement>(&text), new);
        let once = format(&text, FileKind::Agreement).unwrap();
        prop_assert_eq!(format(&once, FileKind::Agreement).unwrap(), once);
    }
}
