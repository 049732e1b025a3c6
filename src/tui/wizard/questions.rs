//! The pulse's questions in the wizard: what it suggests (the preset's questions, then a small
//! library of behaviour questions), their ids, and what changed, for the Review step.

use accord::model::{Agreement, Question, Slug};

/// Behaviour questions anyone can answer from the last two weeks: things people can observe
/// (speaking up, credit, context, being asked, hearing in time), not feelings in general.
const LIBRARY: &[(&str, &str, &str, &str)] = &[
    (
        "voice",
        "When you saw a problem or disagreed in a meeting, did you feel able to say it there and then?",
        "never",
        "every time",
    ),
    (
        "credited",
        "When your work helped the team, was it your name that people connected with it?",
        "never",
        "every time",
    ),
    (
        "in-the-loop",
        "Did you have what you needed to know for your work, without chasing it?",
        "rarely",
        "always",
    ),
    (
        "asked-view",
        "Before a decision that affected your work was made, were you asked for your view?",
        "never",
        "every time",
    ),
    (
        "changes-in-time",
        "Did you hear about changes to plans, priorities or schedules in time to adjust?",
        "rarely",
        "always",
    ),
];

/// The library's questions, as the wizard adds them.
pub fn library() -> Vec<Question> {
    LIBRARY
        .iter()
        .map(|(id, text, low, high)| Question {
            id: id.parse().expect("library ids are slugs"),
            text: (*text).into(),
            low: Some((*low).into()),
            high: Some((*high).into()),
            about: None,
        })
        .collect()
}

/// One question to offer, and where it comes from ("hybrid preset", "behaviour library").
#[derive(Debug, Clone)]
pub struct Suggestion {
    pub from: String,
    pub question: Question,
}

/// The chosen preset's questions first, then the library; none whose text is already asked.
pub fn suggestions(preset: Option<&str>, draft: &Agreement) -> Vec<Suggestion> {
    let from_preset = preset
        .and_then(|n| accord::presets::Preset::find(n).ok())
        .map(|p| (p.name, p.agreement().questions))
        .into_iter()
        .flat_map(|(name, qs)| {
            qs.into_iter().map(move |q| Suggestion {
                from: format!("{name} preset"),
                question: q,
            })
        });
    let from_library = library().into_iter().map(|q| Suggestion {
        from: "behaviour library".into(),
        question: q,
    });
    let mut out: Vec<Suggestion> = Vec::new();
    for s in from_preset.chain(from_library) {
        let taken = draft.questions.iter().any(|q| q.text == s.question.text)
            || out.iter().any(|o| o.question.text == s.question.text);
        if !taken {
            out.push(s);
        }
    }
    out
}

/// A question id not used by another question of `a`: `base`, else `base-2`, `base-3`…
pub fn unique_id(a: &Agreement, base: &str) -> Slug {
    let base = Slug::from_text(base).unwrap_or_else(|| "question".parse().expect("a slug"));
    super::library::free_id(base, |s| a.questions.iter().any(|q| q.id.as_str() == s))
}

/// A question of the team's own, to write.
pub fn own_question(a: &Agreement) -> Question {
    Question {
        id: unique_id(a, "question"),
        text: String::new(),
        low: Some("never".into()),
        high: Some("every time".into()),
        about: None,
    }
}

/// Whether an id was made up by [`own_question`] and may follow the text.
pub fn is_placeholder_id(id: &str) -> bool {
    matches!(id.strip_prefix("question"),
        Some(r) if r.is_empty() || (r.starts_with('-') && r[1..].chars().all(|c| c.is_ascii_digit())))
}

/// An id from the first words of the question, as a norm's comes from its text.
pub fn id_from_text(a: &Agreement, text: &str) -> Slug {
    let words: Vec<&str> = text.split_whitespace().take(4).collect();
    if words.is_empty() {
        unique_id(a, "question")
    } else {
        unique_id(a, &words.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hybrid() -> Agreement {
        accord::presets::Preset::find("hybrid").unwrap().agreement()
    }

    #[test]
    fn suggestions_put_the_preset_first_and_skip_what_is_asked() {
        let empty = Agreement::draft("T");
        let s = suggestions(Some("frontline"), &empty);
        assert_eq!(s[0].question.id.as_str(), "handover");
        assert_eq!(s[0].from, "frontline preset");
        assert!(s.iter().any(|s| s.question.id.as_str() == "asked-view"));
        let taken = suggestions(Some("hybrid"), &hybrid());
        assert!(taken.iter().all(|s| s.from == "behaviour library"));
        assert_eq!(taken.len(), LIBRARY.len());
    }

    #[test]
    fn ids_are_unique_among_questions_and_placeholders_are_known() {
        let a = hybrid();
        assert_eq!(unique_id(&a, "credit").as_str(), "credit-2");
        // A norm's id does not block a question's.
        assert_eq!(unique_id(&a, "first-voice").as_str(), "first-voice");
        assert_eq!(own_question(&a).id.as_str(), "question");
        assert!(is_placeholder_id("question-2"));
        assert!(!is_placeholder_id("questions"));
        assert_eq!(
            id_from_text(&a, "Did you get credit today?").as_str(),
            "did-you-get-credit"
        );
    }
}
