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

// [query, expected title (exact, or the start of it), within the first N results, why].
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
  ["diabetes", "Type 2-diabetes", 1, "a word inside a hyphenated title"],
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
];

const titleOf = async (id) => (await engine.doc(id)).title;
let failed = 0;
const lines = [];
for (const [q, want, within, why] of CASES) {
  const r = await engine.search(q, {});
  const top = await Promise.all(r.ids.slice(0, Math.max(3, within)).map(titleOf));
  const rank = top.findIndex((t) => t === want || t.startsWith(want));
  const ok = rank >= 0 && rank < within;
  if (!ok) failed++;
  const plan = async (id) => (await engine.doc(id)).plan || (await engine.doc(id)).kind;
  const labelled = await Promise.all(
    r.ids.slice(0, 3).map(async (id) => `${await titleOf(id)} (${await plan(id)})`),
  );
  lines.push(`${ok ? "ok  " : "FAIL"} ${JSON.stringify(q)} (${why}): want «${want}» in top ${within}; ${r.ids.length} results: ${labelled.join(" | ")}`);
}
// Among equals the newest plan period comes first.
const mb = await engine.search("mental balance", {});
const mbPlans = await Promise.all(mb.ids.slice(0, 2).map(async (id) => (await engine.doc(id)).plan));
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
if (flag === "--print" || failed) console.log(lines.join("\n"));
console.log(`relevance: ${CASES.length - failed} of ${CASES.length} queries as expected`);
process.exit(failed ? 1 : 0);
