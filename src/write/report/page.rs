//! The page: server-rendered overview, filters and document list (maud escapes every text
//! it inserts), the documents' units as JSON for `report.js` to render when a document is
//! opened, and a Content-Security-Policy that lets only this page's own script and style
//! run.
use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::model::{Document, Report};
use super::ReportOptions;

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");
/// Documents in the bar chart; a larger run shows those with the most claims.
const CHART_DOCUMENTS: usize = 40;
/// Actors listed per label in the overview.
const TOP_ACTORS: usize = 8;
/// Actors offered by the actor filter.
const FILTER_ACTORS: usize = 300;
/// Label colours cycle through this many CSS classes (`l0` ...).
const COLOURS: usize = 8;

/// The whole page.
pub(crate) fn render(report: &Report, options: &ReportOptions) -> String {
    let shown = shown_documents(report, options);
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(content_security_policy());
                meta name="referrer" content="no-referrer";
                title { "claimscan report: " (run_name(report)) }
                style { (PreEscaped(CSS)) }
            }
            body {
                a.skip href="#documents" { "Skip to the documents" }
                header {
                    h1 { "claimscan report" }
                    p.subtitle { (run_name(report)) }
                    nav aria-label="Sections" {
                        a href="#overview" { "Overview" }
                        a href="#filters" { "Filters" }
                        a href="#documents" { "Documents" }
                    }
                }
                main {
                    (overview(report))
                    (filters(report, shown))
                    (documents(report, shown))
                }
                script type="application/json" id="report-data" { (PreEscaped(data_json(report, shown))) }
                script { (PreEscaped(JS)) }
            }
        }
    };
    page.into_string()
}

/// The documents whose text the page carries (`--max-docs`).
fn shown_documents<'a>(report: &'a Report, options: &ReportOptions) -> &'a [Document] {
    let count = options
        .max_docs
        .unwrap_or(usize::MAX)
        .min(report.documents.len());
    &report.documents[..count]
}

/// Nothing but this page's own script and style may run, and nothing may be fetched.
fn content_security_policy() -> String {
    format!(
        "default-src 'none'; script-src '{}'; style-src '{}'; img-src data:; base-uri 'none'; form-action 'none'",
        csp_hash(JS),
        csp_hash(CSS)
    )
}

fn csp_hash(source: &str) -> String {
    use base64::Engine;
    let digest = Sha256::digest(source.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

fn run_name(report: &Report) -> String {
    let command = report.run["command_line"]
        .as_array()
        .map(|args| {
            args.iter()
                .skip(1)
                .filter_map(|a| a.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    match command.is_empty() {
        true => "claimscan".to_string(),
        false => format!("claimscan {command}"),
    }
}

fn label_class(label: usize) -> String {
    format!("l{}", label % COLOURS)
}

/// A label's name in its colour: the name is always written, so colour is never the only
/// sign of the label.
fn label_chip(report: &Report, label: usize) -> Markup {
    html! { span class={"chip " (label_class(label))} { (report.labels[label]) } }
}

fn overview(report: &Report) -> Markup {
    html! {
        section #overview aria-labelledby="overview-heading" {
            h2 #overview-heading { "Overview" }
            (figures(report))
            (chart(report))
            (top_actors(report))
            (stage_times(report))
            (error_list(report))
        }
    }
}

/// The model that ran: its folder name, or for a merge the weights' checksum.
fn model_name(run: &serde_json::Value) -> String {
    let name = run["model"]["name"].as_str();
    let weights = run["model"]["weights_sha256"]
        .as_str()
        .or(run["fingerprint"]["model_weights_sha256"].as_str());
    match (name, weights) {
        (Some(name), Some(w)) => format!("{name} (weights {})", &w[..w.len().min(12)]),
        (Some(name), None) => name.to_string(),
        (None, Some(w)) => format!("weights {}", &w[..w.len().min(12)]),
        (None, None) => "not recorded".to_string(),
    }
}

fn precision(run: &serde_json::Value) -> String {
    run["precision"]
        .as_str()
        .or(run["fingerprint"]["precision"].as_str())
        .unwrap_or("not recorded")
        .to_string()
}

fn figures(report: &Report) -> Markup {
    let failed = report
        .documents
        .iter()
        .filter(|d| !d.error.is_empty())
        .count();
    let claims = report.claims_per_label();
    html! {
        dl.figures {
            div { dt { "Documents" } dd #count-documents { (report.documents.len()) } }
            div { dt { "Failed documents" } dd #count-failed { (failed) } }
            div { dt { "Sentences" } dd #count-sentences { (report.sentences) } }
            @for (label, n) in claims.iter().enumerate() {
                div { dt { "Claims: " (label_chip(report, label)) } dd data-label=(report.labels[label]) { (n) } }
            }
            div { dt { "Errors" } dd #count-errors { (report.errors.len()) } }
            div { dt { "Precision" } dd #precision { (precision(&report.run)) } }
            div { dt { "Model" } dd #model { (model_name(&report.run)) } }
        }
    }
}

/// A short name for a document in the chart and the filter.
fn short_name(document: &Document, limit: usize) -> String {
    let name = match document.title.trim() {
        "" => document.path.rsplit('/').next().unwrap_or(&document.path),
        title => title,
    };
    match name.char_indices().nth(limit) {
        Some((cut, _)) => format!("{}…", &name[..cut]),
        None => name.to_string(),
    }
}

/// Claims per label per document as stacked horizontal bars (inline SVG), with the same
/// figures as a table for screen readers and copying.
fn chart(report: &Report) -> Markup {
    let mut documents: Vec<&Document> = report.documents.iter().collect();
    let total = |d: &Document| d.claims_per_label.iter().sum::<usize>();
    if documents.len() > CHART_DOCUMENTS {
        documents.sort_by_key(|d| std::cmp::Reverse(total(d)));
        documents.truncate(CHART_DOCUMENTS);
        documents.sort_by_key(|d| d.doc_id);
    }
    let widest = documents.iter().map(|d| total(d)).max().unwrap_or(0).max(1);
    let (name_width, bar_width, row_height) = (260.0, 440.0, 24.0);
    let height = row_height * documents.len() as f64 + 8.0;
    let scale = bar_width / widest as f64;
    html! {
        figure.chart {
            figcaption #chart-caption {
                "Claims per label per document"
                @if report.documents.len() > CHART_DOCUMENTS {
                    " (the " (CHART_DOCUMENTS) " documents with the most claims, of " (report.documents.len()) ")"
                }
            }
            p.legend { "Legend: " @for label in 0..report.labels.len() { (label_chip(report, label)) " " } }
            svg role="img" aria-labelledby="chart-caption" viewBox={"0 0 " (name_width + bar_width + 50.0) " " (height)} width="100%" {
                @for (row, document) in documents.iter().enumerate() {
                    (chart_row(report, document, row as f64 * row_height + 4.0, name_width, scale))
                }
            }
            details {
                summary { "The chart's figures as a table" }
                (claims_table(report, &documents))
            }
        }
    }
}

/// One document's bar: a segment per label with claims, its count inside where it fits.
fn chart_row(report: &Report, document: &Document, y: f64, left: f64, scale: f64) -> Markup {
    let mut x = left;
    let segments: Vec<(usize, usize, f64, f64)> = document
        .claims_per_label
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(label, &n)| {
            let width = n as f64 * scale;
            x += width;
            (label, n, x - width, width)
        })
        .collect();
    let total: usize = document.claims_per_label.iter().sum();
    html! {
        g {
            text.name x=(left - 8.0) y=(y + 15.0) text-anchor="end" { (short_name(document, 36)) }
            @for (label, n, x, width) in segments {
                rect class=(label_class(label)) x=(x) y=(y) width=(width) height="18" {
                    title { (short_name(document, 60)) ": " (report.labels[label]) " " (n) }
                }
                @if width >= 22.0 {
                    text.count x=(x + width / 2.0) y=(y + 13.0) text-anchor="middle" { (n) }
                }
            }
            text.total x=(x + 6.0) y=(y + 15.0) { (total) }
        }
    }
}

fn claims_table(report: &Report, documents: &[&Document]) -> Markup {
    html! {
        table.claims-table {
            thead { tr { th scope="col" { "Document" } @for label in &report.labels { th scope="col" { (label) } } } }
            tbody {
                @for document in documents {
                    tr {
                        th scope="row" { a href={"#doc-" (document.doc_id)} { (short_name(document, 60)) } }
                        @for n in &document.claims_per_label { td { (n) } }
                    }
                }
            }
        }
    }
}

fn top_actors(report: &Report) -> Markup {
    let actors = report.top_actors(TOP_ACTORS);
    html! {
        h3 { "Most frequent actors per label" }
        div.actors {
            @for (label, list) in actors.iter().enumerate() {
                table.actor-table {
                    caption { (label_chip(report, label)) }
                    thead { tr { th scope="col" { "Actor" } th scope="col" { "Claims" } } }
                    tbody {
                        @if list.is_empty() { tr { td colspan="2" { "none named" } } }
                        @for (actor, n) in list { tr { td { (actor) } td { (n) } } }
                    }
                }
            }
        }
    }
}

/// The run's time per stage, with bars in proportion.
fn stage_times(report: &Report) -> Markup {
    let mut stages: Vec<(String, f64)> = report.run["stage_seconds"]
        .as_object()
        .map(|stages| {
            stages
                .iter()
                .filter_map(|(name, s)| Some((name.clone(), s.as_f64()?)))
                .collect()
        })
        .unwrap_or_default();
    stages.sort_by(|a, b| b.1.total_cmp(&a.1));
    let longest = stages.iter().map(|s| s.1).fold(1e-9, f64::max);
    html! {
        h3 { "Time per stage" }
        @if stages.is_empty() {
            p { "run.json records no stage times (a merge)." }
        } @else {
            table.stages {
                thead { tr { th scope="col" { "Stage" } th scope="col" { "Seconds" } th scope="col" { span.visually-hidden { "Share" } } } }
                tbody {
                    @for (name, seconds) in &stages {
                        tr {
                            td { (name) }
                            td.num { (format!("{seconds:.2}")) }
                            td { svg.bar viewBox="0 0 200 10" width="200" height="10" aria-hidden="true" { rect x="0" y="0" height="10" width=(format!("{:.1}", 200.0 * seconds / longest)) {} } }
                        }
                    }
                }
            }
            @if let Some(seconds) = report.run["seconds_before_assembly"].as_f64() {
                p { "Whole run before assembling the tables: " (format!("{seconds:.1}")) " s." }
            }
        }
    }
}

fn error_list(report: &Report) -> Markup {
    html! {
        h3 { "Errors" }
        @if report.errors.is_empty() {
            p { "No document failed." }
        } @else {
            table.errors {
                thead { tr { th scope="col" { "File" } th scope="col" { "Cause" } } }
                tbody { @for (path, error) in &report.errors { tr { td { (path) } td { (error) } } } }
            }
        }
    }
}

/// Actors of claims, most frequent first, for the actor filter.
fn filter_actors(documents: &[Document]) -> Vec<String> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for unit in documents.iter().flat_map(|d| &d.units) {
        if !unit.claims.is_empty() {
            for actor in &unit.actors {
                *counts.entry(actor).or_default() += 1;
            }
        }
    }
    let mut actors: Vec<(&str, usize)> = counts.into_iter().collect();
    actors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    actors
        .into_iter()
        .take(FILTER_ACTORS)
        .map(|(a, _)| a.to_string())
        .collect()
}

fn filters(report: &Report, shown: &[Document]) -> Markup {
    html! {
        section #filters aria-labelledby="filters-heading" {
            h2 #filters-heading { "Filters" }
            form #filter-form {
                fieldset.labels {
                    legend { "Labels" }
                    @for (i, label) in report.labels.iter().enumerate() {
                        label.check { input type="checkbox" name="label" value=(label) checked; " " span class={"chip " (label_class(i))} { (label) } }
                    }
                }
                div.field {
                    label for="filter-doc" { "Document" }
                    select #filter-doc name="doc" {
                        option value="" { "All documents" }
                        @for document in shown {
                            option value=(document.doc_id) { (document.doc_id) ". " (short_name(document, 70)) }
                        }
                    }
                }
                div.field {
                    label for="filter-actor" { "Actor" }
                    select #filter-actor name="actor" {
                        option value="" { "Any actor" }
                        @for actor in filter_actors(shown) { option value=(actor) { (actor) } }
                    }
                }
                fieldset.scores {
                    legend { "Score" }
                    label for="filter-min" { "from" }
                    input #filter-min type="number" name="min" min="0" max="1" step="0.05" value="0";
                    label for="filter-max" { "to" }
                    input #filter-max type="number" name="max" min="0" max="1" step="0.05" value="1";
                }
                div.field {
                    label.check { input #filter-hedged type="checkbox" name="hedged"; " Hedged claims only" }
                    label.check { input #filter-only type="checkbox" name="only"; " Only units with a matching claim" }
                }
                button #filter-reset type="button" { "Clear filters" }
            }
            p #filter-status role="status" aria-live="polite" {}
            p.hint { "The filters are kept in the page's address, so a link to it shows the same view. Keys: " kbd { "n" } " / " kbd { "p" } " move to the next / previous claim of the open documents." }
        }
    }
}

fn documents(report: &Report, shown: &[Document]) -> Markup {
    html! {
        section #documents aria-labelledby="documents-heading" {
            h2 #documents-heading { "Documents" }
            @if shown.len() < report.documents.len() {
                p.note { "This page carries the text of the first " (shown.len()) " of " (report.documents.len()) " documents (report --max-docs); the overview counts them all." }
            }
            noscript { p.note { "Reading the documents needs JavaScript; the overview above does not." } }
            @for document in shown { (document_entry(report, document)) }
        }
    }
}

fn document_entry(report: &Report, document: &Document) -> Markup {
    html! {
        details.doc #{"doc-" (document.doc_id)} data-doc=(document.doc_id) {
            summary {
                span.doc-title { (document.doc_id) ". " (short_name(document, 120)) }
                " "
                span.doc-path { (document.path) }
                " "
                span.doc-meta {
                    (document.format) ", " (document.units.len()) " units"
                    @if document.pages > 0 { ", " (document.pages) " pages" }
                }
                @if !document.error.is_empty() {
                    " " span.doc-error { "failed: " (document.error) }
                }
                " "
                span.doc-counts {
                    @for (label, n) in document.claims_per_label.iter().enumerate() {
                        @if *n > 0 { span class={"chip " (label_class(label))} { (report.labels[label]) " " (n) } " " }
                    }
                }
                span.doc-match {}
            }
            div.units {}
        }
    }
}

/// The documents' units as JSON: `[index, kind, page, text, hedged, actors, claims]` per
/// unit, each claim `[label, score, claim_id, row]`. `<`, `>` and `&` are written as
/// `\u003c` ... so that no text can end the script element it sits in.
fn data_json(report: &Report, shown: &[Document]) -> String {
    let documents: Vec<serde_json::Value> = shown
        .iter()
        .map(|document| {
            let units: Vec<serde_json::Value> = document
                .units
                .iter()
                .map(|unit| {
                    let claims: Vec<serde_json::Value> = unit
                        .claims
                        .iter()
                        .map(|c| json!([c.label, score(c.score), c.claim_id, c.row]))
                        .collect();
                    json!([
                        unit.index,
                        unit.kind,
                        unit.page,
                        unit.text,
                        u8::from(unit.hedged),
                        unit.actors,
                        claims
                    ])
                })
                .collect();
            json!({"id": document.doc_id, "units": units})
        })
        .collect();
    let data = json!({
        "labels": report.labels,
        "colours": COLOURS,
        "claims_file": report.claims_file,
        "documents": documents,
    });
    escape_script_json(&data.to_string())
}

/// A score rounded as in the tables (4 decimals); `null` when it is missing.
fn score(score: f32) -> serde_json::Value {
    match score.is_finite() {
        true => json!((f64::from(score) * 1e4).round() / 1e4),
        false => serde_json::Value::Null,
    }
}

/// JSON that can sit inside `<script>`: the three characters that HTML could read as markup
/// only occur inside JSON strings, where their `\u` escapes mean the same.
pub(crate) fn escape_script_json(json: &str) -> String {
    json.replace('&', "\\u0026")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_its_element_and_parses_back() {
        let text = "</script><script>alert(1)</script> & <!-- \"x\"";
        let escaped = escape_script_json(&serde_json::to_string(&json!([text])).unwrap());
        assert!(!escaped.contains('<') && !escaped.contains('>') && !escaped.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back[0], text);
    }

    #[test]
    fn csp_hashes_are_base64_sha256() {
        assert_eq!(
            csp_hash(""),
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }
}
