//! `accord week TEAM`: this week's presence days and rituals, in the member's own time too.

use accord::diag::Diagnostic;
use accord::model::{Agreement, TimeZone};
use accord::text::sanitize_line as clean;
use accord::{export, week};
use chrono_tz::Tz;

use super::args::WeekArgs;
use super::{Env, Failure, Outcome, exit, print};

pub fn run(env: &Env, args: WeekArgs) -> Outcome {
    let team = env.workspace.team(&args.team)?;
    let a = env.workspace.agreement(&team)?.value;
    let (viewer, from) = viewer_zone(&a, &args, tz_from_env())?;
    let date = args.date.unwrap_or(env.today);
    let w = week::week_of(&a, date, viewer, env.today);
    print(&export::week::week(&a, &w, env.today, from.as_deref()));
    Ok(exit::OK)
}

/// The viewer's zone and where it came from: `--tz`, else `--member`'s zone, else `$TZ`.
fn viewer_zone(
    a: &Agreement,
    args: &WeekArgs,
    env_tz: Option<Tz>,
) -> Result<(Option<Tz>, Option<String>), Failure> {
    // A misspelt member is an error even when --tz wins.
    let member = args.member.as_deref().map(|n| member(a, n)).transpose()?;
    if let Some(tz) = &args.tz {
        return Ok((Some(tz.tz()), Some("--tz".into())));
    }
    if let Some(m) = member
        && let Some(tz) = &m.timezone
    {
        return Ok((Some(tz.tz()), Some(clean(&m.name).into_owned())));
    }
    Ok((env_tz, env_tz.map(|_| "$TZ".into())))
}

fn member<'a>(a: &'a Agreement, name: &str) -> Result<&'a accord::model::Member, Failure> {
    if let Some(m) = a.member(name) {
        return Ok(m);
    }
    // Then ignoring case, then a unique start of a name: `--member piotr`.
    let wanted = name.to_lowercase();
    for matches in [
        |n: &str, w: &str| n == w,
        |n: &str, w: &str| n.starts_with(w),
    ] {
        let found: Vec<_> = a
            .members
            .iter()
            .filter(|m| !wanted.is_empty() && matches(&m.name.to_lowercase(), &wanted))
            .collect();
        if let [m] = found.as_slice() {
            return Ok(m);
        }
    }
    let names: Vec<&str> = a.members.iter().map(|m| m.name.as_str()).collect();
    let hint = match accord::suggest::closest(name, names.iter().copied()) {
        Some(best) => format!("did you mean \"{}\"?", clean(best)),
        None if names.is_empty() => "the agreement lists no members; use --tz ZONE".into(),
        None => format!(
            "members: {}",
            names
                .iter()
                .map(|n| clean(n).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Err(Diagnostic::error(
        "unknown-member",
        format!("no member \"{}\" in {}", clean(name), clean(&a.team)),
    )
    .with_hint(hint)
    .into())
}

/// `$TZ` when it names an IANA zone (`Europe/Brussels`, `:Europe/Brussels`, or a path into
/// a zoneinfo folder). POSIX rule strings such as `CET-1CEST` are not zones to look up: ignored.
pub fn tz_from_env() -> Option<Tz> {
    let raw = std::env::var("TZ").ok()?;
    let name = raw.trim_start_matches(':');
    let name = name
        .rsplit_once("zoneinfo/")
        .map(|(_, n)| n)
        .unwrap_or(name);
    name.parse::<TimeZone>().ok().map(|z| z.tz())
}
