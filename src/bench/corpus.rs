//! A deterministic generator of distinct news-shaped articles.
//!
//! Real articles are split into paragraphs; article `i` of a corpus is a headline taken from
//! the pool, a dateline with a date that only article `i` has (so every content hash
//! differs), a sentence quoting a made-up spokesperson of a made-up name, and runs of
//! consecutive paragraphs of two or three pool articles (runs keep the pronouns, titles and
//! quotations of their original, so the extraction works as hard as on real news) until
//! the article reaches its drawn length (1.5 to 7.5 kB, about 4.4 kB on average, the size
//! of a wire story). The same pool, seed and index always give the same article, so
//! articles can be made in parallel and a run can be repeated exactly.

use std::fmt::Write as _;

use crate::model::{Document, Metadata};

/// The paragraphs and headlines articles are recombined from.
#[derive(Clone, Debug, Default)]
pub struct CorpusPool {
    /// Each source article's paragraphs, in order (articles with none are left out).
    articles: Vec<Vec<String>>,
    /// The source articles' headlines.
    titles: Vec<String>,
}

impl CorpusPool {
    /// A pool from `(title, text)` pairs; paragraphs are the text's blank-line-separated
    /// blocks (or its lines when it has no blank lines), trimmed, with the headline
    /// paragraph dropped.
    pub fn new(sources: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut pool = Self::default();
        for (title, text) in sources {
            let blocks: Vec<&str> = if text.contains("\n\n") {
                text.split("\n\n").collect()
            } else {
                text.lines().collect()
            };
            let title = title.trim();
            let paragraphs: Vec<String> = blocks
                .into_iter()
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .filter(|p| title.is_empty() || p.trim_end_matches('.') != title)
                .map(str::to_owned)
                .collect();
            if paragraphs.is_empty() {
                continue;
            }
            if !title.is_empty() {
                pool.titles.push(title.to_owned());
            }
            pool.articles.push(paragraphs);
        }
        pool
    }

    /// Number of source articles with text.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// True when the pool has no text to draw from.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Article `index` of the corpus made with `seed` (see the module doc), or `None` when
    /// the pool is empty.
    pub fn article(&self, seed: u64, index: usize) -> Option<Document> {
        if self.articles.is_empty() {
            return None;
        }
        let mut rng = SplitMix(seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        let target = 1_500 + rng.below(6_000) as usize;
        let title = if self.titles.is_empty() {
            format!("Report {}", index + 1)
        } else {
            self.titles[rng.below(self.titles.len() as u64) as usize].clone()
        };
        let first = pick(&mut rng, FIRST_NAMES);
        let last = pick(&mut rng, LAST_NAMES);
        let outlet = pick(&mut rng, OUTLETS);
        let city = pick(&mut rng, CITIES);
        let date = date_of(index);
        let mut text = format!(
            "{city}, {} ({outlet}) — {first} {last}, a spokesperson for the {}, said the \
             government was following events closely.",
            date.1,
            pick(&mut rng, BODIES)
        );
        text.push_str("\n\n");
        let _ = write!(
            text,
            "“We will keep working with our partners on this,” {last} told reporters on {}.",
            date.2
        );
        // Two or three runs share the length; a short source article makes room for more.
        let share = (target / (2 + rng.below(2) as usize)).max(400);
        for _ in 0..12 {
            if text.len() >= target {
                break;
            }
            let source = &self.articles[rng.below(self.articles.len() as u64) as usize];
            let start = rng.below(source.len() as u64) as usize;
            let mut taken = 0;
            for paragraph in &source[start..] {
                if taken >= share || text.len() >= target {
                    break;
                }
                text.push_str("\n\n");
                text.push_str(paragraph);
                taken += paragraph.len();
            }
        }
        text.push('\n');
        let mut doc = Document::new(format!("article-{:05}", index + 1), text);
        doc.meta = Metadata {
            title,
            source: outlet.to_owned(),
            author: format!("{first} {last}"),
            date: date.0,
            path: None,
            format: "txt".to_owned(),
        };
        Some(doc)
    }

    /// Articles `0..n` of the corpus made with `seed`, made on all cores.
    pub fn corpus(&self, seed: u64, n: usize) -> Vec<Document> {
        use rayon::prelude::*;
        (0..n)
            .into_par_iter()
            .filter_map(|i| self.article(seed, i))
            .collect()
    }
}

/// A small fast deterministic generator (`SplitMix64`).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn pick(rng: &mut SplitMix, list: &[&'static str]) -> &'static str {
    list[rng.below(list.len() as u64) as usize]
}

/// Article `index`'s date, one day after article `index - 1`'s from 1 January 2000:
/// (ISO date, "March 3, 2004", "Wednesday").
fn date_of(index: usize) -> (String, String, &'static str) {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const WEEKDAYS: [&str; 7] = [
        "Saturday",
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
    ];
    let mut days = index;
    let weekday = WEEKDAYS[index % 7];
    let mut year = 2000;
    loop {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let length = if leap { 366 } else { 365 };
        if days < length {
            let lengths = [
                31,
                if leap { 29 } else { 28 },
                31,
                30,
                31,
                30,
                31,
                31,
                30,
                31,
                30,
                31,
            ];
            let mut month = 0;
            while days >= lengths[month] {
                days -= lengths[month];
                month += 1;
            }
            let day = days + 1;
            return (
                format!("{year:04}-{:02}-{day:02}", month + 1),
                format!("{} {day}, {year}", MONTHS[month]),
                weekday,
            );
        }
        days -= length;
        year += 1;
    }
}

const FIRST_NAMES: &[&str] = &[
    "Amina", "Brian", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hassan", "Ingrid", "Javier",
    "Kofi", "Leila", "Marcus", "Nadia", "Oleg", "Priya", "Rashid", "Sofia", "Tomas", "Umar",
    "Valerie", "Wei", "Yusuf", "Zainab", "Anders", "Beatriz", "Carlos", "Daniela", "Emeka",
    "Fatima",
];

const LAST_NAMES: &[&str] = &[
    "Abdullah",
    "Baker",
    "Castillo",
    "Dlamini",
    "Eriksen",
    "Fischer",
    "Gupta",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Mensah",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quraishi",
    "Rahman",
    "Santos",
    "Tanaka",
    "Usman",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhang",
    "Morales",
    "Novak",
    "Osei",
    "Papadopoulos",
];

const OUTLETS: &[&str] = &[
    "Reuters",
    "Associated Press",
    "Dawn",
    "The Guardian",
    "Al Jazeera",
    "Deutsche Welle",
    "The Hindu",
    "Agence France-Presse",
    "BBC News",
    "The Washington Post",
];

const CITIES: &[&str] = &[
    "WASHINGTON",
    "ISLAMABAD",
    "KABUL",
    "BAGHDAD",
    "ANKARA",
    "BEIRUT",
    "BRUSSELS",
    "GENEVA",
    "NEW YORK",
    "MOSCOW",
    "DOHA",
    "AMMAN",
    "CAIRO",
    "TEHRAN",
    "LONDON",
    "PARIS",
    "BERLIN",
    "NEW DELHI",
    "RIYADH",
    "NAIROBI",
];

const BODIES: &[&str] = &[
    "Foreign Ministry",
    "Interior Ministry",
    "United Nations",
    "European Commission",
    "Defense Ministry",
    "State Department",
    "World Health Organization",
    "African Union",
    "Red Cross",
    "Ministry of Finance",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> CorpusPool {
        let body = (0..20)
            .map(|i| format!("Paragraph {i} says that the minister met the envoy in the capital."))
            .collect::<Vec<_>>()
            .join("\n\n");
        CorpusPool::new([
            (
                "Talks resume".to_owned(),
                format!("Talks resume.\n\n{body}"),
            ),
            ("Second".to_owned(), "One line.\nAnother line.".to_owned()),
            ("Empty".to_owned(), "  \n\n ".to_owned()),
        ])
    }

    #[test]
    fn articles_are_deterministic_distinct_and_sized() {
        let pool = pool();
        assert_eq!(pool.len(), 2);
        let a = pool.corpus(7, 300);
        assert_eq!(a.len(), 300);
        assert_eq!(a, pool.corpus(7, 300));
        let hashes: std::collections::BTreeSet<&str> =
            a.iter().map(|d| d.content_hash.as_str()).collect();
        assert_eq!(hashes.len(), 300, "every article must be distinct");
        assert_ne!(a[0].text, pool.corpus(8, 1)[0].text);
        assert!(
            a.iter()
                .all(|d| d.text.len() >= 200 && d.text.len() < 9_000)
        );
        assert!(
            !a[0].text.contains("Talks resume."),
            "the headline paragraph is dropped"
        );
        assert_eq!(a[0].id, "article-00001");
        assert_eq!(a[0].meta.date, "2000-01-01");
        assert_eq!(a[59].meta.date, "2000-02-29");
    }

    #[test]
    fn dates_count_days_and_leap_years() {
        assert_eq!(date_of(0).0, "2000-01-01");
        assert_eq!(date_of(59).0, "2000-02-29");
        assert_eq!(date_of(366).0, "2001-01-01");
        assert_eq!(date_of(366 + 365 + 365 + 365 + 59).0, "2004-02-29");
        assert_eq!(date_of(0).2, "Saturday");
    }

    #[test]
    fn an_empty_pool_makes_nothing() {
        let pool = CorpusPool::new(Vec::new());
        assert!(pool.is_empty());
        assert!(pool.article(1, 0).is_none());
    }
}
