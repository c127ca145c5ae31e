//! HTML: one self-contained report (no external resources): a project summary (counts, top
//! speakers, most connected actors), then per article its text with the entities
//! highlighted by type and the quotes marked with their speaker, its quotes table and its
//! asserted relations table. Every text is escaped; the styles print well.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::{Prepared, one_line};
use crate::graph::palette::{entity_hex, entity_rgb};
use crate::model::{Document, EntityType, RelationKind};

/// How many speakers and actors the summary lists.
const TOP: usize = 10;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn css() -> String {
    let mut css = String::from(
        "body{font-family:Georgia,serif;max-width:60em;margin:2em auto;padding:0 1em;color:#111;line-height:1.5}\
h1,h2,h3{font-family:sans-serif}\
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em;font-size:.9em}\
th,td{border:1px solid #bbb;padding:.2em .4em;text-align:left;vertical-align:top}\
th{background:#eee}\
.text{white-space:pre-wrap}\
.q{background:#e6f0fb;border-bottom:2px solid #0a5ab4}\
.who{font-family:sans-serif;font-size:.75em;font-weight:bold;color:#0a5ab4;margin-right:.2em}\
.legend span{margin-right:1em;padding:0 .3em}\
.counts td{width:auto}\
article{margin-top:2.5em;border-top:2px solid #444}\
.meta{color:#555;font-family:sans-serif;font-size:.9em}\
@media print{body{max-width:none;margin:0;font-size:10pt}article{break-before:page;border:none}\
table{page-break-inside:auto}tr{break-inside:avoid}.q{border-bottom:1px solid #000}\
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}",
    );
    for t in EntityType::ALL {
        let [r, g, b] = entity_rgb(t);
        let _ = write!(
            css,
            ".e-{}{{background:rgba({r},{g},{b},.35);border-bottom:2px solid {}}}",
            t.label(),
            entity_hex(t)
        );
    }
    css
}

/// The report.
pub fn render(p: &Prepared) -> String {
    let mut h = String::new();
    let title = format!("Quarry report: {}", p.name);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{}</style></head><body>\n<h1>{}</h1>\n",
        escape(&title),
        css(),
        escape(&title)
    );
    summary(&mut h, p);
    for (di, doc) in p.documents.iter().enumerate() {
        article(&mut h, p, di, doc);
    }
    h.push_str("</body></html>\n");
    h
}

fn summary(h: &mut String, p: &Prepared) {
    let s = p.summary();
    h.push_str("<section><h2>Summary</h2><table class=\"counts\"><tr>");
    for (name, n) in [
        ("Articles", s.articles),
        ("Entities", s.entities),
        ("Mentions", s.mentions),
        ("Quotes", s.quotes),
        ("Relations", s.relations),
        ("Network edges", s.edges),
    ] {
        let _ = write!(h, "<th>{name}</th><td>{n}</td>");
    }
    h.push_str("</tr></table>\n<p class=\"legend\">");
    for t in EntityType::ALL {
        let _ = write!(h, "<span class=\"e-{0}\">{0}</span>", t.label());
    }
    h.push_str("</p>\n");

    // Top speakers: quotes per resolved speaker (or speaker text).
    let mut speakers: BTreeMap<String, usize> = BTreeMap::new();
    for (di, d) in p.documents.iter().enumerate() {
        for q in &d.annotations.quotes {
            let name = speaker_name(p, di, d, q);
            if !name.is_empty() {
                *speakers.entry(name).or_default() += 1;
            }
        }
    }
    let mut speakers: Vec<(String, usize)> = speakers.into_iter().collect();
    speakers.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    h.push_str("<h3>Top speakers</h3><table><tr><th>Speaker</th><th>Quotes</th></tr>");
    for (name, n) in speakers.iter().take(TOP) {
        let _ = write!(h, "<tr><td>{}</td><td>{n}</td></tr>", escape(name));
    }
    h.push_str("</table>\n");

    // Most connected actors: distinct neighbours over the exported edges.
    let mut neighbours: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); p.graph.nodes.len()];
    for i in p.edges() {
        let e = &p.graph.edges[i];
        if e.source != e.target {
            neighbours[e.source].insert(e.target);
            neighbours[e.target].insert(e.source);
        }
    }
    let mut actors: Vec<usize> = p.nodes().filter(|&i| !neighbours[i].is_empty()).collect();
    actors.sort_by(|&a, &b| {
        neighbours[b]
            .len()
            .cmp(&neighbours[a].len())
            .then_with(|| p.graph.nodes[a].name.cmp(&p.graph.nodes[b].name))
    });
    h.push_str(
        "<h3>Most connected actors</h3><table><tr><th>Entity</th><th>Type</th><th>Connections</th><th>Mentions</th></tr>",
    );
    for &i in actors.iter().take(TOP) {
        let n = &p.graph.nodes[i];
        // "Lloyd Austin — Secretary of Defense, United States"
        let mut name = n.name.clone();
        for office in &n.offices {
            name.push_str(" — ");
            name.push_str(office);
        }
        let _ = write!(
            h,
            "<tr><td>{}</td><td><span class=\"e-{1}\">{1}</span></td><td>{2}</td><td>{3}</td></tr>",
            escape(&name),
            n.entity_type.label(),
            neighbours[i].len(),
            n.mentions
        );
    }
    h.push_str("</table></section>\n");
}

fn speaker_name(p: &Prepared, di: usize, d: &Document, q: &crate::model::Quote) -> String {
    q.speaker_entity
        .map(|e| p.entity_name(di, e))
        .filter(|s| !s.is_empty())
        .or_else(|| q.speaker.map(|s| one_line(s.text(&d.text))))
        .unwrap_or_default()
}

fn article(h: &mut String, p: &Prepared, di: usize, d: &Document) {
    let a = &d.annotations;
    let _ = write!(
        h,
        "<article id=\"{}\"><h2>{}</h2><p class=\"meta\">{}</p>\n<div class=\"text\">",
        escape(&d.id),
        escape(&one_line(d.display_title())),
        escape(
            &[d.meta.source.as_str(), d.meta.date.as_str(), d.id.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · ")
        )
    );
    annotated_text(h, p, di, d);
    h.push_str("</div>\n");

    let _ = write!(h, "<h3>Quotes ({})</h3>", a.quotes.len());
    if !a.quotes.is_empty() {
        h.push_str("<table><tr><th>Speaker</th><th>Quote</th><th>Cue</th><th>Direct</th><th>Confidence</th></tr>");
        for q in &a.quotes {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.2}</td></tr>",
                escape(&speaker_name(p, di, d, q)),
                escape(&one_line(q.content.text(&d.text))),
                escape(&q.cue.map(|c| one_line(c.text(&d.text))).unwrap_or_default()),
                if q.direct { "direct" } else { "indirect" },
                q.provenance.confidence
            );
        }
        h.push_str("</table>\n");
    }
    let asserted: Vec<_> = a
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Asserted)
        .collect();
    let _ = write!(h, "<h3>Asserted relations ({})</h3>", asserted.len());
    if !asserted.is_empty() {
        h.push_str("<table><tr><th>Head</th><th>Relation</th><th>Tail</th><th>Trigger</th><th>Evidence</th></tr>");
        for r in asserted {
            let mut label = r.relation_type.human_label().to_owned();
            if r.negated {
                label.push_str(" (negated)");
            }
            if r.modal {
                label.push_str(" (hedged)");
            }
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&p.entity_name(di, r.head)),
                escape(&label),
                escape(&p.entity_name(di, r.tail)),
                escape(
                    &r.trigger
                        .map(|t| one_line(t.text(&d.text)))
                        .unwrap_or_default()
                ),
                escape(&one_line(r.evidence.text(&d.text)))
            );
        }
        h.push_str("</table>\n");
    }
    h.push_str("</article>\n");
}

/// The text with `<span class="e-TYPE">` around mentions and `<span class="q">` around
/// quotes, cut at every boundary so the tags always nest.
fn annotated_text(h: &mut String, p: &Prepared, di: usize, d: &Document) {
    let text = &d.text;
    let a = &d.annotations;
    let valid = |s: crate::model::Span| {
        s.start < s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    // Non-overlapping mentions and quotes, in order.
    let mut mentions: Vec<_> = a.mentions.iter().filter(|m| valid(m.span)).collect();
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut last = 0;
    mentions.retain(|m| {
        let keep = m.span.start >= last;
        if keep {
            last = m.span.end;
        }
        keep
    });
    let mut quotes: Vec<_> = a.quotes.iter().filter(|q| valid(q.content)).collect();
    quotes.sort_by_key(|q| q.content.start);
    let mut last = 0;
    quotes.retain(|q| {
        let keep = q.content.start >= last;
        if keep {
            last = q.content.end;
        }
        keep
    });
    let mut cuts: BTreeSet<usize> = [0, text.len()].into_iter().collect();
    for m in &mentions {
        cuts.insert(m.span.start);
        cuts.insert(m.span.end);
    }
    for q in &quotes {
        cuts.insert(q.content.start);
        cuts.insert(q.content.end);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let (mut mi, mut qi) = (0, 0);
    for w in cuts.windows(2) {
        let (start, end) = (w[0], w[1]);
        while mi < mentions.len() && mentions[mi].span.end <= start {
            mi += 1;
        }
        while qi < quotes.len() && quotes[qi].content.end <= start {
            qi += 1;
        }
        let quote = quotes.get(qi).filter(|q| q.content.start <= start);
        let mention = mentions.get(mi).filter(|m| m.span.start <= start);
        if let Some(q) = quote {
            if q.content.start == start {
                let _ = write!(
                    h,
                    "<span class=\"who\">[{}]</span>",
                    escape(&speaker_or_unknown(&speaker_name(p, di, d, q)))
                );
            }
            h.push_str("<span class=\"q\">");
        }
        if let Some(m) = mention {
            let name = m.entity.map(|e| p.entity_name(di, e)).unwrap_or_default();
            let _ = write!(
                h,
                "<span class=\"e-{}\" title=\"{}\">",
                m.entity_type.label(),
                escape(&format!("{} · {}", m.entity_type.label(), name))
            );
        }
        h.push_str(&escape(&text[start..end]));
        if mention.is_some() {
            h.push_str("</span>");
        }
        if quote.is_some() {
            h.push_str("</span>");
        }
    }
}

fn speaker_or_unknown(name: &str) -> String {
    if name.is_empty() {
        "unattributed".to_owned()
    } else {
        name.to_owned()
    }
}
