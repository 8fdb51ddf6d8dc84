// Relevance on the shipped site: what a citizen types, and the initiative or page that must be
// among the first results. Runs the search page's own engine (search-core.js) over a built
// site's search/ folder, read from disk.
//
//   node tests/browser/relevance.mjs PUBLIC_DIR [--print]
//
// Exits 1 when an expectation fails; --print lists every query's top 3.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [dir, flag] = process.argv.slice(2);
const core = await import(pathToFileURL(path.join(dir, "js", "search-core.js")));
const fetchFile = async (url) => {
  try {
    const bytes = await readFile(path.join(dir, url.replace(/^\//, "")));
    return { ok: true, status: 200, json: async () => JSON.parse(bytes.toString("utf8")) };
  } catch {
    return { ok: false, status: 404, json: async () => null };
  }
};
const engine = await core.open("/", fetchFile);

// [query, expected title (exact, or the start of it), within the first N results, why,
//  optional {plan: the first result's plan period, missing: the words the engine must name as
//  found nowhere, none: no result at all}].
const CASES = [
  ["rygestop", "Afprøvning af nye typer af rygestopkurser", 3, "a word in a compound title"],
  ["rygestopkursus", "Afprøvning af nye typer af rygestopkurser", 3, "compound, inflected"],
  ["rygestp", "Afprøvning af nye typer af rygestopkurser", 3, "typo (a letter missing)"],
  ["rygere", "Færre rygere gennem en målrettet indsats", 1, "inflection"],
  ["kvit smøgerne", "Afprøvning af nye typer af rygestopkurser", 3, "two words, one inflected"],
  ["roegfri", "Røgfri Fremtid", 3, "typed without ø"],
  ["røgfri generation", "Røgfri generation 2030 – færre unge der ryger", 1, "two words"],
  ["unge der ryger", "Røgfri generation 2030 – færre unge der ryger", 1, "a phrase"],
  ["boern", "Vægtenheden for børn og unge", 3, "typed without ø"],
  ["børn", "Vægtenheden for børn og unge", 3, "plural"],
  ["mit barn er overvægtigt", "Vægtenheden for børn og unge", 1, "a sentence, irregular plural"],
  ["overvaegt", "Vægtenheden for børn og unge", 3, "typed without æ"],
  ["vægttab", "Vægtenheden", 3, "a compound word of the text"],
  ["jeg er stresset", "Mental balance", 1, "a sentence"],
  ["stress", "Mental balance", 1, "a word in the text"],
  ["mental balance", "Mental balance", 1, "title"],
  ["kraeft", "Udvikling af nyt tilbud til borgere, der har en kræftdiagnose", 3, "compound part, without æ"],
  ["kræftdiagnose", "Udvikling af nyt tilbud til borgere, der har en kræftdiagnose", 3, "exact"],
  ["familie kræft", "Sammen med Borgeren livssituation", 1, "two words, one a compound part"],
  ["diabetes", ["Rehabiliteringsforløb ved type 2-diabetes", "Type 2-diabetes"], 1, "a word inside a hyphenated title"],
  ["diabtes", "Type 2-diabetes", 3, "typo (a letter missing)"],
  ["cykel", "Cykelløb", 1, "compound part"],
  ["køkkenskole", "Fars Køkkenskole", 1, "exact"],
  ["madlavning for fædre", "Fars Køkkenskole", 3, "irregular plural (far/fædre) and a word in the body"],
  ["idræt", "Styrke trivsel og sundhed i kultur- og idrætsforeninger", 1, "compound part"],
  ["foreninger", "Styrke trivsel og sundhed i kultur- og idrætsforeninger", 3, "compound part, inflected"],
  ["kronisk sygdom", "Styrket kommunal forebyggelsesindsats for borgere med kronisk sygdom", 3, "two words"],
  ["vane", "Vaneværkstedet", 1, "the start of a word, while typing"],
  ["bofællesskab", "Bosteder og bofællesskaber", 1, "singular of a plural title word"],
  ["vestegnen", "Vestegnsprojektet", 1, "compound part with a linking s"],
  ["kulturvitaminer", "»Kulturvitaminer« som pilotprojekter", 1, "a title in quotation marks"],
  ["sundhedsfællesskab", "Sundhedsfællesskabet", 1, "definite form"],
  ["udsatte unge", "Livsduelighed og sundhed for udsatte børn og unge", 1, "two words"],
  ["sund hverdag", "Vores Sunde Hverdag", 1, "inflection; the newest period first"],
  ["konference", "Kultur- og sundhedskonference", 1, "compound part"],
  ["studiebesøg", "Studiebesøg fra Viborg Kommune", 1, "a news item"],
  ["tilgængelighed", "Tilgængelighedserklæring", 3, "a page, compound"],
  ["handleplan", "Om handleplanen", 3, "a page"],
  // Issue 30, written before the code: each kind of miss it lists, none of its own examples.
  // A compound the reader makes up from two words the site uses.
  ["diabetesforløb", ["Rehabiliteringsforløb ved type 2-diabetes", "Type 2-diabetes"], 1, "made-up compound: diabetes + forløb"],
  ["børneovervægt", "Vægtenheden for børn og unge", 3, "made-up compound: børn + overvægt"],
  ["kræftstøtte", "Udvikling af nyt tilbud til borgere, der har en kræftdiagnose", 3, "made-up compound: kræft + støtte"],
  ["vægtgruppe", "Vaneværkstedet", 3, "made-up compound: vægt + gruppe"],
  ["rygestophold", "Afprøvning af nye typer af rygestopkurser", 3, "made-up compound: rygestop + hold"],
  ["stresshjælp", "Mental balance", 3, "made-up compound: stress + hjælp"],
  ["mentalsundhed", "ABC for Mental Sundhed", 3, "two words typed as one"],
  ["kulturtilbud", "»Kulturvitaminer« som pilotprojekter", 3, "made-up compound: kultur + tilbud"],
  // An inflected form whose stem only begins the site's words.
  ["cykle", "Cykelløb", 3, "stem begins a word of the site (cykling)"],
  ["rygning på gymnasiet", "Vestegnsprojektet", 3, "stem begins a word of the site (gymnasium)"],
  ["genoptræne", "Styrket kommunal forebyggelsesindsats for borgere med kronisk sygdom", 3, "stem begins a word of the site (genoptræning)"],
  ["telefonrådgiver", "Afprøvning af nye typer af rygestopkurser", 3, "stem begins a word of the site (telefonrådgivning)"],
  ["hjerterehabilitering", ["Rehabilitering ved KOL og hjertesygdom", "Styrket kommunal forebyggelsesindsats for borgere med kronisk sygdom"], 1, "stem begins a word of the site"],
  ["diabetikere", ["Rehabiliteringsforløb ved type 2-diabetes", "Type 2-diabetes"], 1, "a key begins the word (diabet…)"],
  // Misspelled, longer than any key but starting with one (two edits or more away).
  ["diabetis", ["Rehabiliteringsforløb ved type 2-diabetes", "Type 2-diabetes"], 1, "misspelling two edits away"],
  ["kræftpatienter", "Udvikling af nyt tilbud til borgere, der har en kræftdiagnose", 3, "a key begins the word (kræft…)"],
  ["diabetesramte", ["Rehabiliteringsforløb ved type 2-diabetes", "Type 2-diabetes"], 1, "a key begins the word (diabetes…)"],
  // Lay words the site never uses (site.yaml's synonymer:).
  ["cigaretter", "Afprøvning af nye typer af rygestopkurser", 3, "lay word for rygning"],
  ["sukkersyge", ["Rehabiliteringsforløb ved type 2-diabetes", "Type 2-diabetes"], 1, "lay word for diabetes"],
  ["fedme hos børn", "Vægtenheden for børn og unge", 1, "lay word for overvægt"],
  ["slankekur", "Vaneværkstedet", 3, "lay word for vægttab"],
  ["cancer", "Udvikling af nyt tilbud til borgere, der har en kræftdiagnose", 3, "lay word for kræft"],
  ["lungesygdom", ["Rehabilitering ved KOL og hjertesygdom", "Styrket kommunal forebyggelsesindsats for borgere med kronisk sygdom"], 1, "lay word for KOL"],
  ["udbrændt", "Mental balance", 1, "lay word for stress"],
  ["arbejdsløs", "»Kulturvitaminer« som pilotprojekter", 1, "lay word for ledig, kontanthjælp"],
  // Both plan periods of one initiative match: the newer first.
  ["vægtenheden", ["Vægtenheden", "Motionshold for børn i Vægtenheden"], 1, "both periods: the newer first", { plan: "2020-2021" }],
  ["stresshåndtering", "Mental balance", 1, "both periods: the newer first", { plan: "2020-2021" }],
  ["vores sunde hverdag", "Vores Sunde Hverdag", 1, "both periods: the newer first", { plan: "2020-2021" }],
  ["overvægtige børn", ["Vægtenheden", "Motionshold for børn i Vægtenheden"], 1, "both periods: the newer first", { plan: "2020-2021" }],
  // Short words typed without æ, ø, å (below the typo rule's length).
  ["born", "Vægtenheden for børn og unge", 3, "short, ø typed as o"],
  ["sund mad til born", "Fars Køkkenskole", 3, "a sentence, ø typed as o"],
  ["rog", "Røgfri Fremtid", 3, "short, ø typed as o"],
  // A word that matches nothing is named; the other words still find their pages.
  ["rygestop for gravide", "Afprøvning af nye typer af rygestopkurser", 3, "one word found nowhere", { missing: ["gravide"] }],
  ["yoga mod stress", "Mental balance", 1, "one word found nowhere", { missing: ["yoga"] }],
  ["stress hos studerende", "Mental balance", 1, "one word found nowhere", { missing: ["studerende"] }],
  // A 5-letter word is not taken for a 3-letter key one edit away ("fiske" is not "fik").
  ["fiske", "", 0, "no typo match to a short key", { missing: ["fiske"], none: true }],
  // Issue 30's finishing pass, written before the code. A made-up compound whose second half is
  // a word many pages use ("tilbud", "forløb"): the page about the first half comes first, not
  // one that happens to hold both halves somewhere.
  ["idrætstilbud", "Styrke trivsel og sundhed i kultur- og idrætsforeninger", 3, "made-up compound: idræt + tilbud (a common half)"],
  ["kræftforløb", ["Udvikling af nyt tilbud til borgere, der har en kræftdiagnose", "Sammen med Borgeren livssituation"], 1, "made-up compound: kræft + forløb (a common half)"],
  ["motionstilbud", ["Ungemotion", "Motionshold for børn i Vægtenheden"], 3, "made-up compound: motion + tilbud (a common half)"],
  ["stresstilbud", "Mental balance", 1, "made-up compound: stress + tilbud (a common half)"],
  ["diabetestilbud", ["Type 2-diabetes", "Rehabiliteringsforløb ved type 2-diabetes"], 1, "made-up compound: diabetes + tilbud (a common half)"],
  ["musiktilbud", "»Kulturvitaminer« som pilotprojekter", 1, "made-up compound: musik + tilbud (a common half)"],
  // Two words no page holds both of: the pages of the rarer, more telling word come first.
  ["motion på biblioteket", "»Kulturvitaminer« som pilotprojekter", 3, "no page has both: the rarer word (bibliotek) first"],
  ["rygepolitik på gymnasiet", "Vestegnsprojektet", 1, "a rare word and an inflected one (gymnasium)"],
  ["rygning på ungdomsuddannelserne", "Vestegnsprojektet", 1, "no page has both: the rarer word first"],
  ["stress og sygedagpenge", "Mental balance", 1, "no page has both"],
  // A compound whose first half the site uses only inside its own compounds (cykelløb,
  // cykelrute), or whose halves are both words of the site.
  ["cykeltilbud", "Cykelløb", 3, "head only begins the site's words (cykel…) + tilbud"],
  ["cykelture", "Cykelløb", 3, "head only begins the site's words (cykel…) + tur"],
  ["kostvejledning", ["Individuel model for voksne", "Rehabiliteringsforløb ved type 2-diabetes"], 3, "made-up compound: kost + vejledning"],
];
// The queries of the first version (38); the rest came with issue 30.
const FIRST = 38;

const titleOf = async (id) => (await engine.doc(id)).title;
let failed = 0;
let knownMissed = 0;
const lines = [];
let failedFirst = 0;
for (const [n, [q, want, within, why, extra = {}]] of CASES.entries()) {
  const r = await engine.search(q, {});
  const top = await Promise.all(r.ids.slice(0, Math.max(3, within)).map(titleOf));
  // Where an offer is the answer a citizen needs, it may come first (issue 29/30: an offer
  // ranks above an initiative that matches as well): `want` is then a list of the titles that
  // answer the query.
  const wants = Array.isArray(want) ? want : [want];
  const rank = top.findIndex((t) => wants.some((w) => t === w || t.startsWith(w)));
  const problems = [];
  if (extra.none ? r.ids.length : !(rank >= 0 && rank < within)) problems.push(extra.none ? "results where none were wanted" : "not in place");
  // "The newer version first" is about initiatives: the first initiative result (offers have
  // no plan period) must be of the newer period.
  if (extra.plan) {
    const docs = await Promise.all(r.ids.slice(0, 10).map((id) => engine.doc(id)));
    const first = docs.find((d) => d.plan);
    if (!first || first.plan !== extra.plan) problems.push(`first initiative not of ${extra.plan}`);
  }
  if (extra.missing && JSON.stringify(r.missing || []) !== JSON.stringify(extra.missing))
    problems.push(`missing words ${JSON.stringify(r.missing || [])}, want ${JSON.stringify(extra.missing)}`);
  const ok = !problems.length;
  // A known miss is reported, never hidden, and does not fail the run; it is written down
  // with its reason where the query is, and the issue stays open while it misses.
  if (!ok && extra.known) {
    knownMissed++;
    problems.push(`known miss: ${extra.known}`);
  } else if (!ok) (failed++, n < FIRST && failedFirst++);
  const plan = async (id) => (await engine.doc(id)).plan || (await engine.doc(id)).kind;
  const labelled = await Promise.all(
    r.ids.slice(0, 3).map(async (id) => `${await titleOf(id)} (${await plan(id)})`),
  );
  lines.push(`${ok ? "ok  " : extra.known ? "MISS" : "FAIL"} ${JSON.stringify(q)} (${why}): want «${wants.join("» or «")}» in top ${within}${problems.length ? ` (${problems.join("; ")})` : ""}; ${r.ids.length} results: ${labelled.join(" | ")}`);
}
// Among equals the newest plan period comes first.
const mb = await engine.search("mental balance", {});
const mbPlans = (await Promise.all(mb.ids.slice(0, 4).map((id) => engine.doc(id))))
  .map((d) => d.plan)
  .filter(Boolean);
if (mbPlans[0] !== "2020-2021") {
  failed++;
  lines.push(`FAIL "mental balance": the 2020-2021 version first, got ${mbPlans.join(", ")}`);
}
// Junk never throws.
for (const q of ["", "!!!", "?".repeat(500), "a".repeat(500), "jeg er", "\u0000\u001b[31m", "😀 ❤️"]) {
  try {
    await engine.search(q, {});
  } catch (e) {
    failed++;
    lines.push(`FAIL ${JSON.stringify(q.slice(0, 20))}: threw ${e}`);
  }
}
if (flag === "--print" || failed || knownMissed) console.log(lines.filter((l) => flag === "--print" || !l.startsWith("ok")).join("\n"));
console.log(`relevance: first ${FIRST}: ${FIRST - failedFirst} of ${FIRST}; issue 30's ${CASES.length - FIRST}: ${CASES.length - FIRST - (failed - failedFirst) - knownMissed} of ${CASES.length - FIRST}`);
console.log(`relevance: ${CASES.length - failed - knownMissed} of ${CASES.length} queries as expected, ${knownMissed} known misses, ${failed} unexpected`);
process.exit(failed ? 1 : 0);
