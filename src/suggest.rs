//! "Did you mean …?" for keys, values and names.

/// Past this length an input is no typo of a name: no suggestion is searched for.
pub const MAX_PLAUSIBLE: usize = 64;

/// Whether `found` could be a mistyped name at all: short, and without control characters.
/// A hostile 1 MB time-zone name must not cost an edit distance against every zone.
pub fn plausible(found: &str) -> bool {
    found.len() <= MAX_PLAUSIBLE && !found.chars().any(char::is_control)
}

/// The candidate closest to `found`, when it is close enough to be a likely typo.
pub fn closest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if !plausible(found) {
        return None;
    }
    let found_l = found.to_lowercase();
    let found_len = found.chars().count();
    candidates
        .into_iter()
        // The distance is at least the difference in length: most candidates end here.
        .filter(|c| c.len().abs_diff(found.len()) <= c.len().max(found.len()) / 3 + 4)
        .map(|c| {
            let c_l = c.to_lowercase();
            // "thurs" for "thu", "tue" for "tuesday": a shared stem is as good as an exact match.
            let stem = found_l.len() >= 3
                && c_l.len() >= 3
                && (found_l.starts_with(&c_l) || c_l.starts_with(&found_l));
            (
                c,
                if stem {
                    0
                } else {
                    strsim::damerau_levenshtein(&found_l, &c_l)
                },
            )
        })
        .filter(|&(c, d)| d <= (c.chars().count().max(found_len) / 3).max(1))
        .min_by_key(|&(_, d)| d)
        .map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_typos_but_not_strangers() {
        assert_eq!(
            closest("presense", ["presence", "purpose"]),
            Some("presence")
        );
        assert_eq!(closest("tues", ["mon", "tue", "wed"]), Some("tue"));
        assert_eq!(closest("banana", ["presence", "purpose"]), None);
    }

    #[test]
    fn implausible_inputs_get_no_search() {
        let long = "Europe/Brussels".repeat(10);
        assert_eq!(closest(&long, ["Europe/Brussels"]), None);
        assert_eq!(closest("Europe/Brussel\u{1b}", ["Europe/Brussels"]), None);
        assert_eq!(
            closest("Europe/Brusels", ["Europe/Brussels"]),
            Some("Europe/Brussels")
        );
    }
}
