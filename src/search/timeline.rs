//! Mentions and quotes of chosen corpus entities per day, week or month over the articles'
//! dates. Articles without a usable date are counted and listed in [`Timeline::undated`],
//! never dropped.

use crate::graph::EntityGraph;
use crate::model::Document;

use super::date::{Day, parse_article_date};

/// The width of a bucket.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Granularity {
    /// One bucket a day.
    Day,
    /// One a week (weeks start on Monday).
    Week,
    /// One a month.
    #[default]
    Month,
}

impl Granularity {
    /// Every granularity, in display order.
    pub const ALL: [Granularity; 3] = [Granularity::Day, Granularity::Week, Granularity::Month];

    /// Its name in the view.
    pub fn label(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
        }
    }

    /// The first day of the bucket `day` falls in.
    pub fn bucket_start(self, day: Day) -> Day {
        match self {
            Granularity::Day => day,
            Granularity::Week => day.week_start(),
            Granularity::Month => day.month_start(),
        }
    }
}

/// Counts of one series (one entity, or all articles) in one bucket.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Mentions of the entity (for the all-articles series: articles).
    pub mentions: usize,
    /// Quotes by the entity.
    pub quotes: usize,
}

/// One bucket of the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    /// Its first day.
    pub start: Day,
    /// One entry per series, in [`Timeline::series`] order.
    pub counts: Vec<Counts>,
    /// The articles dated in it that count (mention a series' entity), sorted.
    pub articles: Vec<usize>,
}

/// The timeline of some entities (or of all articles when none is chosen).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timeline {
    /// The series' names (the entities' names, or "articles").
    pub series: Vec<String>,
    /// Non-empty buckets in date order.
    pub buckets: Vec<Bucket>,
    /// The counts of articles without a date, per series.
    pub undated_counts: Vec<Counts>,
    /// The articles without a usable date that count, sorted.
    pub undated: Vec<usize>,
}

/// Builds the timeline of `nodes` (indices into `graph.nodes`) over `documents`' dates;
/// with no nodes, counts articles.
pub fn timeline(
    documents: &[Document],
    graph: &EntityGraph,
    nodes: &[usize],
    granularity: Granularity,
) -> Timeline {
    let series_len = nodes.len().max(1);
    let mut out = Timeline {
        series: if nodes.is_empty() {
            vec!["articles".to_owned()]
        } else {
            nodes
                .iter()
                .map(|&n| {
                    graph
                        .nodes
                        .get(n)
                        .map_or_else(String::new, |n| n.name.clone())
                })
                .collect()
        },
        undated_counts: vec![Counts::default(); series_len],
        ..Timeline::default()
    };
    // (article, series, counts) contributions.
    let mut contributions: Vec<(usize, usize, Counts)> = Vec::new();
    if nodes.is_empty() {
        contributions.extend((0..documents.len()).map(|d| {
            (
                d,
                0,
                Counts {
                    mentions: 1,
                    quotes: documents[d].annotations.quotes.len(),
                },
            )
        }));
    }
    for (series, &n) in nodes.iter().enumerate() {
        let Some(node) = graph.nodes.get(n) else {
            continue;
        };
        for occurrence in &node.occurrences {
            let Some(doc) = documents.get(occurrence.document) else {
                continue;
            };
            let a = &doc.annotations;
            let mentions = a.entity(occurrence.entity).map_or(0, |e| e.mentions.len());
            let quotes = a
                .quotes
                .iter()
                .filter(|q| q.speaker_entity == Some(occurrence.entity))
                .count();
            contributions.push((occurrence.document, series, Counts { mentions, quotes }));
        }
    }
    let mut buckets: std::collections::BTreeMap<Day, Bucket> = std::collections::BTreeMap::new();
    for (d, series, counts) in contributions {
        let day = documents
            .get(d)
            .and_then(|doc| parse_article_date(&doc.meta.date));
        let (slot, articles) = match day {
            Some(day) => {
                let start = granularity.bucket_start(day);
                let bucket = buckets.entry(start).or_insert_with(|| Bucket {
                    start,
                    counts: vec![Counts::default(); series_len],
                    articles: Vec::new(),
                });
                (&mut bucket.counts[series], &mut bucket.articles)
            }
            None => (&mut out.undated_counts[series], &mut out.undated),
        };
        slot.mentions += counts.mentions;
        slot.quotes += counts.quotes;
        if let Err(at) = articles.binary_search(&d) {
            articles.insert(at, d);
        }
    }
    out.buckets = buckets.into_values().collect();
    out
}
