//! `quarry train`: retrain the shipped models.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use quarry::Result;

/// Which model `quarry train` trains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TrainTarget {
    /// The entity recogniser (`assets/ner/ner.model`).
    Ner,
    /// The part-of-speech tagger (`assets/ner/pos.model`).
    Pos,
}

/// `quarry train`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// What to train.
    pub target: TrainTarget,
    /// Training data: `CoNLL` columns (token, POS, chunk, NER).
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/conll2003/eng.train.conll"))]
    pub train: PathBuf,
    /// Development data for picking the epoch.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/conll2003/eng.dev.conll"))]
    pub dev: PathBuf,
    /// Shuffle seed.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Most epochs.
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Where to write the model (default: `assets/ner/<target>.model`; rebuild to ship it).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Runs the subcommand.
pub(crate) fn run(args: &TrainArgs) -> Result<ExitCode> {
    use quarry::ner::train::{TrainOptions, train_ner, train_pos};
    let dev = Some(args.dev.clone());
    let mut opts = match args.target {
        TrainTarget::Ner => TrainOptions::ner(args.train.clone(), dev),
        TrainTarget::Pos => TrainOptions::pos(args.train.clone(), dev),
    };
    if let Some(seed) = args.seed {
        opts.seed = seed;
    }
    if let Some(epochs) = args.epochs {
        opts.max_epochs = epochs;
    }
    opts.verbose = true;
    let (name, report) = match args.target {
        TrainTarget::Ner => ("ner", train_ner(&opts)?),
        TrainTarget::Pos => ("pos", train_pos(&opts)?),
    };
    let out = args.output.clone().unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("assets/ner/{name}.model"))
    });
    quarry::project::atomic_write(&out, &report.model)?;
    if let Some(dict) = &report.tag_dictionary {
        let path = out.with_extension("tagdict");
        quarry::project::atomic_write(&path, dict.as_bytes())?;
        eprintln!(
            "{name}: tag dictionary of {} words written to {}",
            dict.lines().count(),
            path.display()
        );
    }
    eprintln!(
        "{name}: best epoch {} of {}; dev {:?}; {} non-zero weights; {} bytes written to {} in {:.1} s",
        report.best_epoch,
        opts.max_epochs,
        report.dev_scores,
        report.non_zero,
        report.model.len(),
        out.display(),
        report.seconds
    );
    Ok(ExitCode::SUCCESS)
}
