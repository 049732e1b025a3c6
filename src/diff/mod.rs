//! The semantic diff of two agreements: what a reviewer needs to know, item by
//! item, matched by id (rituals, norms, consent) or name (members) — never by
//! position or line.

pub(crate) mod summary;

use serde::Serialize;
use serde_json::Value as Json;

use crate::describe;
use crate::model::{Agreement, Consent, Member, Norm, Presence, Question, Ritual, Weekday};

/// One value that changed: the key as written in the file, the old and new values as JSON
/// (`null` when absent), and human phrases for the text and Markdown renderings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Json,
    pub new: Json,
    #[serde(skip)]
    pub old_text: Option<String>,
    #[serde(skip)]
    pub new_text: Option<String>,
}

impl FieldChange {
    /// Long prose is shown on lines of its own rather than as `old → new`.
    pub fn is_long(&self) -> bool {
        let len = |t: &Option<String>| t.as_deref().map_or(0, |s| s.chars().count());
        len(&self.old_text) > 40 || len(&self.new_text) > 40
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum PresenceChange {
    Added {
        presence: Presence,
    },
    Removed {
        presence: Presence,
    },
    Changed {
        days_added: Vec<Weekday>,
        days_removed: Vec<Weekday>,
        fields: Vec<FieldChange>,
    },
}

/// A ritual or norm added, removed, or changed field by field.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ItemChange<T> {
    Added {
        id: String,
        item: T,
    },
    Removed {
        id: String,
        item: T,
    },
    Changed {
        id: String,
        /// The item's title in the newer revision (a ritual's name, a norm's text).
        title: String,
        fields: Vec<FieldChange>,
    },
}

impl<T> ItemChange<T> {
    pub fn id(&self) -> &str {
        match self {
            ItemChange::Added { id, .. }
            | ItemChange::Removed { id, .. }
            | ItemChange::Changed { id, .. } => id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum MemberChange {
    Joined {
        member: Member,
    },
    Left {
        member: Member,
    },
    Changed {
        name: String,
        fields: Vec<FieldChange>,
    },
}

/// The consent recorded for one item: added, removed or changed counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsentChange {
    pub item: String,
    pub old: Option<Consent>,
    pub new: Option<Consent>,
}

/// Everything that differs between two agreements. `old_version` is `None` when
/// the newer one is new (there was no agreement before), `new_version` when it was removed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementDiff {
    pub old_version: Option<u32>,
    pub new_version: Option<u32>,
    /// Top-level values: team, version, status, adopted, review_by, timezone, purpose.
    pub agreement: Vec<FieldChange>,
    pub presence: Option<PresenceChange>,
    pub rituals: Vec<ItemChange<Ritual>>,
    pub norms: Vec<ItemChange<Norm>>,
    pub members: Vec<MemberChange>,
    pub consent: Vec<ConsentChange>,
    /// The pulse's questions, matched by id (the pulse's groupings are in `agreement`).
    pub questions: Vec<ItemChange<Question>>,
}

/// What changed from `old` to `new`.
pub fn diff_agreements(old: &Agreement, new: &Agreement) -> AgreementDiff {
    diff_options(Some(old), Some(new))
}

impl AgreementDiff {
    /// A new agreement: every value and item is added.
    pub fn created(new: &Agreement) -> AgreementDiff {
        diff_options(None, Some(new))
    }

    /// An agreement that was removed: every value and item is gone.
    pub fn removed(old: &Agreement) -> AgreementDiff {
        diff_options(Some(old), None)
    }

    pub fn is_empty(&self) -> bool {
        self.old_version.is_some() == self.new_version.is_some()
            && self.agreement.is_empty()
            && self.presence.is_none()
            && self.rituals.is_empty()
            && self.norms.is_empty()
            && self.members.is_empty()
            && self.consent.is_empty()
            && self.questions.is_empty()
    }

    /// One line for a history row or a commit subject's companion.
    pub fn summary(&self) -> String {
        summary::line(self)
    }

    /// Plain text, several lines, safe for a terminal.
    pub fn to_text(&self) -> String {
        crate::render::text::render(&crate::doc::diff_doc(self))
    }

    /// Markdown for a pull-request comment: short lists, no headings.
    pub fn to_markdown(&self) -> String {
        crate::render::markdown::render(&crate::doc::diff_doc(self))
    }

    /// The documented JSON shape (the struct as serialised, plus `summary`).
    pub fn to_json(&self) -> Json {
        let mut v = serde_json::to_value(self).expect("diff serialises");
        if let Json::Object(map) = &mut v {
            map.insert("summary".into(), Json::String(self.summary()));
        }
        v
    }
}

fn diff_options(old: Option<&Agreement>, new: Option<&Agreement>) -> AgreementDiff {
    let mut d = AgreementDiff {
        old_version: old.map(|a| a.version),
        new_version: new.map(|a| a.version),
        agreement: Vec::new(),
        presence: None,
        rituals: Vec::new(),
        norms: Vec::new(),
        members: Vec::new(),
        consent: Vec::new(),
        questions: Vec::new(),
    };
    let mut f = Fields::default();
    f.cmp("team", old.map(|a| &a.team), new.map(|a| &a.team), |s| {
        s.to_string()
    });
    f.cmp(
        "version",
        old.map(|a| a.version),
        new.map(|a| a.version),
        |v| format!("v{v}"),
    );
    f.cmp(
        "status",
        old.map(|a| a.status),
        new.map(|a| a.status),
        |s| s.to_string(),
    );
    f.cmp(
        "adopted",
        old.and_then(|a| a.adopted),
        new.and_then(|a| a.adopted),
        |d| d.to_string(),
    );
    f.cmp(
        "review_by",
        old.and_then(|a| a.review_by),
        new.and_then(|a| a.review_by),
        |d| d.to_string(),
    );
    f.cmp(
        "timezone",
        old.and_then(|a| a.timezone.as_ref()),
        new.and_then(|a| a.timezone.as_ref()),
        |t| t.to_string(),
    );
    f.cmp(
        "purpose",
        old.and_then(|a| a.purpose.as_ref()),
        new.and_then(|a| a.purpose.as_ref()),
        |s| s.to_string(),
    );
    let groupings = |a: &Agreement| Some(a.groupings().to_vec()).filter(|g| !g.is_empty());
    f.cmp(
        "groupings",
        old.and_then(groupings),
        new.and_then(groupings),
        |g| {
            let names: Vec<&str> = g.iter().map(|g| g.as_str()).collect();
            names.join(", ")
        },
    );
    d.agreement = f.0;
    d.presence = presence(
        old.and_then(|a| a.presence.as_ref()),
        new.and_then(|a| a.presence.as_ref()),
    );
    let empty: &[_] = &[];
    d.rituals = items(
        old.map_or(empty, |a| &a.rituals),
        new.map_or(&[], |a| &a.rituals),
        |r| r.id.as_str(),
        |r| r.name.clone(),
        ritual_fields,
    );
    d.norms = items(
        old.map_or(&[], |a| &a.norms),
        new.map_or(&[], |a| &a.norms),
        |n| n.id.as_str(),
        |n| n.text.clone(),
        norm_fields,
    );
    d.members = members(
        old.map_or(&[], |a| &a.members),
        new.map_or(&[], |a| &a.members),
    );
    d.consent = consent(
        old.map_or(&[], |a| &a.consent),
        new.map_or(&[], |a| &a.consent),
    );
    d.questions = items(
        old.map_or(&[], |a| &a.questions),
        new.map_or(&[], |a| &a.questions),
        |q| q.id.as_str(),
        |q| q.text.clone(),
        question_fields,
    );
    d
}

/// Collects field changes, keeping the file's key as the name.
#[derive(Default)]
struct Fields(Vec<FieldChange>);

impl Fields {
    fn cmp<T: PartialEq + Serialize>(
        &mut self,
        field: &'static str,
        old: Option<T>,
        new: Option<T>,
        show: impl Fn(&T) -> String,
    ) {
        if old == new {
            return;
        }
        let json = |v: &Option<T>| v.as_ref().map_or(Json::Null, |v| to_json(v));
        self.0.push(FieldChange {
            field,
            old: json(&old),
            new: json(&new),
            old_text: old.as_ref().map(&show),
            new_text: new.as_ref().map(&show),
        });
    }
}

fn to_json<T: Serialize>(v: &T) -> Json {
    serde_json::to_value(v).unwrap_or(Json::Null)
}

fn presence(old: Option<&Presence>, new: Option<&Presence>) -> Option<PresenceChange> {
    match (old, new) {
        (None, None) => None,
        (None, Some(p)) => Some(PresenceChange::Added {
            presence: p.clone(),
        }),
        (Some(p), None) => Some(PresenceChange::Removed {
            presence: p.clone(),
        }),
        (Some(o), Some(n)) => {
            let days_added: Vec<Weekday> = n
                .days
                .iter()
                .copied()
                .filter(|d| !o.days.contains(d))
                .collect();
            let days_removed: Vec<Weekday> = o
                .days
                .iter()
                .copied()
                .filter(|d| !n.days.contains(d))
                .collect();
            let mut f = Fields::default();
            f.cmp("core_hours", o.core_hours, n.core_hours, |h| {
                format!("{}–{}", h.start, h.end)
            });
            f.cmp("min_attendance", o.min_attendance, n.min_attendance, |x| {
                describe::percent(*x)
            });
            f.cmp("space", o.space.as_ref(), n.space.as_ref(), |s| {
                s.to_string()
            });
            f.cmp("note", o.note.as_ref(), n.note.as_ref(), |s| s.to_string());
            if days_added.is_empty() && days_removed.is_empty() && f.0.is_empty() {
                None
            } else {
                Some(PresenceChange::Changed {
                    days_added,
                    days_removed,
                    fields: f.0,
                })
            }
        }
    }
}

fn ritual_fields(o: &Ritual, n: &Ritual) -> Vec<FieldChange> {
    let mut f = Fields::default();
    f.cmp("name", Some(&o.name), Some(&n.name), |s| s.to_string());
    f.cmp("purpose", o.purpose.as_ref(), n.purpose.as_ref(), |s| {
        s.to_string()
    });
    f.cmp("cadence", Some(o.cadence), Some(n.cadence), |c| {
        c.to_string()
    });
    f.cmp("day", o.day, n.day, |d| d.describe());
    f.cmp("time", o.time, n.time, |t| t.to_string());
    f.cmp(
        "duration_minutes",
        o.duration_minutes,
        n.duration_minutes,
        |m| describe::minutes(*m),
    );
    f.cmp("mode", o.mode, n.mode, |m| {
        describe::meeting_mode(*m).into()
    });
    f.cmp("owner", o.owner.as_ref(), n.owner.as_ref(), |s| {
        s.to_string()
    });
    f.0
}

fn norm_fields(o: &Norm, n: &Norm) -> Vec<FieldChange> {
    let mut f = Fields::default();
    f.cmp("area", o.area, n.area, |a| a.to_string());
    f.cmp("text", Some(&o.text), Some(&n.text), |s| s.to_string());
    f.cmp("signal", o.signal.as_ref(), n.signal.as_ref(), |s| {
        s.to_string()
    });
    f.0
}

fn question_fields(o: &Question, n: &Question) -> Vec<FieldChange> {
    let mut f = Fields::default();
    f.cmp("text", Some(&o.text), Some(&n.text), |s| s.to_string());
    f.cmp("low", o.low.as_ref(), n.low.as_ref(), |s| s.to_string());
    f.cmp("high", o.high.as_ref(), n.high.as_ref(), |s| s.to_string());
    f.cmp("about", o.about.as_ref(), n.about.as_ref(), |s| {
        s.to_string()
    });
    f.0
}

/// Matches items by id: removed ones in the old order, then added and changed ones in the new order.
fn items<T: Clone>(
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> &str,
    title: impl Fn(&T) -> String,
    fields: impl Fn(&T, &T) -> Vec<FieldChange>,
) -> Vec<ItemChange<T>> {
    let mut out = Vec::new();
    for o in old {
        if !new.iter().any(|n| id(n) == id(o)) {
            out.push(ItemChange::Removed {
                id: id(o).to_string(),
                item: o.clone(),
            });
        }
    }
    for n in new {
        match old.iter().find(|o| id(o) == id(n)) {
            None => out.push(ItemChange::Added {
                id: id(n).to_string(),
                item: n.clone(),
            }),
            Some(o) => {
                let changed = fields(o, n);
                if !changed.is_empty() {
                    out.push(ItemChange::Changed {
                        id: id(n).to_string(),
                        title: title(n),
                        fields: changed,
                    });
                }
            }
        }
    }
    out
}

fn members(old: &[Member], new: &[Member]) -> Vec<MemberChange> {
    let mut out = Vec::new();
    for o in old {
        if !new.iter().any(|n| n.name == o.name) {
            out.push(MemberChange::Left { member: o.clone() });
        }
    }
    for n in new {
        match old.iter().find(|o| o.name == n.name) {
            None => out.push(MemberChange::Joined { member: n.clone() }),
            Some(o) => {
                let mut f = Fields::default();
                f.cmp("role", o.role.as_ref(), n.role.as_ref(), |s| s.to_string());
                f.cmp("mode", o.mode, n.mode, |m| describe::work_mode(*m).into());
                f.cmp("timezone", o.timezone.as_ref(), n.timezone.as_ref(), |t| {
                    t.to_string()
                });
                if !f.0.is_empty() {
                    out.push(MemberChange::Changed {
                        name: n.name.clone(),
                        fields: f.0,
                    });
                }
            }
        }
    }
    out
}

fn consent(old: &[Consent], new: &[Consent]) -> Vec<ConsentChange> {
    let mut out = Vec::new();
    for o in old {
        if !new.iter().any(|n| n.item == o.item) {
            out.push(ConsentChange {
                item: o.item.clone(),
                old: Some(o.clone()),
                new: None,
            });
        }
    }
    for n in new {
        let o = old.iter().find(|o| o.item == n.item);
        if o != Some(n) {
            out.push(ConsentChange {
                item: n.item.clone(),
                old: o.cloned(),
                new: Some(n.clone()),
            });
        }
    }
    out
}

/// "4 agree, 1 concern, 0 objections" — the wording of commit trailers and summaries.
pub fn consent_counts(c: &Consent) -> String {
    describe::consent(c).replace(" · ", ", ")
}
