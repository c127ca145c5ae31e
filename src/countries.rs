//! The one country table: names, short forms and demonyms, compiled in from
//! `assets/countries/countries.tsv`.
//!
//! Two readers use it: the in-article gazetteer of the rule stages
//! (`pipeline::lexicon`, which marks "U.S." as a LOC and "Pakistani" as a NORP of Pakistan)
//! and corpus resolution (`resolve::tables`, which joins "US", "U.S." and "United States"
//! across articles). They read different subsets — the gazetteer a curated 98
//! countries, resolution every state with its official names — because each subset is what
//! the outputs were measured with; a form marked `-` is read by resolution only, one marked
//! `+` by the gazetteer only, and a `-` before the canonical name leaves the whole country
//! out of the gazetteer. The NER model's `GeoNames` gazetteer (`assets/ner/gazetteers.tsv`) is
//! a third list on purpose: it is a feature of the trained weights, not a table of facts,
//! and changing it changes what the model predicts (see `assets/countries/README.md`).

/// Who reads a form of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reader {
    /// The in-article gazetteer of the rule stages.
    Gazetteer,
    /// Corpus-level resolution.
    Resolution,
}

/// One name or demonym of a country, with its marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Form {
    /// The form as written ("U.S.", "Pakistani").
    pub text: &'static str,
    /// Read by the in-article gazetteer.
    gazetteer: bool,
    /// Read by corpus resolution.
    resolution: bool,
}

impl Form {
    /// Parses one `|`-separated field entry: `-Form`, `+Form` or `Form`.
    fn parse(raw: &'static str) -> Form {
        let raw = raw.trim();
        if let Some(text) = raw.strip_prefix('-') {
            Form {
                text,
                gazetteer: false,
                resolution: true,
            }
        } else if let Some(text) = raw.strip_prefix('+') {
            Form {
                text,
                gazetteer: true,
                resolution: false,
            }
        } else {
            Form {
                text: raw,
                gazetteer: true,
                resolution: true,
            }
        }
    }

    /// True when `reader` reads this form.
    pub(crate) fn read_by(self, reader: Reader) -> bool {
        match reader {
            Reader::Gazetteer => self.gazetteer,
            Reader::Resolution => self.resolution,
        }
    }
}

/// One country: its canonical name, its other names and its demonyms, in table order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Country {
    /// The canonical name ("United States"), with its marker.
    pub canonical: Form,
    /// Other names and short forms ("US", "U.S.", "America").
    pub names: Vec<Form>,
    /// Demonyms and adjectives ("American", "Americans").
    pub demonyms: Vec<Form>,
}

impl Country {
    /// The canonical name followed by the other names `reader` reads; empty when `reader`
    /// does not read the canonical name (the country is not in its table).
    pub(crate) fn names_for(&self, reader: Reader) -> Vec<&'static str> {
        if !self.canonical.read_by(reader) {
            return Vec::new();
        }
        std::iter::once(self.canonical.text)
            .chain(forms_for(&self.names, reader))
            .collect()
    }

    /// The demonyms `reader` reads, in table order.
    pub(crate) fn demonyms_for(&self, reader: Reader) -> Vec<&'static str> {
        forms_for(&self.demonyms, reader).collect()
    }
}

fn forms_for(forms: &[Form], reader: Reader) -> impl Iterator<Item = &'static str> + '_ {
    forms
        .iter()
        .filter(move |f| f.read_by(reader) && !f.text.is_empty())
        .map(|f| f.text)
}

const TABLE: &str = include_str!("../assets/countries/countries.tsv");

/// The countries of the table, in file order (comment and blank lines skipped).
pub(crate) fn countries() -> impl Iterator<Item = Country> {
    TABLE
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let canonical = Form::parse(cols.next().unwrap_or_default());
            let list = |col: Option<&'static str>| -> Vec<Form> {
                col.unwrap_or_default()
                    .split('|')
                    .map(Form::parse)
                    .filter(|f| !f.text.is_empty())
                    .collect()
            };
            let names = list(cols.next());
            let demonyms = list(cols.next());
            (!canonical.text.is_empty()).then_some(Country {
                canonical,
                names,
                demonyms,
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(name: &str) -> Country {
        countries()
            .find(|c| c.canonical.text == name)
            .unwrap_or_else(|| panic!("{name} is in the table"))
    }

    #[test]
    fn markers_choose_the_reader() {
        let korea = country("South Korea");
        assert!(korea.demonyms_for(Reader::Gazetteer).contains(&"Korean"));
        assert!(!korea.demonyms_for(Reader::Resolution).contains(&"Korean"));
        let afghanistan = country("Afghanistan");
        assert_eq!(
            afghanistan.names_for(Reader::Resolution),
            [
                "Afghanistan",
                "Islamic Republic of Afghanistan",
                "Islamic Emirate of Afghanistan"
            ]
        );
        assert_eq!(afghanistan.names_for(Reader::Gazetteer), ["Afghanistan"]);
        let andorra = country("Andorra");
        assert!(andorra.names_for(Reader::Gazetteer).is_empty());
        assert_eq!(andorra.names_for(Reader::Resolution), ["Andorra"]);
        assert_eq!(andorra.demonyms_for(Reader::Resolution), ["Andorran"]);
    }

    #[test]
    fn every_line_is_well_formed() {
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            assert_eq!(line.split('\t').count(), 3, "three columns: {line:?}");
            for form in line.split(['\t', '|']).filter(|f| !f.is_empty()) {
                assert_eq!(form, form.trim(), "no padding: {line:?}");
                let text = form.trim_start_matches(['-', '+']);
                assert!(
                    form.len() - text.len() <= 1 && !text.is_empty(),
                    "one marker at most: {line:?}"
                );
            }
        }
        for c in countries() {
            assert!(
                c.canonical.read_by(Reader::Resolution),
                "resolution reads every country: {}",
                c.canonical.text
            );
        }
        let gazetteer = countries()
            .filter(|c| !c.names_for(Reader::Gazetteer).is_empty())
            .count();
        assert_eq!((gazetteer, countries().count()), (98, 197));
    }
}
