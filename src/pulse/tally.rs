//! A tally: answers given outside the room (paper slips, cards, a show of hands), entered as
//! counts per score per question — `speak-up=0,1,2,2,0 credit=0,0,3,1,1`, the same in
//! `accord checkin --tally` and in the app.

use super::{Answers, Counts};
use crate::model::{Question, Slug};

/// Answers from a tally written as `ID=N1,N2,N3,N4,N5` per question (how many gave 1, 2, 3,
/// 4 and 5), separated by spaces; with one question the `ID=` may be left out. Every
/// question needs its counts, and they add up to the same number of people for each.
pub fn parse_tally<'a>(
    questions: &[Question],
    entries: impl IntoIterator<Item = &'a str>,
) -> Result<Answers, String> {
    let mut counts: Vec<(Slug, Counts)> = Vec::new();
    for entry in entries.into_iter().flat_map(str::split_whitespace) {
        let (id, list) = match entry.split_once('=') {
            Some((id, list)) => (id, list),
            None if questions.len() == 1 => (questions[0].id.as_str(), entry),
            None => {
                return Err(format!(
                    "\"{}\" names no question: write ID=N1,N2,N3,N4,N5 (questions: {})",
                    crate::text::sanitize_line(entry),
                    ids(questions)
                ));
            }
        };
        let Some(q) = questions.iter().find(|q| q.id.as_str() == id) else {
            return Err(format!(
                "\"{}\" is not a question of the agreement (questions: {})",
                crate::text::sanitize_line(id),
                ids(questions)
            ));
        };
        let nums: Vec<&str> = list.split(',').map(str::trim).collect();
        let mut c = [0u32; 5];
        if nums.len() != 5 {
            return Err(format!(
                "\"{id}\" needs five counts, how many gave 1, 2, 3, 4 and 5 (e.g. {id}=0,1,2,2,0)"
            ));
        }
        for (n, s) in c.iter_mut().zip(&nums) {
            *n = s.parse().map_err(|_| {
                format!(
                    "\"{}\" is not a count in \"{id}\": use whole numbers from 0",
                    crate::text::sanitize_line(s)
                )
            })?;
        }
        counts.push((q.id.clone(), c));
    }
    let people = counts.first().map(|(_, c)| c.iter().sum()).ok_or_else(|| {
        format!(
            "the tally is empty: write ID=N1,N2,N3,N4,N5 for {}",
            ids(questions)
        )
    })?;
    if people == 0 {
        return Err("the tally counts nobody".into());
    }
    let mut a = Answers::new(questions);
    a.add_tally(people, &counts)?;
    Ok(a)
}

fn ids(questions: &[Question]) -> String {
    questions
        .iter()
        .map(|q| q.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qs() -> Vec<Question> {
        ["speak-up", "credit"]
            .iter()
            .map(|id| Question {
                id: id.parse().unwrap(),
                text: format!("{id}?"),
                low: None,
                high: None,
                about: None,
            })
            .collect()
    }

    #[test]
    fn a_tally_counts_people_and_is_checked() {
        let a = parse_tally(&qs(), ["speak-up=0,1,1,0,0 credit=0,0,0,2,0"]).unwrap();
        assert_eq!(a.count(), 2);
        let p = a.written(3).unwrap();
        assert!(p.withheld && p.questions.is_empty());
        for (bad, says) in [
            ("speak-up=0,1,1,0,0", "no counts for question \"credit\""),
            (
                "speak-up=0,1,1,0,0 credit=0,0,0,3,0",
                "add up to 3, not to the 2",
            ),
            ("speak-up=0,1,1 credit=0,0,2,0,0", "needs five counts"),
            ("talk=1,0,0,0,0", "not a question"),
            ("1,2,3,4,5", "names no question"),
            (
                "speak-up=a,1,1,0,0 credit=0,0,2,0,0",
                "\"a\" is not a count",
            ),
            ("", "the tally is empty"),
        ] {
            let e = parse_tally(&qs(), [bad]).unwrap_err();
            assert!(e.contains(says), "{bad}: {e}");
        }
        let one = &qs()[..1];
        assert_eq!(parse_tally(one, ["0,0,1,1,1"]).unwrap().count(), 3);
    }
}
