//! Background work on named threads: reading and extracting articles, loading and saving
//! projects. The UI polls [`Task::poll`] each frame and shows [`Task::progress`]; workers
//! wake the UI with `request_repaint`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Mutex};

use crate::Error;
use crate::ingest::{self, IngestReport};
use crate::pipeline::{Pipeline, PipelineSettings};
use crate::project::{Project, ProjectLock};

/// How far a task has come.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// What it is doing ("Reading files", "Extracting").
    pub phase: String,
    /// Items finished.
    pub done: usize,
    /// Items in all.
    pub total: usize,
    /// The item being worked on.
    pub current: String,
}

/// What a finished task hands back.
#[derive(Debug)]
// One result crosses the channel per finished task, so the size gap between variants costs
// nothing worth a Box.
#[allow(clippy::large_enum_variant)]
pub enum TaskResult {
    /// Articles were read and annotated (`cancelled` if the user stopped it; the documents
    /// that were finished are still returned, annotated or not).
    Ingested {
        /// Documents and failures.
        report: IngestReport,
        /// Whether the user cancelled.
        cancelled: bool,
    },
    /// The project's articles were extracted again (fresh annotations, same ids and text).
    Reextracted {
        /// The documents, in project order.
        documents: Vec<crate::model::Document>,
        /// Whether the user cancelled (then nothing is applied).
        cancelled: bool,
    },
    /// A project file was read.
    Loaded {
        /// The file.
        path: PathBuf,
        /// The project or why it could not be read.
        result: Result<Project, Error>,
        /// The project's lock, held while it is open for writing (`None`: read-only).
        lock: Option<ProjectLock>,
        /// Why it is read-only (another Quarry holds the lock: who), if it is.
        read_only: Option<String>,
        /// Warnings of the load (articles extracted again: the sidecar was missing, stale
        /// or damaged).
        warnings: Vec<String>,
    },
    /// A project was written.
    Saved {
        /// The file.
        path: PathBuf,
        /// Success or the error.
        result: Result<(), Error>,
        /// The edit revision that was saved.
        edit_revision: u64,
        /// The lock of the file saved to, to hold from now on.
        lock: Option<ProjectLock>,
    },
    /// The worker thread ended without a result (it panicked).
    Crashed {
        /// The task's label.
        label: String,
    },
}

/// A running background task.
pub struct Task {
    /// A short description for the status bar.
    pub label: String,
    progress: Arc<Mutex<Progress>>,
    cancel: Arc<AtomicBool>,
    receiver: Receiver<TaskResult>,
}

fn set_progress(progress: &Mutex<Progress>, phase: &str, done: usize, total: usize, current: &str) {
    if let Ok(mut p) = progress.lock() {
        p.phase.clear();
        p.phase.push_str(phase);
        p.done = done;
        p.total = total;
        p.current.clear();
        p.current.push_str(current);
    }
}

/// Runs the pipeline over `documents` on all cores, reporting each finished article.
/// Returns whether the user cancelled.
fn extract(
    documents: &mut [crate::model::Document],
    settings: &PipelineSettings,
    progress: &Mutex<Progress>,
    cancel: &AtomicBool,
    repaint: &egui::Context,
) -> bool {
    let total = documents.len();
    set_progress(progress, "Extracting", 0, total, "");
    repaint.request_repaint();
    let finished = AtomicUsize::new(0);
    let titles: Vec<String> = documents
        .iter()
        .map(|d| d.display_title().to_owned())
        .collect();
    // Loaded projects have valid settings (`Project::load` checks them).
    let outcome = Pipeline::new(settings).and_then(|pipeline| {
        pipeline.run_all(
            documents,
            &|i| {
                let done = finished.fetch_add(1, Ordering::Relaxed) + 1;
                let title = titles.get(i).map_or("", String::as_str);
                set_progress(progress, "Extracting", done, total, title);
                repaint.request_repaint();
            },
            cancel,
        )
    });
    matches!(outcome, Err(Error::Cancelled))
}

fn file_label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl Task {
    fn spawn(
        name: &str,
        label: String,
        ctx: &egui::Context,
        work: impl FnOnce(&Mutex<Progress>, &AtomicBool) -> TaskResult + Send + 'static,
    ) -> std::io::Result<Self> {
        let progress = Arc::new(Mutex::new(Progress::default()));
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, receiver) = channel();
        let (p, c, ctx) = (Arc::clone(&progress), Arc::clone(&cancel), ctx.clone());
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let result = work(&p, &c);
                // The receiver is gone only if the app closed; nothing to report then.
                sender.send(result).ok();
                ctx.request_repaint();
            })?;
        Ok(Self {
            label,
            progress,
            cancel,
            receiver,
        })
    }

    /// Reads `paths` (files and folders) and runs the extraction pipeline on what was read.
    pub fn ingest(
        ctx: &egui::Context,
        paths: Vec<PathBuf>,
        settings: PipelineSettings,
    ) -> std::io::Result<Self> {
        let repaint = ctx.clone();
        Self::spawn(
            "quarry-ingest",
            "Opening articles".to_owned(),
            ctx,
            move |progress, cancel| {
                let mut report = ingest::load_paths(
                    &paths,
                    &mut |done, total, path| {
                        set_progress(progress, "Reading", done, total, &file_label(path));
                        repaint.request_repaint();
                    },
                    cancel,
                );
                if cancel.load(Ordering::Relaxed) {
                    return TaskResult::Ingested {
                        report,
                        cancelled: true,
                    };
                }
                let cancelled =
                    extract(&mut report.documents, &settings, progress, cancel, &repaint);
                TaskResult::Ingested { report, cancelled }
            },
        )
    }

    /// Runs the extraction pipeline again on `documents` (their annotations are dropped
    /// first; ids, metadata and text stay).
    pub fn reextract(
        ctx: &egui::Context,
        mut documents: Vec<crate::model::Document>,
        settings: PipelineSettings,
    ) -> std::io::Result<Self> {
        let repaint = ctx.clone();
        Self::spawn(
            "quarry-reextract",
            "Re-extracting articles".to_owned(),
            ctx,
            move |progress, cancel| {
                for doc in &mut documents {
                    doc.annotations = crate::model::Annotations::default();
                }
                let cancelled = extract(&mut documents, &settings, progress, cancel, &repaint);
                TaskResult::Reextracted {
                    documents,
                    cancelled,
                }
            },
        )
    }

    /// Reads a project file, taking its lock ([`Project::open`]): when another Quarry holds
    /// it, the project opens read-only and `read_only` says who holds it.
    pub fn load(ctx: &egui::Context, path: PathBuf) -> std::io::Result<Self> {
        let label = format!("Opening {}", file_label(&path));
        let repaint = ctx.clone();
        Self::spawn("quarry-load", label, ctx, move |progress, _| {
            let name = file_label(&path);
            set_progress(progress, "Reading project", 0, 1, &name);
            let report = |step: crate::project::Step| {
                set_progress(progress, step.phase, step.done, step.total, &name);
                repaint.request_repaint();
            };
            match Project::open_with(&path, false, &report) {
                Ok(opened) => TaskResult::Loaded {
                    path,
                    result: Ok(opened.project),
                    lock: opened.lock,
                    read_only: opened.read_only,
                    warnings: opened.warnings,
                },
                Err(e) => TaskResult::Loaded {
                    path,
                    result: Err(e),
                    lock: None,
                    read_only: None,
                    warnings: Vec::new(),
                },
            }
        })
    }

    /// Writes `project` to `path` (atomically, through [`Project::save`]).
    pub fn save(
        ctx: &egui::Context,
        project: Project,
        path: PathBuf,
        edit_revision: u64,
    ) -> std::io::Result<Self> {
        let label = format!("Saving {}", file_label(&path));
        let repaint = ctx.clone();
        Self::spawn("quarry-save", label, ctx, move |progress, _| {
            let name = file_label(&path);
            set_progress(progress, "Saving", 0, 1, &name);
            let result = project.save_with(&path, &|step| {
                set_progress(progress, step.phase, step.done, step.total, &name);
                repaint.request_repaint();
            });
            // Saved: hold the file's lock from now on (a Save As moves it to the new file).
            let lock = result
                .as_ref()
                .ok()
                .and_then(|()| ProjectLock::acquire(&path).ok());
            TaskResult::Saved {
                path,
                result,
                edit_revision,
                lock,
            }
        })
    }

    /// The progress so far.
    pub fn progress(&self) -> Progress {
        self.progress.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// Asks the task to stop as soon as it can.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether cancelling was asked for.
    pub fn is_cancelling(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The result, once the task has finished. A task whose thread died reports a failure.
    pub fn poll(&self) -> Option<TaskResult> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(TaskResult::Crashed {
                label: self.label.clone(),
            }),
        }
    }
}
