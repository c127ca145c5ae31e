//! `quarry path`: the shortest chain of asserted relations between two actors, each step
//! with its evidence sentence.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use quarry::Result;
use quarry::graph::EntityGraph;
use quarry::graph::paths::{evidence_sentence, nodes_named, shortest_path};
use quarry::project::Project;

use super::curated_documents;

/// `quarry path` (see [`super::Command::Path`]).
#[derive(Debug, Args)]
pub struct PathArgs {
    /// The project file.
    #[arg(value_name = "P.ron")]
    pub project: PathBuf,
    /// The first actor's name (any alias) or node key.
    pub from: String,
    /// The second actor's name (any alias) or node key.
    pub to: String,
}

/// Runs the subcommand: prints one line per step (head, relation, tail, article, evidence
/// sentence, tab-separated). Exit code 0 when a path was found, 1 when a name is unknown,
/// ambiguous or the two are not connected.
pub(crate) fn run(args: &PathArgs) -> Result<ExitCode> {
    let project = Project::load(&args.project)?;
    let docs = curated_documents(&project, &args.project);
    let graph = EntityGraph::new(&docs, &project.curation.entities);
    let pick = |name: &str| -> Option<usize> {
        let nodes = nodes_named(&graph, name);
        match nodes.as_slice() {
            [] => {
                eprintln!(
                    "error: no entity named {name:?} in {}",
                    args.project.display()
                );
                None
            }
            [one] => Some(*one),
            many => {
                // The most mentioned reading of an ambiguous name, said on stderr.
                let best = *many.iter().max_by_key(|&&n| graph.nodes[n].mentions)?;
                let names: Vec<String> = many
                    .iter()
                    .map(|&n| format!("{} ({})", graph.nodes[n].name, graph.nodes[n].key))
                    .collect();
                eprintln!(
                    "note: {name:?} names {}; using {}",
                    names.join(", "),
                    graph.nodes[best].key
                );
                Some(best)
            }
        }
    };
    let (Some(from), Some(to)) = (pick(&args.from), pick(&args.to)) else {
        return Ok(ExitCode::FAILURE);
    };
    let Some(steps) = shortest_path(&graph, from, to) else {
        eprintln!(
            "no path of asserted relations between {} and {}",
            graph.nodes[from].name, graph.nodes[to].name
        );
        return Ok(ExitCode::FAILURE);
    };
    for step in &steps {
        let edge = &graph.edges[step.edge];
        let (head, tail) = (
            &graph.nodes[edge.source].name,
            &graph.nodes[edge.target].name,
        );
        let article = docs
            .get(step.evidence.document)
            .map_or("", |d| d.id.as_str());
        println!(
            "{head}\t{}\t{tail}\t{article}\t{}",
            edge.relation_type.human_label(),
            evidence_sentence(&docs, step.evidence).unwrap_or_default()
        );
    }
    eprintln!(
        "{} step(s) from {} to {}",
        steps.len(),
        graph.nodes[from].name,
        graph.nodes[to].name
    );
    Ok(ExitCode::SUCCESS)
}
