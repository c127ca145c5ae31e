//! The Penn Treebank tag set the part-of-speech tagger outputs, and the mapping from the
//! tags of training files to it (shared by the tagger, its tag dictionary and training).

/// Every tag the tagger can output (Penn Treebank, as in the CoNLL-2003 files; brackets are
/// written `-LRB-`/`-RRB-`, and `CoNLL`'s straight double quote is `"`).
pub const PENN_TAGS: [&str; 48] = [
    "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS", "NNP", "NNPS",
    "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG",
    "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", ".", ",", ":", "\"", "``", "''", "-LRB-",
    "-RRB-", "$", "#", "HYPH", "NFP",
];

/// Maps a tag as found in training data to its index in [`PENN_TAGS`].
pub(crate) fn tag_index(tag: &str) -> Option<usize> {
    let tag = match tag {
        "(" => "-LRB-",
        ")" => "-RRB-",
        "NN|SYM" => "NN",
        t => t,
    };
    PENN_TAGS.iter().position(|t| *t == tag)
}
