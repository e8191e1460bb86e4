//! The chapter's bar charts, drawn with plotters' SVG backend from the results file: one
//! chart per table, one panel per scenario (its own scale), one bar per implementation,
//! anext's bars in blue and the peers' in grey, each bar labelled with its figure. The unit
//! is in the chart's title.

use crate::markdown::figure;
use crate::spec::{Layout, Table};
use crate::value;
use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde_json::{Map, Value};
use std::path::Path;

const WIDTH: u32 = 900;
const TITLE_HEIGHT: u32 = 36;
const BAR_HEIGHT: u32 = 22;
/// A panel's caption and x axis.
const PANEL_EXTRA: u32 = 50;
const LABEL_WIDTH: u32 = 230;
const ANEXT: RGBColor = RGBColor(31, 119, 180);
const PEER: RGBColor = RGBColor(160, 160, 160);

struct Bar {
    label: String,
    value: f64,
    ours: bool,
}

/// The panels of `table`: a scenario name and its bars (missing measurements left out).
fn panels(table: &Table, results: &Map<String, Value>) -> Vec<(String, Vec<Bar>)> {
    match &table.layout {
        Layout::Matrix { columns, rows } => columns
            .iter()
            .map(|(column, part)| {
                let bars = rows
                    .iter()
                    .filter_map(|row| {
                        Some(Bar {
                            label: row.label.replace('`', ""),
                            value: value(results, &row.key.replace("{}", part))?,
                            ours: row.versus.is_none(),
                        })
                    })
                    .collect();
                (column.to_string(), bars)
            })
            .collect(),
        Layout::Pairs { groups } => groups
            .iter()
            .map(|group| {
                let ours = std::iter::once(("anext", group.anext, true));
                let peers = group.peers.iter().map(|(l, k)| (*l, *k, false));
                let bars = ours
                    .chain(peers)
                    .filter_map(|(label, key, ours)| {
                        Some(Bar {
                            label: label.to_owned(),
                            value: value(results, key)?,
                            ours,
                        })
                    })
                    .collect();
                (group.scenario.to_owned(), bars)
            })
            .collect(),
    }
}

fn panel_height(bars: usize) -> u32 {
    PANEL_EXTRA + BAR_HEIGHT * bars as u32
}

/// Draws `table` to `path` as an SVG file.
pub fn draw(table: &Table, results: &Map<String, Value>, path: &Path) -> Result<(), String> {
    let panels: Vec<_> = panels(table, results)
        .into_iter()
        .filter(|(_, bars)| !bars.is_empty())
        .collect();
    let height = TITLE_HEIGHT
        + panels
            .iter()
            .map(|(_, b)| panel_height(b.len()))
            .sum::<u32>();
    let root = SVGBackend::new(path, (WIDTH, height)).into_drawing_area();
    let error = |e: DrawingAreaErrorKind<_>| format!("{}: {e}", path.display());
    root.fill(&WHITE).map_err(error)?;
    let root = root
        .titled(table.title, ("sans-serif", 20))
        .map_err(error)?;
    let mut rest = root;
    for (scenario, bars) in &panels {
        let (area, below) = rest.split_vertically(panel_height(bars.len()));
        rest = below;
        draw_panel(&area, scenario, bars).map_err(error)?;
    }
    root_present(rest).map_err(error)
}

fn root_present<DB: DrawingBackend>(
    area: DrawingArea<DB, plotters::coord::Shift>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.present()
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    scenario: &str,
    bars: &[Bar],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let n = bars.len();
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    // Room on the right for the last bar's figure.
    let x_end = if max > 0.0 { max * 1.18 } else { 1.0 };
    let mut chart = ChartBuilder::on(area)
        .caption(scenario, ("sans-serif", 15))
        .margin_left(8)
        .margin_right(16)
        .margin_top(2)
        .x_label_area_size(24)
        .y_label_area_size(LABEL_WIDTH)
        .build_cartesian_2d(0.0..x_end, (0..n - 1).into_segmented())?;
    // The y axis has one segment per bar (`0..n - 1` holds n values); bar 0 at the top, in
    // segment n - 1.
    let row = |i: usize| n - 1 - i;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_labels(6)
        .x_label_formatter(&|v| figure(*v))
        .y_labels(n)
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(s) if *s < n => bars[row(*s)].label.clone(),
            _ => String::new(),
        })
        .light_line_style(WHITE)
        .label_style(("sans-serif", 13))
        .draw()?;
    chart.draw_series(bars.iter().enumerate().map(|(i, bar)| {
        let color = if bar.ours { ANEXT } else { PEER };
        let mut rect = Rectangle::new(
            [
                (0.0, SegmentValue::Exact(row(i))),
                (bar.value, SegmentValue::Exact(row(i) + 1)),
            ],
            color.filled(),
        );
        rect.set_margin(3, 3, 0, 0);
        rect
    }))?;
    let font = ("sans-serif", 12)
        .into_font()
        .into_text_style(area)
        .pos(Pos::new(HPos::Left, VPos::Center));
    chart.draw_series(bars.iter().enumerate().map(|(i, bar)| {
        Text::new(
            format!(" {}", figure(bar.value)),
            (bar.value, SegmentValue::CenterOf(row(i))),
            font.clone(),
        )
    }))?;
    Ok(())
}
