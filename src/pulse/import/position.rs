//! Where a record and a field are in the file, for line:column in messages.

/// `,` unless the header row has none and has `;` or a tab (a spreadsheet's regional CSV).
pub(super) fn detect_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    if first.contains(',') {
        b','
    } else if first.contains(';') {
        b';'
    } else if first.contains('\t') {
        b'\t'
    } else {
        b','
    }
}

/// The byte where field `field` of the record starting at `start` begins: the delimiters
/// outside quotes counted from the record's start (one pass over the record only).
pub(super) fn field_start(text: &str, start: usize, field: usize, delimiter: u8) -> usize {
    let bytes = text.as_bytes();
    let mut quoted = false;
    let mut seen = 0;
    let mut i = start;
    while i < bytes.len() && seen < field {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => return start,
            b if b == delimiter && !quoted => seen += 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// Line starts of the file, to turn byte offsets into line:column (the csv crate's own line
/// count drifts with CRLF).
pub(super) struct LineIndex(Vec<usize>);

impl LineIndex {
    pub(super) fn new(bytes: &[u8]) -> Self {
        let starts = std::iter::once(0)
            .chain(
                bytes
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| **b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        LineIndex(starts)
    }

    /// 1-based line and character column of byte `at`.
    pub(super) fn line_col(&self, text: &str, at: usize) -> (usize, usize) {
        let at = at.min(text.len());
        let line = self.0.partition_point(|&s| s <= at);
        let start = self.0[line - 1];
        let column = text.get(start..at).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// Line and column of a byte in bytes that are not (all) UTF-8.
pub(super) fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

/// The csv crate's error without the position it repeats (the diagnostic has it).
pub(super) fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "it is not UTF-8 text".into(),
        csv::ErrorKind::Io(e) => e.to_string(),
        _ => "a field or quote is malformed".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_start_skips_quoted_delimiters_and_newlines() {
        let text = "a,b,c\n1,\"x, \"\"y\"\"\nz\",3\n";
        let start = 6;
        assert_eq!(field_start(text, start, 0, b','), 6);
        assert_eq!(field_start(text, start, 1, b','), 8);
        assert_eq!(&text[field_start(text, start, 2, b',')..][..1], "3");
        let lines = LineIndex::new(text.as_bytes());
        assert_eq!(
            lines.line_col(text, field_start(text, start, 2, b',')),
            (3, 4)
        );
    }
}
