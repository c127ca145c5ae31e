//! Checks of a PDF's object graph before pdf-extract walks it, which it does by recursion
//! without a limit: a page's `/Parent` chain (looked up for inherited resources and media
//! boxes) and the form `XObject`s a content stream draws with `Do`, each of which may draw
//! others. A chain that loops would recurse until the stack overflows, which no
//! `catch_unwind` can stop, and drawings that draw each other many times over (a "billion
//! laughs" of forms) would run for hours; both are refused here with a clear reason.

use std::collections::{HashMap, HashSet};

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId};

/// A limit on the content a PDF makes pdf-extract process, forms counted as often as
/// they are drawn: `bytes` of content streams at most, drawings at most `depth` deep.
pub(crate) struct Budget {
    /// The most content-stream bytes processed over the whole document.
    pub bytes: u64,
    /// The deepest nesting of forms inside forms (and of a page's ancestors).
    pub depth: usize,
}

/// The object `object` refers to (itself when it is not a reference).
fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok(),
        _ => Some(object),
    }
}

/// The dictionary under `key` in `dict`, through a reference.
fn dict_at<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    dict.get(key)
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
}

/// The state of one check.
struct Walk<'a> {
    doc: &'a Document,
    budget: &'a Budget,
    /// Content bytes one drawing of a form costs, with its own drawings (by form and the
    /// resources it was drawn with).
    costs: HashMap<(ObjectId, usize), u64>,
    /// The forms being drawn, innermost last.
    drawing: Vec<ObjectId>,
}

impl<'a> Walk<'a> {
    /// The content cost of `content` drawn with `resources`, its forms included.
    fn cost(&mut self, content: &[u8], resources: &'a Dictionary) -> Result<u64, String> {
        let mut total = content.len() as u64;
        let Ok(ops) = Content::decode(content) else {
            // pdf-extract reads what it can; nothing here is drawn.
            return Ok(total);
        };
        let xobjects = dict_at(self.doc, resources, b"XObject");
        for op in ops.operations.iter().filter(|op| op.operator == "Do") {
            let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
                continue;
            };
            let Some(Object::Reference(id)) = xobjects.and_then(|x| x.get(name).ok()) else {
                continue;
            };
            total = total.saturating_add(self.form_cost(*id, resources)?);
            if total > self.budget.bytes {
                return Err(self.over_budget());
            }
        }
        Ok(total)
    }

    /// The cost of drawing the form `id` once, from a content stream with `resources`.
    fn form_cost(&mut self, id: ObjectId, resources: &'a Dictionary) -> Result<u64, String> {
        let key = (id, std::ptr::from_ref(resources) as usize);
        if let Some(&cost) = self.costs.get(&key) {
            return Ok(cost);
        }
        if self.drawing.contains(&id) {
            return Err(format!(
                "the PDF's drawings loop (form object {} {} draws itself); the file is damaged \
                 or hostile",
                id.0, id.1
            ));
        }
        if self.drawing.len() >= self.budget.depth {
            return Err(format!(
                "the PDF's drawings are nested more than {} deep; the file is damaged or hostile",
                self.budget.depth
            ));
        }
        let Ok(stream) = self.doc.get_object(id).and_then(Object::as_stream) else {
            return Ok(0);
        };
        let own = dict_at(self.doc, &stream.dict, b"Resources").unwrap_or(resources);
        let content = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        self.drawing.push(id);
        let cost = self.cost(&content, own);
        self.drawing.pop();
        let cost = cost?;
        self.costs.insert(key, cost);
        Ok(cost)
    }

    fn over_budget(&self) -> String {
        format!(
            "the PDF draws more than {} of content (forms drawn inside forms, over and over); \
             the file is damaged or hostile",
            super::limits::megabytes(self.budget.bytes)
        )
    }

    /// Refuses a page whose `/Parent` chain loops or is deeper than the budget.
    fn parents(&self, page: ObjectId) -> Result<(), String> {
        let mut seen = HashSet::new();
        let mut current = page;
        loop {
            if !seen.insert(current) {
                return Err(format!(
                    "the PDF's page tree loops (object {} {} is its own ancestor); the file is \
                     damaged",
                    current.0, current.1
                ));
            }
            if seen.len() > self.budget.depth {
                return Err(format!(
                    "the PDF's page tree is more than {} levels deep; the file is damaged",
                    self.budget.depth
                ));
            }
            let Ok(dict) = self.doc.get_dictionary(current) else {
                return Ok(());
            };
            match dict.get(b"Parent") {
                Ok(Object::Reference(parent)) => current = *parent,
                _ => return Ok(()),
            }
        }
    }

    /// The resources a page inherits, found as pdf-extract finds them.
    fn page_resources(&self, page: ObjectId) -> Option<&'a Dictionary> {
        let mut dict = self.doc.get_dictionary(page).ok()?;
        for _ in 0..=self.budget.depth {
            if let Some(resources) = dict_at(self.doc, dict, b"Resources") {
                return Some(resources);
            }
            let Ok(Object::Reference(parent)) = dict.get(b"Parent") else {
                return None;
            };
            dict = self.doc.get_dictionary(*parent).ok()?;
        }
        None
    }
}

/// Refuses a document that pdf-extract would recurse on without end or process for too
/// long; the reason is in words a researcher understands.
pub(crate) fn check(doc: &Document, budget: &Budget) -> Result<(), String> {
    let empty = Dictionary::new();
    let mut walk = Walk {
        doc,
        budget,
        costs: HashMap::new(),
        drawing: Vec::new(),
    };
    let mut spent = 0u64;
    for page in doc.get_pages().into_values() {
        walk.parents(page)?;
        let content = doc.get_page_content(page).unwrap_or_default();
        let resources = walk.page_resources(page).unwrap_or(&empty);
        spent = spent.saturating_add(walk.cost(&content, resources)?);
        if spent > budget.bytes {
            return Err(walk.over_budget());
        }
    }
    Ok(())
}
