use super::{Findings, check_schema};
use crate::diag::Diagnostic;
use crate::locate::Seg::Key as K;
use crate::model::Settings;
use crate::source::Source;

pub fn settings_rules(src: &Source, s: &Settings) -> Vec<Diagnostic> {
    let mut f = Findings::new(src);
    check_schema(&mut f, s.schema, 1);
    if let Some(n) = s.privacy.as_ref().and_then(|p| p.min_responses)
        && n < Settings::FLOOR_MIN_RESPONSES
    {
        f.error(
            "min-responses",
            format!(
                "min_responses = {n} is below 3, which would let people tell who answered what"
            ),
            &[K("privacy"), K("min_responses")],
            "use 3 or more (the default is 5)",
        );
    }
    f.control_characters();
    f.finish()
}
