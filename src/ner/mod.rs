//! The trained statistical entity recogniser and part-of-speech tagger.
