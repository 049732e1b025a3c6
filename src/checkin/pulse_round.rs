//! The anonymous pulse on a shared screen: the keyboard goes round, each person types a score
//! (1–5) and maybe a comment into a hidden entry; the screen shows only how many answered.
//!
//! Answers are kept as counts per score and a sorted list of comments from the moment they are
//! given, so not even memory holds who answered what in which order. Results exist only after
//! the round closes, and then only through [`PulseResult`], which withholds them below the
//! threshold.

use crate::adherence::{MinResponses, PulseResult};
use crate::model::Pulse;

/// Longest comment kept, in characters: a sentence or two, not an essay that identifies its author.
pub const MAX_COMMENT_CHARS: usize = 280;

/// An open round.
#[derive(Clone, Default)]
pub struct PulseRound {
    counts: [u32; 5],
    comments: Vec<String>,
}

// Never print answers, even in a debug log.
impl std::fmt::Debug for PulseRound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PulseRound {{ answered: {} }}", self.answered())
    }
}

impl PulseRound {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one answer. Refused (with a message for the screen) when the score is not 1–5.
    pub fn answer(&mut self, score: u8, comment: &str) -> Result<(), String> {
        if !(1..=5).contains(&score) {
            return Err(format!("a score runs from 1 to 5, not {score}"));
        }
        self.counts[usize::from(score - 1)] += 1;
        let comment = clean_comment(comment);
        if !comment.is_empty() {
            let at = self.comments.partition_point(|c| *c <= comment);
            self.comments.insert(at, comment);
        }
        Ok(())
    }

    /// How many have answered: the only thing shown while the round is open.
    pub fn answered(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// Closes the round: the pulse as stored (sorted, no names, no times), or `None` when nobody answered.
    pub fn close(self) -> Option<Pulse> {
        if self.answered() == 0 {
            return None;
        }
        let scores = self
            .counts
            .iter()
            .zip(1u8..)
            .flat_map(|(n, s)| std::iter::repeat_n(s, *n as usize))
            .collect();
        Some(Pulse {
            scores,
            comments: self.comments,
        })
    }

    /// What the round would show if it closed now (for the summary after closing).
    pub fn result(pulse: Option<&Pulse>, min: MinResponses) -> PulseResult {
        PulseResult::of(pulse, min)
    }
}

/// One line, trimmed, without control characters, at most [`MAX_COMMENT_CHARS`].
fn clean_comment(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !crate::text::is_unsafe(*c))
        .collect();
    let words: Vec<&str> = one_line.split(' ').filter(|w| !w.is_empty()).collect();
    words.join(" ").chars().take(MAX_COMMENT_CHARS).collect()
}

/// The hidden entry one person types into. What it shows does not depend on what was typed:
/// only whether a score has been chosen — never which — and never the comment's length.
#[derive(Clone, Default)]
pub struct HiddenEntry {
    score: Option<u8>,
    comment: String,
}

impl std::fmt::Debug for HiddenEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HiddenEntry { .. }")
    }
}

/// What a screen may draw for a [`HiddenEntry`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HiddenView {
    pub score_line: &'static str,
    pub comment_line: &'static str,
    /// Whether Enter would submit (a score has been chosen).
    pub ready: bool,
}

impl HiddenEntry {
    pub fn new() -> Self {
        Self::default()
    }

    /// A key typed: a digit 1–5 chooses the score (a later digit replaces it); anything else
    /// printable goes to the comment.
    pub fn type_char(&mut self, c: char) {
        match c {
            '1'..='5' if self.comment.is_empty() => self.score = Some(c as u8 - b'0'),
            c if !c.is_control() && self.comment.chars().count() < MAX_COMMENT_CHARS => {
                self.comment.push(c);
            }
            _ => {}
        }
    }

    /// Backspace: the comment's last character, then the score.
    pub fn backspace(&mut self) {
        if self.comment.pop().is_none() {
            self.score = None;
        }
    }

    /// Clears everything (Esc), so the next person starts blank.
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    pub fn view(&self) -> HiddenView {
        HiddenView {
            score_line: if self.score.is_some() {
                "Score: chosen (hidden)"
            } else {
                "Score: type 1–5 (hidden)"
            },
            comment_line: "Comment: optional, hidden as you type",
            ready: self.score.is_some(),
        }
    }

    /// Submits into the round and clears the entry; `false` (nothing recorded) without a score.
    pub fn submit(&mut self, round: &mut PulseRound) -> bool {
        let Some(score) = self.score else {
            return false;
        };
        let ok = round.answer(score, &self.comment).is_ok();
        self.clear();
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_keeps_no_order_and_closes_sorted() {
        let mut r = PulseRound::new();
        r.answer(5, "  zebra\ncrossing ").unwrap();
        r.answer(2, "").unwrap();
        r.answer(4, "apple").unwrap();
        assert!(r.answer(6, "").is_err());
        assert_eq!(r.answered(), 3);
        assert_eq!(format!("{r:?}"), "PulseRound { answered: 3 }");
        let p = r.close().unwrap();
        assert_eq!(p.scores, vec![2, 4, 5]);
        assert_eq!(p.comments, vec!["apple", "zebra crossing"]);
        assert!(PulseRound::new().close().is_none());
    }

    #[test]
    fn hidden_entry_looks_the_same_for_every_score() {
        let views: Vec<HiddenView> = (1..=5)
            .map(|s| {
                let mut e = HiddenEntry::new();
                e.type_char(char::from(b'0' + s));
                for c in "a comment of some length".chars() {
                    e.type_char(c);
                }
                e.view()
            })
            .collect();
        assert!(views.windows(2).all(|w| w[0] == w[1]));
        let v = views[0];
        let shown = format!("{}\n{}", v.score_line, v.comment_line);
        assert!(!shown.chars().any(|c| ('1'..='5').contains(&c)));
        insta::assert_snapshot!(shown, @r"
        Score: chosen (hidden)
        Comment: optional, hidden as you type
        ");
    }

    #[test]
    fn entry_submits_once_and_clears() {
        let mut round = PulseRound::new();
        let mut e = HiddenEntry::new();
        assert!(!e.submit(&mut round));
        e.type_char('3');
        e.type_char('4');
        e.backspace();
        assert!(!e.view().ready);
        e.type_char('4');
        assert!(e.submit(&mut round));
        assert!(!e.view().ready);
        assert_eq!(round.close().unwrap().scores, vec![4]);
    }
}
