//! Hand-made sentences for each relation pattern and type of the `relations` stage: exact
//! head, tail, type, trigger, negation and modality.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Test helpers may panic.

use quarry::model::{Document, RelationKind};
use quarry::pipeline::{Pipeline, PipelineSettings};

/// One asserted relation, by canonical names.
#[derive(Debug, Clone, PartialEq)]
struct Rel {
    head: String,
    ty: &'static str,
    tail: String,
    trigger: String,
    negated: bool,
    modal: bool,
    rule: String,
}

fn relations(text: &str) -> Vec<Rel> {
    let mut doc = Document::new("t", text);
    Pipeline::new(&PipelineSettings::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .run(&mut doc);
    let ann = &doc.annotations;
    ann.relations
        .iter()
        .filter(|r| r.kind == RelationKind::Asserted)
        .map(|r| {
            let trigger = r.trigger.expect("asserted relations have a trigger");
            assert!(r.evidence.contains(trigger), "trigger inside its evidence");
            Rel {
                head: ann.entities[r.head.index()].canonical_name.clone(),
                ty: r.relation_type.label(),
                tail: ann.entities[r.tail.index()].canonical_name.clone(),
                trigger: trigger.text(&doc.text).to_owned(),
                negated: r.negated,
                modal: r.modal,
                rule: r.provenance.rule.to_string(),
            }
        })
        .collect()
}

/// The relation `head -ty-> tail`, which must exist exactly once.
fn find<'r>(rels: &'r [Rel], head: &str, ty: &str, tail: &str) -> &'r Rel {
    let found: Vec<&Rel> = rels
        .iter()
        .filter(|r| r.head == head && r.ty == ty && r.tail == tail)
        .collect();
    assert_eq!(found.len(), 1, "{head} {ty} {tail} in {rels:#?}");
    found[0]
}

fn plain(r: &Rel, trigger: &str) {
    assert_eq!(r.trigger, trigger, "{r:?}");
    assert!(!r.negated && !r.modal, "{r:?}");
}

#[test]
fn apposition_the_title_of_place() {
    let r = relations("Haider al-Abadi, the Prime Minister of Iraq, met John Kerry in Baghdad.");
    plain(
        find(&r, "Haider al-Abadi", "OFFICE_HELD", "Prime Minister"),
        "Prime Minister",
    );
    let place = find(&r, "Haider al-Abadi", "OFFICE_HELD", "Iraq");
    assert_eq!(place.rule, "office-of-place");
    let leads = find(&r, "Haider al-Abadi", "LEADS", "Iraq");
    assert_eq!(leads.rule, "leading-office");
    plain(find(&r, "Haider al-Abadi", "MET", "John Kerry"), "met");
    assert!(
        !r.iter().any(|x| x.ty == "MET" && x.tail == "Baghdad"),
        "a place is not met: {r:#?}"
    );
}

#[test]
fn possessive_place_before_title_and_name() {
    let r = relations("Pakistan’s army chief General Qamar Javed Bajwa visited Kabul.");
    let place = find(&r, "Qamar Javed Bajwa", "OFFICE_HELD", "Pakistan");
    assert_eq!(place.rule, "office-modifier");
    plain(
        find(&r, "Qamar Javed Bajwa", "OFFICE_HELD", "General"),
        "General",
    );
}

#[test]
fn appositive_title_and_thanks() {
    let r = relations("Knox Thames, the Special Advisor, thanked Turkey.");
    assert_eq!(
        find(&r, "Knox Thames", "OFFICE_HELD", "Special Advisor").rule,
        "appositive-title"
    );
    plain(find(&r, "Knox Thames", "SUPPORTS", "Turkey"), "thanked");
}

#[test]
fn said_to_and_urged() {
    let r = relations("John Kerry told Sergey Lavrov that the talks would continue.");
    plain(find(&r, "John Kerry", "SAID_TO", "Sergey Lavrov"), "told");
    let r = relations("Antony Blinken called on Haider al-Abadi to protect civilians.");
    plain(
        find(&r, "Antony Blinken", "URGED", "Haider al-Abadi"),
        "called on",
    );
    assert!(!r.iter().any(|x| x.ty == "MET"), "{r:#?}");
}

#[test]
fn passive_voice_turns_around() {
    let r =
        relations("Lloyd Austin arrived in Rawalpindi. General Bajwa was praised by Lloyd Austin.");
    let s = r
        .iter()
        .find(|x| x.ty == "SUPPORTS")
        .unwrap_or_else(|| panic!("{r:#?}"));
    assert_eq!(s.head, "Lloyd Austin");
    assert!(s.tail.ends_with("Bajwa"), "{s:?}");
    assert_eq!(s.rule, "trigger-passive");
    plain(s, "praised");
}

#[test]
fn coordinated_subjects_and_cooperation() {
    let r = relations("The United States and Iraq signed a loan agreement.");
    let a = find(&r, "United States", "ALLIED_WITH", "Iraq");
    assert_eq!(a.rule, "trigger-coordinated");
    plain(a, "signed");
    let r = relations("Pakistan will cooperate with Afghanistan on border security.");
    let a = find(&r, "Pakistan", "ALLIED_WITH", "Afghanistan");
    assert_eq!(a.trigger, "cooperate with");
    assert!(a.modal && !a.negated);
}

#[test]
fn located_in() {
    let r = relations("The meeting took place in Berlin, Germany, on Monday.");
    assert_eq!(
        find(&r, "Berlin", "LOCATED_IN", "Germany").rule,
        "place-comma-country"
    );
    let r = relations("The attack on Camp Hurriya in Iraq killed residents.");
    assert_eq!(
        find(&r, "Camp Hurriya", "LOCATED_IN", "Iraq").rule,
        "place-in-place"
    );
    // A list of countries is not a place in a country.
    let r = relations("The envoy will visit Iraq, Syria and Lebanon.");
    assert!(!r.iter().any(|x| x.ty == "LOCATED_IN"), "{r:#?}");
}

#[test]
fn negated_and_modal_promise_with_recipient() {
    let r = relations(
        "The International Military Education and Training (IMET) programme helps officers. \
         Lloyd Austin will not restore IMET funds for Pakistan.",
    );
    let p = find(&r, "Lloyd Austin", "PROMISED", "Pakistan");
    assert_eq!(p.trigger, "restore");
    assert!(p.negated && p.modal, "will not restore: {p:?}");
    let r = relations("Lloyd Austin did not meet Imran Khan.");
    let m = find(&r, "Lloyd Austin", "MET", "Imran Khan");
    assert!(m.negated && !m.modal);
}

#[test]
fn member_leads_criticises_fights() {
    let r = relations("Germany, a member of NATO, sent troops.");
    plain(find(&r, "Germany", "MEMBER_OF", "NATO"), "member of");
    // "members of" far from any actor gives nothing.
    let r = relations(
        "Brett McGurk will lead a delegation to Berlin for a meeting with key members of NATO.",
    );
    assert!(!r.iter().any(|x| x.ty == "MEMBER_OF"), "{r:#?}");
    let r = relations("Imran Khan leads Pakistan Tehreek-e-Insaf.");
    plain(
        find(&r, "Imran Khan", "LEADS", "Pakistan Tehreek-e-Insaf"),
        "leads",
    );
    let r = relations("The United States condemned the Taliban for the attack.");
    plain(
        find(&r, "United States", "CRITICISES", "Taliban"),
        "condemned",
    );
    let r = relations("Iraq will fight ISIL in Mosul.");
    let f = find(&r, "Iraq", "FIGHTS", "ISIL");
    assert!(f.modal && !f.negated && f.trigger == "fight");
}

#[test]
fn demonym_adjectives_stand_for_their_country_only_before_state_nouns() {
    let r = relations("Iraq is sovereign. The United States supports Iraqi unity and sovereignty.");
    plain(find(&r, "United States", "SUPPORTS", "Iraq"), "supports");
    let r =
        relations("Syria is at war. The United States will provide aid to the Syrian opposition.");
    assert!(
        !r.iter().any(|x| x.ty == "PROMISED" && x.tail == "Syria"),
        "the opposition is not Syria: {r:#?}"
    );
}

#[test]
fn writer_and_objects_of_prepositions_are_not_heads() {
    let r = relations(
        "We remain committed to working with Prime Minister Al-Abadi, the Iraqi Security Forces, \
         and our partners to support the Government of Iraq.",
    );
    assert!(
        !r.iter().any(|x| x.ty == "SUPPORTS"),
        "the writer supports, not the forces: {r:#?}"
    );
}

#[test]
fn affiliation_before_a_name_and_person_of_party() {
    let r = relations("Republican senator said that NATO’s Jens Stoltenberg agreed.");
    plain(find(&r, "Jens Stoltenberg", "MEMBER_OF", "NATO"), "NATO");
    let r = relations("Otto Pérez Molina of the Patriotic Party won the election.");
    let m = find(&r, "Otto Pérez Molina", "MEMBER_OF", "Patriotic Party");
    assert_eq!(m.rule, "person-of-group");
    let r = relations("Leicestershire beat Somerset by an innings.");
    plain(find(&r, "Leicestershire", "FIGHTS", "Somerset"), "beat");
}

#[test]
fn party_words_before_names_and_split_names() {
    let r = relations("Cox was defeated by Republican Warren Harding in the election.");
    let f = r
        .iter()
        .find(|x| x.ty == "FIGHTS")
        .unwrap_or_else(|| panic!("{r:#?}"));
    assert_eq!(
        (f.tail.as_str(), f.rule.as_str()),
        ("Cox", "trigger-passive")
    );
    assert!(
        f.head.contains("Harding"),
        "the person, not the party word: {f:?}"
    );
    assert!(
        r.iter()
            .any(|x| x.ty == "MEMBER_OF" && x.head.contains("Harding") && x.tail == "Republican"),
        "{r:#?}"
    );
}

#[test]
fn country_before_title_and_name_modifies_the_tail() {
    let r = relations(
        "President Joe Biden met Pakistani Foreign Minister Shah Mehmood Qureshi in Washington.",
    );
    plain(find(&r, "Joe Biden", "MET", "Shah Mehmood Qureshi"), "met");
    assert!(
        !r.iter().any(|x| x.ty == "MET" && x.tail == "Pakistan"),
        "the demonym is not who was met: {r:#?}"
    );
}

#[test]
fn a_participle_after_a_message_shares_its_speaker_and_addressee() {
    // "X told Y, assuring/promising …": X PROMISED Y, read from the "said to" pair.
    let rels = relations(
        "German Chancellor Angela Merkel told Emmanuel Macron on Monday, promising continued \
         support for the reform plan.",
    );
    let r = find(&rels, "Angela Merkel", "PROMISED", "Emmanuel Macron");
    plain(r, "promising");
    assert_eq!(r.rule, "trigger-participle");
    // Without a message to someone before it, the participle names no one.
    let rels = relations(
        "Prime Minister Justin Trudeau spoke in Ottawa on Friday, assuring continued aid.",
    );
    assert!(rels.iter().all(|r| r.ty != "PROMISED"), "{rels:#?}");
}

#[test]
fn another_name_the_article_gives_is_an_alias() {
    // The `aliases` stage makes both names one entity (canonical: the longer name); the
    // relation records the statement between its two mentions, as acronyms do.
    let rels = relations("Hayat Tahrir al-Sham, also known as the Nusra Front, attacked the town.");
    let r = find(
        &rels,
        "Hayat Tahrir al-Sham",
        "ALIAS_OF",
        "Hayat Tahrir al-Sham",
    );
    plain(r, "also known as");
    let rels =
        relations("Jabhat Fateh al-Sham, formerly known as Jabhat al-Nusra, claimed the attack.");
    let r = find(
        &rels,
        "Jabhat Fateh al-Sham",
        "ALIAS_OF",
        "Jabhat Fateh al-Sham",
    );
    plain(r, "formerly known as");
}

/// No relation of type `ty` at all.
fn none_of(rels: &[Rel], ty: &str) {
    assert!(rels.iter().all(|r| r.ty != ty), "no {ty}: {rels:#?}");
}

#[test]
fn hoped_takes_the_subject_of_the_that_clause() {
    let r = relations("German Chancellor Angela Merkel hoped that France will join the talks.");
    let h = find(&r, "Angela Merkel", "HOPED", "France");
    plain(h, "hoped");
    assert_eq!(h.rule, "trigger-pattern");
    // A pronoun or a description subject counts as the actor it resolves to.
    let r = relations("Angela Merkel arrived in Paris. She hoped that France would sign.");
    plain(find(&r, "Angela Merkel", "HOPED", "France"), "hoped");
    let r = relations(
        "Justin Trudeau met Angela Merkel in Berlin. The visiting leader hoped that Germany \
         would join.",
    );
    plain(find(&r, "Justin Trudeau", "HOPED", "Germany"), "hoped");
    // Without a "that" clause the flag does not fire.
    none_of(
        &relations("Angela Merkel hoped for a quick deal with France."),
        "HOPED",
    );
}

#[test]
fn said_of_the_subject_of_a_that_clause() {
    let r = relations(
        "In a speech in Ottawa, Justin Trudeau said that President Emmanuel Macron should \
         visit Canada.",
    );
    plain(
        find(&r, "Justin Trudeau", "SAID_OF", "Emmanuel Macron"),
        "said",
    );
    // A quote right after "that" names no subject: the words are the speaker's own.
    none_of(
        &relations("Justin Trudeau said that “we will work with France.”"),
        "SAID_OF",
    );
}

#[test]
fn urged_that_takes_the_clause_subject() {
    let r = relations("Angela Merkel urged that Greece repay its loans.");
    plain(find(&r, "Angela Merkel", "URGED", "Greece"), "urged");
}

#[test]
fn partner_in_reads_through_in_and_of() {
    let r = relations("Norway is a trusted partner in the peace talks in Colombia.");
    plain(find(&r, "Norway", "PARTNER_IN", "Colombia"), "partner in");
    // "through" passes "in"/"of" only: the enemy after "against" is not what one partners in.
    none_of(
        &relations("Norway is a partner in the fight against the Islamic State."),
        "PARTNER_IN",
    );
}

#[test]
fn ties_with_is_allied_with() {
    let r = relations("Japan is deepening its military ties with India.");
    plain(find(&r, "Japan", "ALLIED_WITH", "India"), "ties with");
}

#[test]
fn a_leaders_administration_names_the_country_of_the_office() {
    // The leader's own ("the Macron government") and exactly one country's ("the new French
    // government"): the President's office is of France.
    let r = relations(
        "The Macron government has written to Germany. The new French government wants a \
         deal with Germany. Farmers protested in France. President Emmanuel Macron met Olaf \
         Scholz.",
    );
    let o = find(&r, "Emmanuel Macron", "OFFICE_HELD", "France");
    assert_eq!(o.rule, "office-administration");
    plain(o, "President");
    assert!(
        !r.iter().any(|x| x.ty == "LEADS"),
        "the weaker rule adds no LEADS: {r:#?}"
    );
    // Two countries' governments: which one is his is not said.
    let r = relations(
        "The Macron government has written to Germany. The German government and the French \
         government want a deal. Farmers protested in France. President Emmanuel Macron met \
         Olaf Scholz.",
    );
    assert!(
        !r.iter()
            .any(|x| x.ty == "OFFICE_HELD" && x.head == "Emmanuel Macron" && x.tail == "France"),
        "{r:#?}"
    );
}

#[test]
fn a_fronted_place_is_the_scene_not_the_country_of_the_office() {
    // "In Kenya, …": the envoy visits Kenya; the office is not Kenya's.
    let r = relations(
        "In Kenya, Special Envoy Maria Lopez will meet officials of the African Union. \
         In Uganda, she will visit refugee camps.",
    );
    assert!(
        !r.iter()
            .any(|x| x.ty == "OFFICE_HELD" && x.head == "Maria Lopez" && x.tail == "Kenya"),
        "{r:#?}"
    );
    // Without the comma the place still names the office's country.
    let r = relations("The envoy to Kenya who called on President William Ruto left.");
    assert!(
        r.iter()
            .any(|x| x.ty == "OFFICE_HELD" && x.head == "William Ruto" && x.tail == "Kenya"),
        "{r:#?}"
    );
}
