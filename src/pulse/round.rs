//! The anonymous pulse on a shared screen: the keyboard goes round, each person answers every
//! question on its own hidden screen, may name a subgroup and leave a comment; the room sees
//! only how many answered.
//!
//! Answers go straight into pooled [`Answers`], so not even memory holds who answered what
//! in which order. A round stops at the number of members: nobody can pad it past the
//! threshold.

use super::answers::{Answer, Answers, MAX_COMMENT_CHARS};
use crate::model::{Grouping, Question};

/// An open round.
#[derive(Clone)]
pub struct PulseRound {
    answers: Answers,
    cap: u32,
}

// Never print answers, even in a debug log.
impl std::fmt::Debug for PulseRound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PulseRound {{ answered: {} }}", self.answered())
    }
}

impl PulseRound {
    /// A round that starts from `answers` (those given outside the room, or none) and takes
    /// at most `cap` in all (the members of the agreement version in force).
    pub fn new(answers: Answers, cap: u32) -> Self {
        PulseRound { answers, cap }
    }

    /// Records one answer; refused (with a message for the screen) when the round is full or
    /// the answer incomplete.
    pub fn answer(&mut self, a: &Answer) -> Result<(), String> {
        if self.is_full() {
            return Err(self.full_message());
        }
        self.answers.add(a)
    }

    /// Adds answers given outside the room while the round is open.
    pub fn merge(&mut self, answers: &Answers) -> Result<(), String> {
        if self.answered() + answers.count() > self.cap {
            return Err(format!(
                "{} more would make {} answers, more than the {} members of the team",
                answers.count(),
                self.answered() + answers.count(),
                self.cap
            ));
        }
        self.answers.merge(answers)
    }

    /// How many have answered: the only thing shown while the round is open.
    pub fn answered(&self) -> u32 {
        self.answers.count()
    }

    pub fn is_full(&self) -> bool {
        self.answered() >= self.cap
    }

    pub fn full_message(&self) -> String {
        format!(
            "All {} members have answered: the round takes no more answers",
            self.cap
        )
    }

    /// Closes the round: the pooled answers, for [`Answers::written`].
    pub fn close(self) -> Answers {
        self.answers
    }
}

/// One page of the hidden entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The score of question `i` (0-based).
    Question(usize),
    /// The subgroup of grouping `i` of the agreement's groupings.
    Group(usize),
    Comment,
}

/// The hidden entry one person answers in, page by page. What a page shows does not depend
/// on what was typed: only whether a score has been chosen — never which — and never a
/// subgroup or the comment's length.
#[derive(Clone)]
pub struct HiddenEntry {
    questions: usize,
    groupings: Vec<Grouping>,
    page: Page,
    scores: Vec<Option<u8>>,
    groups: Vec<Option<&'static str>>,
    comment: String,
}

impl std::fmt::Debug for HiddenEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HiddenEntry {{ page: {:?} }}", self.page)
    }
}

/// What a screen may draw for a [`HiddenEntry`]: the same for every answer typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HiddenView {
    pub page: Page,
    /// "Question 2 of 3", "About you", "Comment".
    pub progress: String,
    pub choice_line: &'static str,
    /// Enter goes on (a score has been chosen, or the page needs none).
    pub ready: bool,
    pub last: bool,
}

/// What a key did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryStep {
    /// Stay on the page.
    Stay,
    /// Another page is shown.
    Moved,
    /// The answer is complete: submit it.
    Done,
}

impl HiddenEntry {
    pub fn new(questions: &[Question], groupings: &[Grouping]) -> Self {
        HiddenEntry {
            questions: questions.len(),
            groupings: groupings.to_vec(),
            page: Page::Question(0),
            scores: vec![None; questions.len()],
            groups: vec![None; groupings.len()],
            comment: String::new(),
        }
    }

    pub fn page(&self) -> Page {
        self.page
    }

    fn pages(&self) -> Vec<Page> {
        (0..self.questions)
            .map(Page::Question)
            .chain((0..self.groupings.len()).map(Page::Group))
            .chain([Page::Comment])
            .collect()
    }

    fn index(&self) -> usize {
        self.pages()
            .iter()
            .position(|p| *p == self.page)
            .unwrap_or(0)
    }

    /// A key typed. On a question page a digit 1–5 chooses the score (a later digit replaces
    /// it); on a subgroup page 1, 2, 3 choose a value and 0 says "rather not say"; on the
    /// comment page every printable character is text — so a comment never changes a score.
    pub fn type_char(&mut self, c: char) {
        match self.page {
            Page::Question(i) => {
                if let Some(d) = c.to_digit(10).filter(|d| (1..=5).contains(d)) {
                    self.scores[i] = Some(d as u8);
                }
            }
            Page::Group(i) => {
                let values = self.groupings[i].values();
                match c.to_digit(10) {
                    Some(0) => self.groups[i] = None,
                    Some(d) if (d as usize) <= values.len() => {
                        self.groups[i] = Some(values[d as usize - 1]);
                    }
                    _ => {}
                }
            }
            Page::Comment => {
                if !c.is_control() && self.comment.chars().count() < MAX_COMMENT_CHARS {
                    self.comment.push(c);
                }
            }
        }
    }

    /// Text pasted: only the comment page takes it, as one line.
    pub fn paste(&mut self, text: &str) {
        if self.page == Page::Comment {
            for c in text.chars() {
                self.type_char(if c.is_whitespace() { ' ' } else { c });
            }
        }
    }

    /// Backspace: on the comment page its last character; elsewhere the page's choice.
    pub fn backspace(&mut self) {
        match self.page {
            Page::Question(i) => self.scores[i] = None,
            Page::Group(i) => self.groups[i] = None,
            Page::Comment => {
                self.comment.pop();
            }
        }
    }

    /// Enter: the next page, or [`EntryStep::Done`] on the last. A question page needs its score.
    pub fn forward(&mut self) -> EntryStep {
        if let Page::Question(i) = self.page
            && self.scores[i].is_none()
        {
            return EntryStep::Stay;
        }
        let pages = self.pages();
        match pages.get(self.index() + 1) {
            Some(p) => {
                self.page = *p;
                EntryStep::Moved
            }
            None => EntryStep::Done,
        }
    }

    /// Back one page (keeping what was chosen there); `false` on the first page.
    pub fn back(&mut self) -> bool {
        let i = self.index();
        if i == 0 {
            return false;
        }
        self.page = self.pages()[i - 1];
        true
    }

    pub fn view(&self) -> HiddenView {
        let (progress, choice_line, ready) = match self.page {
            Page::Question(i) => (
                format!("Question {} of {}", i + 1, self.questions),
                if self.scores[i].is_some() {
                    "Score: chosen (hidden)"
                } else {
                    "Score: type 1–5 (hidden)"
                },
                self.scores[i].is_some(),
            ),
            // Nothing here tells whether a value or "rather not say" was chosen.
            Page::Group(_) => (
                "About you (optional)".to_string(),
                "Type a number, or 0 to not say (hidden)",
                true,
            ),
            Page::Comment => (
                "Comment (optional)".to_string(),
                "Comment: optional, hidden as you type",
                true,
            ),
        };
        HiddenView {
            page: self.page,
            progress,
            choice_line,
            ready,
            last: self.page == Page::Comment,
        }
    }

    /// The complete answer, or `None` while a question has no score.
    pub fn answer(&self) -> Option<Answer> {
        let scores = self.scores.iter().copied().collect::<Option<Vec<u8>>>()?;
        Some(Answer {
            scores,
            comment: self.comment.clone(),
            groups: self
                .groupings
                .iter()
                .zip(&self.groups)
                .filter_map(|(g, v)| v.map(|v| (*g, v)))
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Slug;

    fn questions(n: usize) -> Vec<Question> {
        (0..n)
            .map(|i| Question {
                id: Slug::from_text(&format!("q{i}")).unwrap(),
                text: format!("Question {i}?"),
                low: None,
                high: None,
                about: None,
            })
            .collect()
    }

    fn typed(e: &mut HiddenEntry, s: &str) {
        s.chars().for_each(|c| e.type_char(c));
    }

    #[test]
    fn every_page_looks_the_same_whatever_is_typed() {
        let qs = questions(2);
        let views = |score: char, group: char, comment: &str| {
            let mut e = HiddenEntry::new(&qs, &[Grouping::Mode]);
            let mut out = Vec::new();
            for _ in 0..2 {
                e.type_char(score);
                out.push(e.view());
                e.forward();
            }
            e.type_char(group);
            out.push(e.view());
            e.forward();
            typed(&mut e, comment);
            out.push(e.view());
            out
        };
        let a = views('1', '0', "");
        for (s, g, c) in [('5', '3', "I am unhappy"), ('3', '1', "4 says it all")] {
            assert_eq!(views(s, g, c), a);
        }
    }

    #[test]
    fn a_comment_never_changes_a_score() {
        let qs = questions(1);
        let mut e = HiddenEntry::new(&qs, &[]);
        e.type_char('2');
        assert_eq!(e.forward(), EntryStep::Moved);
        typed(&mut e, "5 stars");
        assert_eq!(e.forward(), EntryStep::Done);
        let a = e.answer().unwrap();
        assert_eq!(a.scores, [2]);
        assert_eq!(a.comment, "5 stars");
    }

    #[test]
    fn a_question_needs_its_score_and_back_keeps_it() {
        let qs = questions(2);
        let mut e = HiddenEntry::new(&qs, &[]);
        assert_eq!(e.forward(), EntryStep::Stay);
        e.type_char('4');
        e.forward();
        assert!(e.answer().is_none());
        assert!(e.back());
        assert!(e.view().ready);
        assert!(!e.back());
    }

    #[test]
    fn the_round_stops_at_the_members() {
        let qs = questions(1);
        let mut r = PulseRound::new(Answers::new(&qs), 2);
        let a = Answer {
            scores: vec![3],
            ..Answer::default()
        };
        r.answer(&a).unwrap();
        r.answer(&a).unwrap();
        assert!(r.is_full());
        assert!(r.answer(&a).unwrap_err().contains("All 2 members"));
        assert_eq!(r.answered(), 2);
        assert_eq!(format!("{r:?}"), "PulseRound { answered: 2 }");
    }
}
