//! What each step does with a command: move, change a number, choose a rating or decision,
//! type a note or a date, run the pulse round.

use accord::checkin::{HiddenEntry, Step};
use accord::model::{Decision, FollowupState, Rating};
use accord::pulse::EntryStep;
use accord::session::Choice;
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use super::update::diagnostic_text;
use super::{CheckinState, Col, Target, Typing};
use crate::tui::action::Cmd;

/// Moves `by` steps (among those that apply). The pulse round must be closed first.
pub fn go(c: &mut CheckinState, by: isize) {
    if c.session.pulse_open() {
        c.message = Some("Close the round (c) or cancel it (x) before leaving the pulse".into());
        return;
    }
    let steps = c.steps();
    let i = c.index() as isize + by;
    if i < 0 || i >= steps.len() as isize {
        return;
    }
    c.step = steps[i as usize];
    c.row = 0;
    c.col = Col::First;
    c.digits = false;
    c.message = None;
    c.scroll = 0;
}

pub fn command(c: &mut CheckinState, cmd: Cmd, now: NaiveDateTime) {
    let rows = c.rows();
    match cmd {
        // The summary scrolls; its wins are chosen with ←→.
        Cmd::Up | Cmd::Down if c.step == Step::Summary => {
            c.scroll = if cmd == Cmd::Up {
                c.scroll.saturating_sub(1)
            } else {
                c.scroll + 1
            };
            return;
        }
        Cmd::Up => {
            if c.step == Step::Summary {
                c.scroll = c.scroll.saturating_sub(1);
            }
            c.row = c.row.saturating_sub(1);
            c.digits = false;
            return;
        }
        Cmd::Down => {
            if c.step == Step::Summary {
                c.scroll += 1;
            }
            c.row = (c.row + 1).min(rows.saturating_sub(1));
            c.digits = false;
            return;
        }
        _ => {}
    }
    c.message = None;
    if cmd == Cmd::Park {
        typing(c, Target::Park, "");
        return;
    }
    if cmd == Cmd::Win {
        let item = win_item(c);
        typing(c, Target::Win(item), "");
        return;
    }
    match c.step {
        Step::Followups => followups(c, cmd, now),
        Step::Period => period(c, cmd, now),
        Step::Presence => presence(c, cmd, now),
        Step::Rituals => rituals(c, cmd, now),
        Step::Norms => norms(c, cmd, now),
        Step::Decisions => decisions(c, cmd, now),
        Step::Pulse => pulse(c, cmd, now),
        Step::Summary => wins(c, cmd, now),
    }
}

/// The item a win is about: the selected row's on a rating step, none elsewhere.
fn win_item(c: &CheckinState) -> Option<String> {
    match c.step {
        Step::Rituals => c
            .session
            .rituals()
            .get(c.row)
            .map(|l| l.ritual.id.to_string()),
        Step::Norms => c.session.norms().get(c.row).map(|(n, _)| n.id.to_string()),
        _ => None,
    }
}

fn typing(c: &mut CheckinState, target: Target, text: &str) {
    let area = crate::tui::widgets::text_field::TextField::new(text);
    c.typing = Some(Typing { target, area });
}

/// Enter (or Tab) in a text field: the value goes into the session, or the step says why not.
pub fn finish_typing(c: &mut CheckinState, now: NaiveDateTime) {
    let Some(t) = c.typing.take() else {
        return;
    };
    let text = t.area.text();
    let p = c.session.period();
    let r = match &t.target {
        Target::From | Target::To => match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
            Ok(d) if t.target == Target::From => set_period(c, d, p.to, now),
            Ok(d) => set_period(c, p.from, d, now),
            Err(_) => Err(format!(
                "\"{}\" is not a date: write it as YYYY-MM-DD",
                accord::text::sanitize_line(text.trim())
            )),
        },
        Target::RitualNote(id) => c
            .session
            .set_ritual_note(id, &text)
            .map_err(|d| diagnostic_text(&d)),
        Target::NormNote(id) => {
            let rating = c.session.checkin().norm(id).map(|n| n.rating);
            match rating {
                Some(r) => c
                    .session
                    .rate(id, r, &text)
                    .map_err(|d| diagnostic_text(&d)),
                None => Err("rate the norm first (←→), then add a note".into()),
            }
        }
        Target::Tally => {
            if text.trim().is_empty() {
                return;
            }
            let qs = c.session.questions().into_owned();
            let r = accord::pulse::parse_tally(&qs, [text.as_str()])
                .and_then(|a| c.session.add_outside(&a).map(|()| a.count()));
            match r {
                Ok(n) => {
                    c.message = Some(format!(
                        "Tallied {n} answers: close the round (c) when everyone has answered"
                    ));
                    c.changed(now);
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
        Target::Park => {
            let topic = text.trim();
            if topic.is_empty() {
                return;
            }
            if c.session.park(topic) {
                let parked = c.session.parked().last().map_or("", String::as_str);
                c.message = Some(format!("Parked: {}", accord::text::sanitize_line(parked)));
                Ok(())
            } else {
                Err("that topic is in the parking lot already".into())
            }
        }
        Target::FollowupNote(i) => {
            let line = c
                .session
                .followups()
                .get(*i)
                .map(|l| (l.action.id.clone(), l.state));
            match line {
                Some((id, Some(state))) => c
                    .session
                    .follow_up(&id, state, &text)
                    .map_err(|d| diagnostic_text(&d)),
                _ => Err("mark it done, not yet or dropped first (←→), then add a note".into()),
            }
        }
        Target::Win(item) => {
            if text.trim().is_empty() {
                return;
            }
            match c.session.add_win(&text, item.as_deref()) {
                Ok(i) => {
                    let win = c.session.wins()[i].text.clone();
                    c.message = Some(format!(
                        "Win recorded: {} (the summary lists it)",
                        accord::text::sanitize_line(&win)
                    ));
                    Ok(())
                }
                Err(d) => Err(diagnostic_text(&d)),
            }
        }
        Target::EditWin(i) => {
            let item = c.session.wins().get(*i).and_then(|w| w.item.clone());
            c.session
                .edit_win(*i, &text, item.as_deref())
                .map_err(|d| diagnostic_text(&d))
        }
        Target::Due(item) => {
            let due = if text.trim().is_empty() {
                Ok(None)
            } else {
                NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| {
                        format!(
                            "\"{}\" is not a date: write the due date as YYYY-MM-DD",
                            accord::text::sanitize_line(text.trim())
                        )
                    })
            };
            due.and_then(|d| {
                c.session
                    .set_due(item, d)
                    .map_err(|e| diagnostic_text(&e.into()))
            })
        }
        Target::DecisionNote(item) => {
            let decision = c.session.decision(item).map(|a| a.decision);
            match decision {
                Some(d) => c
                    .session
                    .decide(item, d, &text)
                    .map_err(|d| diagnostic_text(&d)),
                None => Err("choose keep, adjust or drop first (←→), then add a note".into()),
            }
        }
    };
    match r {
        Ok(()) => c.changed(now),
        Err(e) => c.message = Some(e),
    }
}

/// Tab / Shift-Tab while typing: keep what was typed; between the period's two dates, go on
/// typing in the other one (a note or a topic is the only field of its row: typing ends).
pub fn next_field(c: &mut CheckinState, forward: bool, now: NaiveDateTime) {
    let target = c.typing.as_ref().map(|t| t.target.clone());
    finish_typing(c, now);
    let p = c.session.period();
    match target {
        Some(Target::From) if forward => {
            c.row = 1;
            typing(c, Target::To, &p.to.to_string());
        }
        Some(Target::To) if !forward => {
            c.row = 0;
            typing(c, Target::From, &p.from.to_string());
        }
        _ => {}
    }
}

fn set_period(
    c: &mut CheckinState,
    from: NaiveDate,
    to: NaiveDate,
    now: NaiveDateTime,
) -> Result<(), String> {
    c.session
        .set_period(from, to)
        .map_err(|d| diagnostic_text(&d))?;
    c.changed(now);
    Ok(())
}

fn period(c: &mut CheckinState, cmd: Cmd, now: NaiveDateTime) {
    let p = c.session.period();
    let day = TimeDelta::days(1);
    let r = match (cmd, c.row) {
        (Cmd::Open, 0) => {
            typing(c, Target::From, &p.from.to_string());
            Ok(())
        }
        (Cmd::Open, _) => {
            typing(c, Target::To, &p.to.to_string());
            Ok(())
        }
        (Cmd::Left, 0) => set_period(c, p.from - day, p.to, now),
        (Cmd::Right, 0) => set_period(c, p.from + day, p.to, now),
        (Cmd::Left, _) => set_period(c, p.from, p.to - day, now),
        (Cmd::Right, _) => set_period(c, p.from, p.to + day, now),
        _ => Ok(()),
    };
    if let Err(e) = r {
        c.message = Some(e);
    }
}

/// A number after a digit, + or -, Backspace; `None` when the command is not about numbers.
fn number(c: &mut CheckinState, cmd: Cmd, value: u32) -> Option<u32> {
    let v = match cmd {
        Cmd::Digit(d) if c.digits => value.saturating_mul(10).saturating_add(u32::from(d)),
        Cmd::Digit(d) => u32::from(d),
        Cmd::Increase => value.saturating_add(1),
        Cmd::Decrease => value.saturating_sub(1),
        Cmd::Backspace => value / 10,
        _ => return None,
    };
    c.digits = matches!(cmd, Cmd::Digit(_) | Cmd::Backspace);
    // A team is not thousands of people: the fourth digit starts over.
    Some(if v > 999 { v % 10 } else { v })
}

fn presence(c: &mut CheckinState, cmd: Cmd, now: NaiveDateTime) {
    let rows = c.presence_rows();
    let Some((date, counts)) = rows.get(c.row).copied() else {
        return;
    };
    match (cmd, counts) {
        (Cmd::Left | Cmd::Right, _) => {
            c.col = if cmd == Cmd::Left {
                Col::First
            } else {
                Col::Second
            };
            c.digits = false;
        }
        (Cmd::Delete, Some(_)) => {
            c.session.remove_presence_day(date);
            c.left_out.push(date);
            c.changed(now);
            c.message = Some(format!(
                "{date} left out (a closure or holiday): it does not count; d puts it back"
            ));
        }
        (Cmd::Delete, None) => {
            let expected = accord::checkin::expected_on_presence_day(c.session.agreement());
            c.left_out.retain(|d| *d != date);
            if let Err(e) = c.session.set_presence(date, 0, expected.max(1)) {
                c.message = Some(diagnostic_text(&e));
            }
            c.changed(now);
        }
        (_, Some((present, expected))) => {
            let value = if c.col == Col::First {
                present
            } else {
                expected
            };
            let Some(v) = number(c, cmd, value) else {
                return;
            };
            let (p, e) = if c.col == Col::First {
                (v, expected)
            } else {
                (present, v)
            };
            match c.session.set_presence(date, p, e) {
                Ok(()) => {
                    c.changed(now);
                    if p > e {
                        c.message = Some(format!(
                            "{p} present of {e} expected: more than expected (guests count as present?)"
                        ));
                    }
                }
                Err(d) => {
                    c.message = Some(diagnostic_text(&d));
                    c.digits = false;
                }
            }
        }
        _ => {}
    }
}

fn rituals(c: &mut CheckinState, cmd: Cmd, now: NaiveDateTime) {
    let Some((id, held, planned, note)) = c.session.rituals().get(c.row).map(|l| {
        let note = l.note.unwrap_or("").to_string();
        (l.ritual.id.to_string(), l.held, l.planned, note)
    }) else {
        return;
    };
    let r = match cmd {
        Cmd::Left | Cmd::Right => {
            c.col = if cmd == Cmd::Left {
                Col::First
            } else {
                Col::Second
            };
            c.digits = false;
            return;
        }
        Cmd::Open => {
            typing(c, Target::RitualNote(id), &note);
            return;
        }
        Cmd::Reset => c.session.set_planned(&id, None),
        _ => {
            let value = if c.col == Col::First { held } else { planned };
            let Some(v) = number(c, cmd, value) else {
                return;
            };
            if c.col == Col::First {
                c.session.set_held(&id, v)
            } else {
                c.session.set_planned(&id, Some(v))
            }
        }
    };
    match r {
        Ok(()) => c.changed(now),
        Err(d) => c.message = Some(diagnostic_text(&d)),
    }
}

/// The next choice in `all` after `current` (none → the first; the last → none), or before it.
fn cycle<T: Copy + PartialEq>(all: &[T], current: Option<T>, forward: bool) -> Option<T> {
    let n = all.len() as isize;
    let i = current
        .and_then(|c| all.iter().position(|x| *x == c))
        .map_or(-1, |i| i as isize);
    let next = if forward {
        i + 1
    } else if i < 0 {
        n - 1
    } else {
        i - 1
    };
    (0..n).contains(&next).then(|| all[next as usize])
}

fn norms(c: &mut CheckinState, cmd: Cmd, now: NaiveDateTime) {
    let Some((id, current, note)) = c.session.norms().get(c.row).map(|(n, r)| {
        (
            n.id.to_string(),
            r.map(|x| x.rating),
            r.and_then(|x| x.note.clone()),
        )
    }) else {
        return;
    };
    let all = [Rating::Kept, Rating::Partly, Rating::Broken];
    let choice = match cmd {
        Cmd::Left | Cmd::Right => cycle(&all, current, cmd == Cmd::Right),
        Cmd::Delete => None,
        Cmd::Open => {
            typing(c, Target::NormNote(id), note.as_deref().unwrap_or(""));
            return;
        }
        _ => return,
    };
    match choice {
        Some(r) => {
            if let Err(e) = c.session.rate(&id, r, note.as_deref().unwrap_or("")) {
                c.message = Some(diagnostic_text(&e));
            }
        }
        None => c.session.unrate(&id),
    }
    c.changed(now);
}

fn decisions(c: &mut CheckinState, cmd: Cmd, now: NaiveDateTime) {
    let Some(item) = c.session.items().get(c.row).map(|i| i.id().to_string()) else {
        return;
    };
    let (current, note) = c
        .session
        .decision(&item)
        .map_or((None, None), |a| (Some(a.decision), a.note.clone()));
    let all = [Decision::Keep, Decision::Adjust, Decision::Drop];
    let choice = match cmd {
        Cmd::Left | Cmd::Right => cycle(&all, current, cmd == Cmd::Right),
        Cmd::Delete => None,
        Cmd::Open => {
            typing(c, Target::DecisionNote(item), note.as_deref().unwrap_or(""));
            return;
        }
        Cmd::Owner => return next_owner(c, &item, now),
        Cmd::Due => {
            let due = c.session.decision(&item).and_then(|a| a.due);
            let text = due.map(|d| d.0.to_string()).unwrap_or_default();
            typing(c, Target::Due(item), &text);
            return;
        }
        Cmd::Accept => {
            match c
                .session
                .accept_proposal(&item, note.as_deref().unwrap_or(""))
            {
                Ok(d) => {
                    c.message = Some(format!("Trial decided: {d}, as proposed"));
                    c.changed(now);
                }
                Err(e) => c.message = Some(diagnostic_text(&e)),
            }
            return;
        }
        _ => return,
    };
    match choice {
        Some(d) => {
            if let Err(e) = c.session.decide(&item, d, note.as_deref().unwrap_or("")) {
                c.message = Some(diagnostic_text(&e));
            }
        }
        None => c.session.undecide(&item),
    }
    c.changed(now);
}

/// `o`: the owner becomes the next member (after the last, nobody), so it is always a member.
fn next_owner(c: &mut CheckinState, item: &str, now: NaiveDateTime) {
    let members: Vec<String> = c
        .session
        .agreement()
        .members
        .iter()
        .map(|m| m.name.clone())
        .collect();
    let current = c.session.decision(item).and_then(|a| a.owner.clone());
    let i = current
        .and_then(|o| members.iter().position(|m| *m == o))
        .map_or(0, |i| i + 1);
    match c
        .session
        .set_owner(item, members.get(i).map(String::as_str))
    {
        Ok(()) => c.changed(now),
        Err(e) => c.message = Some(diagnostic_text(&e.into())),
    }
}

/// The follow-up step: ←→ done / not yet / dropped, x takes the answer back, Enter a note.
/// Below the actions, the topics parked last time.
fn followups(c: &mut CheckinState, cmd: Cmd, now: NaiveDateTime) {
    let actions = c.session.followups().len();
    if c.row >= actions {
        return carried(c, c.row - actions, cmd, now);
    }
    let Some((id, state, note)) = c.session.followups().get(c.row).map(|l| {
        (
            l.action.id.clone(),
            l.state,
            l.note.unwrap_or("").to_string(),
        )
    }) else {
        return;
    };
    let all = [
        FollowupState::Done,
        FollowupState::NotYet,
        FollowupState::Dropped,
    ];
    let choice = match cmd {
        Cmd::Left | Cmd::Right => cycle(&all, state, cmd == Cmd::Right),
        Cmd::Delete => None,
        Cmd::Open => {
            typing(c, Target::FollowupNote(c.row), &note);
            return;
        }
        _ => return,
    };
    match choice {
        Some(s) => {
            if let Err(e) = c.session.follow_up(&id, s, &note) {
                c.message = Some(diagnostic_text(&e));
            }
        }
        None => c.session.unfollow(&id),
    }
    c.changed(now);
}

/// A topic parked last time: ←→ keep parked / take up / drop (round and round), x keeps it.
fn carried(c: &mut CheckinState, i: usize, cmd: Cmd, now: NaiveDateTime) {
    let Some((topic, current)) = c
        .session
        .carried()
        .topics()
        .get(i)
        .map(|t| (t.topic.clone(), t.choice))
    else {
        return;
    };
    let all = [Choice::KeepParked, Choice::TakeUp, Choice::Drop];
    let choice = match cmd {
        Cmd::Left | Cmd::Right => cycle(&all, Some(current), cmd == Cmd::Right)
            .unwrap_or(if cmd == Cmd::Right { all[0] } else { all[2] }),
        Cmd::Delete => Choice::KeepParked,
        Cmd::Open => {
            c.message =
                Some("A parked topic has no note: ←→ take it up, keep it parked or drop it".into());
            return;
        }
        _ => return,
    };
    match c.session.choose_carried(&topic, choice) {
        Ok(()) => c.changed(now),
        Err(e) => c.message = Some(diagnostic_text(&e)),
    }
}

/// The summary's wins: ←→ choose one, e edits it, x removes it.
fn wins(c: &mut CheckinState, cmd: Cmd, now: NaiveDateTime) {
    let n = c.session.wins().len();
    match cmd {
        Cmd::Left => c.row = c.row.saturating_sub(1),
        Cmd::Right => c.row = (c.row + 1).min(n.saturating_sub(1)),
        Cmd::Edit => {
            if let Some(w) = c.session.wins().get(c.row) {
                let text = w.text.clone();
                typing(c, Target::EditWin(c.row), &text);
            }
        }
        Cmd::Delete => match c.session.remove_win(c.row) {
            Ok(w) => {
                c.message = Some(format!(
                    "Win removed: {}",
                    accord::text::sanitize_line(&w.text)
                ));
                c.row = c.row.min(n.saturating_sub(2));
                c.changed(now);
            }
            Err(e) => c.message = Some(diagnostic_text(&e)),
        },
        _ => {}
    }
}

/// The facilitator's keys on the pulse step (nobody is typing an answer).
fn pulse(c: &mut CheckinState, cmd: Cmd, now: NaiveDateTime) {
    match cmd {
        Cmd::Open => match c.session.open_pulse() {
            Ok(round) if round.is_full() => c.message = Some(round.full_message()),
            Ok(_) => {
                let qs = c.session.questions().into_owned();
                let groupings = c.session.agreement().groupings().to_vec();
                c.entry = Some(HiddenEntry::new(&qs, &groupings));
                c.message = None;
            }
            Err(e) => c.message = Some(e),
        },
        // A tally of answers given outside the room, typed as counts per question.
        Cmd::Add => typing(c, Target::Tally, ""),
        Cmd::CloseRound if c.session.pulse_open() => {
            let answered = c.session.pulse_answered().unwrap_or(0);
            // The step draws the recorded result (withheld below the threshold).
            c.session.close_pulse();
            if answered == 0 {
                c.message = Some("Nobody answered: the pulse is as it was".into());
            } else {
                c.changed(now);
            }
        }
        Cmd::Delete if c.session.pulse_open() => {
            c.session.cancel_pulse();
            c.message = Some("Round cancelled: the answers given in the room are forgotten".into());
        }
        _ => {}
    }
}

/// A command while someone answers: Enter goes to the next page and records on the last,
/// Shift-Tab goes back a page, Esc hands the keyboard back (forgetting the half-given answer).
pub fn pulse_entry(c: &mut CheckinState, cmd: Cmd) {
    let Some(entry) = &mut c.entry else {
        return;
    };
    match cmd {
        Cmd::Record => match entry.forward() {
            EntryStep::Stay => c.message = Some("Type a score from 1 to 5 first".into()),
            EntryStep::Moved => c.message = None,
            EntryStep::Done => {
                let answer = entry.answer();
                // A blank entry for the next person: nothing of this answer stays on screen.
                let qs = c.session.questions().into_owned();
                let groupings = c.session.agreement().groupings().to_vec();
                *entry = HiddenEntry::new(&qs, &groupings);
                let Some(round) = c.session.pulse_round() else {
                    return;
                };
                let recorded = answer.map(|a| round.answer(&a));
                let full = round.is_full();
                c.message = Some(match recorded {
                    Some(Ok(())) if full => format!(
                        "Recorded. {} — close the round (c) to see the results",
                        round.full_message()
                    ),
                    Some(Ok(())) => "Recorded. Pass the keyboard on".into(),
                    Some(Err(e)) => e,
                    None => "A question has no score: nothing was recorded".into(),
                });
                if full {
                    c.entry = None;
                }
            }
        },
        Cmd::PrevItem => {
            entry.back();
        }
        Cmd::Backspace => entry.backspace(),
        // Esc, or Ctrl-C: nothing half-typed stays behind for the next person to see.
        _ => {
            c.entry = None;
            c.message = None;
        }
    }
}
