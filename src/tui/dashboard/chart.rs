//! One trend: the category's name, a bar per check-in (ratatui's `BarChart`), and beside it the
//! last value, the change and the range in words, so the chart still reads without colour or
//! when the bars are one cell wide.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Paragraph, Widget};

use super::doc::{Scale, Trend};
use crate::tui::theme::Theme;

/// How many of `n` bars fit in `width` cells, how wide each is and the gap between them. The
/// latest check-ins are the ones kept when not all fit.
pub fn geometry(n: usize, width: u16) -> (usize, u16, u16) {
    let w = width as usize;
    if n == 0 || w == 0 {
        return (0, 1, 0);
    }
    if n * 2 <= w + 1 {
        let bar = ((w + 1) / n - 1).clamp(1, 6);
        (n, bar as u16, 1)
    } else {
        (n.min(w), 1, 0)
    }
}

/// "83%" or "4.2".
pub fn value_text(scale: Scale, v: f64) -> String {
    match scale {
        Scale::Percent => format!("{}%", (v * 100.0).round() as i64),
        Scale::Pulse => format!("{v:.1}"),
    }
}

/// "+25 points", "−0.4".
fn change_text(scale: Scale, delta: f64) -> String {
    match scale {
        Scale::Percent => accord::report::text::points(delta),
        Scale::Pulse if delta.abs() < 0.05 => "no change".into(),
        Scale::Pulse if delta > 0.0 => format!("+{delta:.1}"),
        Scale::Pulse => format!("−{:.1}", -delta),
    }
}

/// Bar height out of 100.
fn bar_value(scale: Scale, v: f64) -> u64 {
    let x = match scale {
        Scale::Percent => v,
        Scale::Pulse => v / 5.0,
    };
    (x.clamp(0.0, 1.0) * 100.0).round() as u64
}

/// Width of the words beside the chart.
fn summary_width(width: u16) -> u16 {
    if width >= 100 { 36 } else { 28 }
}

const LABEL_W: u16 = 11;

pub fn draw(t: &Trend, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let sum_w = summary_width(area.width).min(area.width.saturating_sub(LABEL_W + 4));
    let chart_w = area.width.saturating_sub(LABEL_W + sum_w + 2);
    let label = Rect {
        width: LABEL_W.min(area.width),
        ..area
    };
    let chart = Rect {
        x: area.x + LABEL_W,
        width: chart_w,
        ..area
    };
    Paragraph::new(Line::from(Span::styled(
        format!("  {}", t.label),
        theme.label(),
    )))
    .render(label, buf);

    let (shown, bar_w, gap) = geometry(t.points.len(), chart_w);
    let points = &t.points[t.points.len() - shown..];
    // The words follow the bars, wherever the bars end.
    let used = (shown as u16 * bar_w + (shown as u16).saturating_sub(1) * gap).min(chart_w);
    let summary_x = (chart.x + used + 3).min(area.x + area.width.saturating_sub(sum_w));
    let summary = Rect {
        x: summary_x,
        width: (area.x + area.width).saturating_sub(summary_x),
        ..area
    };
    // Each bar's date under it ("11-17") where the bars are wide and the chart tall enough.
    let dated = bar_w >= 5 && area.height >= 5;
    let bars: Vec<Bar> = points
        .iter()
        .map(|(d, v)| {
            let bar = bar_for(t.scale, *v, bar_w);
            if dated {
                bar.label(Line::from(d.format("%m-%d").to_string()))
            } else {
                bar
            }
        })
        .collect();
    BarChart::vertical(bars)
        .max(100)
        .bar_width(bar_w)
        .bar_gap(gap)
        .bar_style(theme.gauge())
        .value_style(theme.gauge().add_modifier(Modifier::REVERSED))
        .label_style(theme.muted())
        .render(chart, buf);
    let baseline = chart.height.saturating_sub(u16::from(dated));
    mark_empty(points, chart, baseline, (bar_w, gap), t.scale, buf, theme);
    summary_lines(t, shown, area.height, summary, buf, theme);
}

/// A bar for one check-in, with its value written in it when the bar is wide enough.
fn bar_for(scale: Scale, v: Option<f64>, bar_w: u16) -> Bar<'static> {
    match v {
        Some(v) => {
            let text = value_text(scale, v);
            let text = if text.chars().count() <= bar_w as usize {
                text
            } else {
                text.trim_end_matches('%').to_string()
            };
            let text = if text.chars().count() <= bar_w as usize {
                text
            } else {
                String::new()
            };
            Bar::new(bar_value(scale, v)).text_value(text)
        }
        None => Bar::new(0).text_value(""),
    }
}

/// A check-in without a value for this category gets a dot on the baseline, and a measured 0
/// a floor with its value: neither is an empty gap that could be read as the other.
fn mark_empty(
    points: &[(NaiveDate, Option<f64>)],
    chart: Rect,
    baseline: u16,
    (bar_w, gap): (u16, u16),
    scale: Scale,
    buf: &mut Buffer,
    theme: &Theme,
) {
    if baseline > 0 {
        let bottom = chart.y + baseline - 1;
        for (i, (_, v)) in points.iter().enumerate() {
            let x = chart.x + i as u16 * (bar_w + gap);
            if x >= chart.x + chart.width {
                break;
            }
            match v {
                None => buf.set_string(x, bottom, "·", theme.muted()),
                Some(v) if bar_value(scale, *v) == 0 => {
                    let text = value_text(scale, *v);
                    let floor = if text.chars().count() <= bar_w as usize {
                        format!("{text:▁^w$}", w = bar_w as usize)
                    } else {
                        "▁".repeat(bar_w as usize)
                    };
                    buf.set_string(x, bottom, floor, theme.gauge());
                }
                Some(_) => {}
            }
        }
    }
}

/// The words beside the chart: last value, change, then what explains the bars.
fn summary_lines(
    t: &Trend,
    shown: usize,
    height: u16,
    summary: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let mut lines = Vec::new();
    let values: Vec<(chrono::NaiveDate, f64)> = t
        .points
        .iter()
        .filter_map(|(d, v)| v.map(|v| (*d, v)))
        .collect();
    match values.last() {
        Some((d, v)) => lines.push(Line::from(vec![
            Span::raw("last "),
            Span::styled(value_text(t.scale, *v), theme.label()),
            Span::styled(format!(" on {d}"), theme.muted()),
        ])),
        None => lines.push(Line::from(Span::styled("no value yet", theme.muted()))),
    }
    if values.len() >= 2 {
        let (before, prev) = values[values.len() - 2];
        let delta = values[values.len() - 1].1 - prev;
        lines.push(Line::from(format!(
            "{} since {before}",
            change_text(t.scale, delta)
        )));
    }
    let mut extra = Vec::new();
    if let Some(n) = &t.note {
        // The note explains gaps in the bars: it comes first.
        extra.push(n.clone());
    }
    if shown < t.points.len() {
        extra.push(format!("bars: the last {shown} of {}", t.points.len()));
    }
    if values.len() >= 2 {
        let lo = values.iter().map(|x| x.1).fold(f64::INFINITY, f64::min);
        let hi = values.iter().map(|x| x.1).fold(f64::NEG_INFINITY, f64::max);
        extra.push(format!(
            "low {} · high {}",
            value_text(t.scale, lo),
            value_text(t.scale, hi)
        ));
    }
    if let Some(((first, _), (last, _))) = t.points.first().zip(t.points.last())
        && first != last
    {
        extra.push(format!("{first} → {last}"));
    }
    for e in extra {
        lines.push(Line::from(Span::styled(e, theme.muted())));
    }
    lines.truncate(height as usize);
    Paragraph::new(lines).render(summary, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_widen_with_room_and_keep_the_latest_when_short_of_it() {
        assert_eq!(geometry(4, 40), (4, 6, 1));
        assert_eq!(geometry(4, 15), (4, 3, 1));
        assert_eq!(geometry(4, 7), (4, 1, 1));
        assert_eq!(geometry(10, 12), (10, 1, 0));
        assert_eq!(geometry(30, 12), (12, 1, 0));
        assert_eq!(geometry(0, 12), (0, 1, 0));
        for n in 1..60 {
            for w in 1..80u16 {
                let (shown, bar, gap) = geometry(n, w);
                let used = shown as u16 * bar + (shown as u16).saturating_sub(1) * gap;
                assert!(used <= w, "{n} bars in {w}: {used}");
                assert!(shown == n || shown == w as usize);
            }
        }
    }

    #[test]
    fn values_read_as_the_report_writes_them() {
        assert_eq!(value_text(Scale::Percent, 0.8333), "83%");
        assert_eq!(value_text(Scale::Pulse, 4.1666), "4.2");
        assert_eq!(bar_value(Scale::Pulse, 5.0), 100);
        assert_eq!(change_text(Scale::Pulse, -0.42), "−0.4");
        assert_eq!(change_text(Scale::Percent, 0.25), "+25 points");
    }
}
