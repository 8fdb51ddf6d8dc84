// How many shards a query reads, with the search page's fallbacks for words that find no key
// (a split, the stem as a prefix, the longest key that begins the word, æ/ø/å for a and o) and
// without them: the fallbacks may read at most one shard more per word found nowhere as typed.
// Runs the search page's own engine (search-core.js) over a built site's search/ folder, read
// from disk, with a fresh engine (an empty cache) for every query, and counts the shard files
// it asks for.
//
//   node bench/search_shards.mjs OUTPUT_DIR [--queries "stresshjælp,cykle,diabetis"]
//
// Prints one line per query (shards without and with fallbacks, words found nowhere as typed)
// and exits 1 when a query reads more extra shards than it has such words.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import path from "node:path";

const QUERIES = [
  "diabetesforløb", "børneovervægt", "kræftstøtte", "vægtgruppe", "rygestophold", "stresshjælp",
  "mentalsundhed", "kulturtilbud", "cykle", "rygning på gymnasiet", "genoptræne", "telefonrådgiver",
  "hjerterehabilitering", "diabetikere", "diabetis", "kræftpatienter", "diabetesramte", "born",
  "sund mad til born", "rog", "rygestop for gravide", "yoga mod stress", "fiske", "motion for aldre",
  "kvindesundhed", "lungekræftforløb",
];
const args = process.argv.slice(2);
const dir = args[0];
const at = args.indexOf("--queries");
const queries = at > 0 ? args[at + 1].split(",") : QUERIES;
const core = await import(pathToFileURL(path.join(dir, "js", "search-core.js")));

/** A fresh engine whose shard reads are counted. */
async function engine() {
  const seen = { shards: 0 };
  const fetchFile = async (url) => {
    if (/\/s\/\d+-/.test(url)) seen.shards++;
    try {
      const bytes = await readFile(path.join(dir, url.replace(/^\//, "")));
      return { ok: true, status: 200, json: async () => JSON.parse(bytes.toString("utf8")) };
    } catch {
      return { ok: false, status: 404, json: async () => null };
    }
  };
  return { e: await core.open("/", fetchFile), seen };
}

const meta = JSON.parse(await readFile(path.join(dir, "search", "index.json"), "utf8"));
let failed = 0;
for (const q of queries) {
  const plain = await engine();
  const without = await plain.e.search(q, {}, false, false);
  const full = await engine();
  const res = await full.e.search(q, {}, false, true);
  const unmatched = without.missing.length;
  const extra = full.seen.shards - plain.seen.shards;
  const ok = extra <= unmatched;
  if (!ok) failed++;
  console.log(
    `${ok ? "ok  " : "FAIL"} ${JSON.stringify(q)}: ${plain.seen.shards} shards as typed, ${full.seen.shards} with fallbacks ` +
      `(${extra} more; ${unmatched} word(s) found nowhere as typed); ${res.ids.length} results, missing ${JSON.stringify(res.missing)}`,
  );
}
console.log(`search_shards: ${meta.shards.length} shards in the index; ${queries.length - failed} of ${queries.length} queries within one extra shard per unmatched word`);
process.exit(failed ? 1 : 0);
