//! Hand annotation for UI tests: builds documents with mentions, entities, quotes and
//! relations from a small gazetteer, so the UI tests do not depend on the extraction
//! pipeline's output.

#![allow(dead_code)]

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quarry::app::App;
use quarry::app::dialogs::ScriptedDialogs;
use quarry::project::Project;

use quarry::model::{
    Document, Entity, EntityId, EntityType, Mention, MentionId, Provenance, Quote, Relation,
    RelationKind, RelationType, Sentence, Span,
};

/// One gazetteer entry: a canonical name, its type and the surface forms to find.
pub struct Name<'a> {
    /// The canonical name.
    pub canonical: &'a str,
    /// The type.
    pub entity_type: EntityType,
    /// Surface forms, searched longest first.
    pub forms: &'a [&'a str],
}

/// An asserted relation to add: head canonical, type, tail canonical, trigger word.
pub type Triple<'a> = (&'a str, RelationType, &'a str, &'a str);

/// The workbench on `project` (no file, no dialogs), headless at 1400×900, after its first
/// two frames.
pub fn harness(project: Project) -> Harness<'static, App> {
    harness_with_dialogs(project, ScriptedDialogs::default())
}

/// [`harness`] whose file dialogs answer from `dialogs`.
pub fn harness_with_dialogs(project: Project, dialogs: ScriptedDialogs) -> Harness<'static, App> {
    let app = App::from_project(project, None, Box::new(dialogs));
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(quarry::app::fonts::install)
        .build_eframe(move |_cc| app);
    harness.run_steps(2);
    harness
}

/// A path under `../shared/articles`; `QUARRY_SHARED_DIR` may point elsewhere when the
/// checkout is not beside `shared/` (a git worktree), as in `tests/ingest_formats.rs`.
pub fn shared_article(rel: &str) -> PathBuf {
    let root = std::env::var_os("QUARRY_SHARED_DIR").map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared")),
        PathBuf::from,
    );
    root.join("articles").join(rel)
}

fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, ch) in text.char_indices() {
        let end_here = matches!(ch, '.' | '?' | '!' | '\n')
            && bytes.get(i + 1).is_none_or(|b| *b == b' ' || *b == b'\n');
        if end_here {
            let s = &text[start..=i];
            let lead = s.len() - s.trim_start().len();
            let body = s.trim();
            if !body.is_empty() {
                out.push(Sentence {
                    span: Span::new(start + lead, start + lead + body.len()),
                });
            }
            start = i + ch.len_utf8();
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        let lead = text[start..].len() - text[start..].trim_start().len();
        out.push(Sentence {
            span: Span::new(start + lead, start + lead + text[start..].trim().len()),
        });
    }
    out
}

fn is_word_boundary(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    before.is_none_or(|c| !c.is_alphanumeric())
}

/// Annotates `text` with the names (every occurrence, longest form first, whole words),
/// direct quotes between curly quotes attributed to the nearest person in the sentence
/// (cue "said" when present), same-sentence co-occurrences and the given asserted triples.
pub fn annotate(
    id: &str,
    title: &str,
    text: &str,
    names: &[Name<'_>],
    triples: &[Triple<'_>],
) -> Document {
    let mut doc = Document::new(id, text);
    title.clone_into(&mut doc.meta.title);
    "Test outlet".clone_into(&mut doc.meta.source);
    "2021-01-29".clone_into(&mut doc.meta.date);
    let a = &mut doc.annotations;
    a.sentences = sentences(text);

    // Mentions.
    let mut forms: Vec<(&str, usize)> = names
        .iter()
        .enumerate()
        .flat_map(|(i, n)| n.forms.iter().map(move |f| (*f, i)))
        .collect();
    forms.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    let mut taken: Vec<(Span, usize)> = Vec::new();
    for (form, name) in forms {
        let mut from = 0;
        while let Some(pos) = text[from..].find(form) {
            let start = from + pos;
            let end = start + form.len();
            from = end;
            let after_ok = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if !is_word_boundary(text, start) || !after_ok {
                continue;
            }
            let span = Span::new(start, end);
            if taken.iter().any(|(s, _)| s.overlaps(span)) {
                continue;
            }
            taken.push((span, name));
        }
    }
    taken.sort_by_key(|(s, _)| *s);
    let mut entity_of_name: Vec<Option<EntityId>> = vec![None; names.len()];
    for (span, name) in &taken {
        let entity = *entity_of_name[*name].get_or_insert_with(|| {
            let id = EntityId::from_index(a.entities.len());
            a.entities.push(Entity {
                canonical_name: names[*name].canonical.to_owned(),
                entity_type: names[*name].entity_type,
                mentions: Vec::new(),
                aliases: names[*name]
                    .forms
                    .iter()
                    .filter(|f| **f != names[*name].canonical)
                    .map(|f| (*f).to_owned())
                    .collect(),
                provenance: Provenance::new("hand", 1.0, "gazetteer"),
            });
            id
        });
        let mention = MentionId::from_index(a.mentions.len());
        a.mentions.push(Mention {
            span: *span,
            entity_type: names[*name].entity_type,
            entity: Some(entity),
            provenance: Provenance::new("hand", 0.9, "gazetteer"),
        });
        a.entities[entity.index()].mentions.push(mention);
    }

    // Direct quotes.
    let mut from = 0;
    while let Some(open) = text[from..].find('“') {
        let start = from + open + '“'.len_utf8();
        let Some(close) = text[start..].find('”') else {
            break;
        };
        let end = start + close;
        from = end + '”'.len_utf8();
        let content = Span::new(start, end);
        let sentence = a
            .sentences
            .iter()
            .find(|s| s.span.start <= start && start < s.span.end)
            .map_or(content, |s| s.span);
        let speaker = a
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                m.entity_type == EntityType::Person
                    && sentence.contains(m.span)
                    && !content.contains(m.span)
            })
            .min_by_key(|(_, m)| m.span.start.abs_diff(start))
            .map(|(i, m)| (MentionId::from_index(i), m.span, m.entity));
        let cue = text[sentence.range()]
            .find("said")
            .map(|p| Span::new(sentence.start + p, sentence.start + p + 4));
        a.quotes.push(Quote {
            content,
            extent: None,
            direct: true,
            cue,
            speaker: speaker.map(|s| s.1),
            speaker_mention: speaker.map(|s| s.0),
            speaker_entity: speaker.and_then(|s| s.2),
            provenance: Provenance::new("hand", 0.8, "curly-quotes"),
        });
    }

    // Co-occurrence and asserted relations.
    for sentence in a.sentences.clone() {
        let inside: Vec<(MentionId, EntityId)> = a
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| sentence.span.contains(m.span))
            .filter_map(|(i, m)| m.entity.map(|e| (MentionId::from_index(i), e)))
            .collect();
        for (i, (hm, h)) in inside.iter().enumerate() {
            for (tm, t) in &inside[i + 1..] {
                if h == t {
                    continue;
                }
                a.relations.push(Relation {
                    head: *h,
                    tail: *t,
                    head_mention: Some(*hm),
                    tail_mention: Some(*tm),
                    relation_type: RelationType::CoOccurs,
                    kind: RelationKind::Cooccurrence,
                    trigger: None,
                    evidence: sentence.span,
                    negated: false,
                    modal: false,
                    provenance: Provenance::new("hand", 0.3, "same-sentence"),
                });
            }
        }
        for (head, relation_type, tail, trigger) in triples {
            let find = |canonical: &str| {
                inside
                    .iter()
                    .find(|(_, e)| a.entities[e.index()].canonical_name == canonical)
                    .copied()
            };
            let Some(trigger_at) = text[sentence.span.range()].find(trigger) else {
                continue;
            };
            if let (Some((hm, h)), Some((tm, t))) = (find(head), find(tail)) {
                let ts = sentence.span.start + trigger_at;
                a.relations.push(Relation {
                    head: h,
                    tail: t,
                    head_mention: Some(hm),
                    tail_mention: Some(tm),
                    relation_type: *relation_type,
                    kind: RelationKind::Asserted,
                    trigger: Some(Span::new(ts, ts + trigger.len())),
                    evidence: sentence.span,
                    negated: false,
                    modal: false,
                    provenance: Provenance::new("hand", 0.7, "trigger"),
                });
            }
        }
    }
    doc
}

/// The gazetteer for the commissioning article.
pub fn peace_names() -> Vec<Name<'static>> {
    vec![
        Name {
            canonical: "Shah Mehmood Qureshi",
            entity_type: EntityType::Person,
            forms: &["Shah Mehmood Qureshi", "Qureshi"],
        },
        Name {
            canonical: "Qamar Javed Bajwa",
            entity_type: EntityType::Person,
            forms: &["General Qamar Javed Bajwa", "Qamar Javed Bajwa", "Bajwa"],
        },
        Name {
            canonical: "Joe Biden",
            entity_type: EntityType::Person,
            forms: &["President Joe Biden", "Joe Biden", "Biden"],
        },
        Name {
            canonical: "Lloyd Austin",
            entity_type: EntityType::Person,
            forms: &["General Lloyd Austin", "Lloyd Austin", "Austin"],
        },
        Name {
            canonical: "Pakistan",
            entity_type: EntityType::Loc,
            forms: &["Pakistan"],
        },
        Name {
            canonical: "Afghanistan",
            entity_type: EntityType::Loc,
            forms: &["Afghanistan"],
        },
        Name {
            canonical: "United States",
            entity_type: EntityType::Loc,
            forms: &["United States", "US", "U.S."],
        },
        Name {
            canonical: "Inter-Services Public Relations",
            entity_type: EntityType::Org,
            forms: &["Inter-Services Public Relations", "ISPR"],
        },
        Name {
            canonical: "Al Jazeera",
            entity_type: EntityType::Org,
            forms: &["Al Jazeera"],
        },
        Name {
            canonical: "Taliban",
            entity_type: EntityType::Org,
            forms: &["Taliban"],
        },
        Name {
            canonical: "Afghan",
            entity_type: EntityType::Norp,
            forms: &["Afghan"],
        },
        Name {
            canonical: "Pakistani",
            entity_type: EntityType::Norp,
            forms: &["Pakistani"],
        },
        Name {
            canonical: "Chief of Army Staff",
            entity_type: EntityType::Title,
            forms: &["Chief of Army Staff", "COAS"],
        },
        Name {
            canonical: "Foreign Minister",
            entity_type: EntityType::Title,
            forms: &["Foreign Minister"],
        },
    ]
}

/// The commissioning article, hand-annotated.
pub fn peace_document() -> Document {
    let path = shared_article("us-pakistan-afghan-peace.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (the article is in ../shared)", path.display()));
    annotate(
        "us-pakistan-afghan-peace",
        "US assures Pakistan of continued cooperation for Afghan peace",
        &text,
        &peace_names(),
        &[
            (
                "Shah Mehmood Qureshi",
                RelationType::Urged,
                "United States",
                "urged",
            ),
            (
                "Shah Mehmood Qureshi",
                RelationType::OfficeHeld,
                "Foreign Minister",
                "Foreign Minister",
            ),
            (
                "Qamar Javed Bajwa",
                RelationType::OfficeHeld,
                "Chief of Army Staff",
                "Chief of Army Staff",
            ),
        ],
    )
}

/// A second small document sharing entities with the first.
pub fn second_document() -> Document {
    let text = "Foreign Minister Shah Mehmood Qureshi met Lloyd Austin in Washington. \
                Qureshi said “Pakistan wants peace in Afghanistan.” \
                Austin praised Pakistan for its support. \
                شاہ محمود قریشی نے کہا and Москва and 北京 were mentioned.";
    annotate(
        "second",
        "Qureshi meets Austin",
        text,
        &[
            Name {
                canonical: "Shah Mehmood Qureshi",
                entity_type: EntityType::Person,
                forms: &["Shah Mehmood Qureshi", "Qureshi"],
            },
            Name {
                canonical: "Lloyd Austin",
                entity_type: EntityType::Person,
                forms: &["Lloyd Austin", "Austin"],
            },
            Name {
                canonical: "Pakistan",
                entity_type: EntityType::Loc,
                forms: &["Pakistan"],
            },
            Name {
                canonical: "Afghanistan",
                entity_type: EntityType::Loc,
                forms: &["Afghanistan"],
            },
            Name {
                canonical: "Washington",
                entity_type: EntityType::Loc,
                forms: &["Washington"],
            },
            Name {
                canonical: "Foreign Minister",
                entity_type: EntityType::Title,
                forms: &["Foreign Minister"],
            },
            Name {
                canonical: "Москва",
                entity_type: EntityType::Loc,
                forms: &["Москва"],
            },
            Name {
                canonical: "北京",
                entity_type: EntityType::Loc,
                forms: &["北京"],
            },
            Name {
                canonical: "شاہ محمود قریشی",
                entity_type: EntityType::Person,
                forms: &["شاہ محمود قریشی"],
            },
        ],
        &[
            (
                "Shah Mehmood Qureshi",
                RelationType::Met,
                "Lloyd Austin",
                "met",
            ),
            (
                "Lloyd Austin",
                RelationType::Supports,
                "Pakistan",
                "praised",
            ),
        ],
    )
}

/// The entities table's row showing `label`: the leftmost node with that label (the reading
/// view, right of the table, may show the same words).
pub fn entities_row<'h>(
    harness: &'h Harness<'static, App>,
    label: &'h str,
) -> egui_kittest::Node<'h> {
    harness
        .get_all_by_label(label)
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .unwrap_or_else(|| panic!("no row “{label}”"))
}

/// Shows the Network tab and waits for its layout to settle.
pub fn show_network(harness: &mut Harness<'static, App>) {
    harness
        .state_mut()
        .set_tab(quarry::app::state::Tab::Network);
    harness.run_steps(2);
    harness.state_mut().graph_view_mut().wait_for_layout();
    harness.run_steps(3);
}
