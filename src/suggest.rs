//! "Did you mean …?" for keys, values and names.

/// The candidate closest to `found`, when it is close enough to be a likely typo.
pub fn closest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let found_l = found.to_lowercase();
    candidates
        .into_iter()
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
        .filter(|&(c, d)| d <= (c.chars().count().max(found.chars().count()) / 3).max(1))
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
}
