// The search page's analysis (themes/default/static/js/search-text.js) against the index's
// (src/search/analysis.rs), from the files tests/search_parity.rs writes into <dir>:
//   words.tsv   word, stem, fold, key, stop (1/0) as Rust computes them, one word a line
//   texts.json  [[text, Rust's words of it joined by spaces], …]
//   lists.json  {stop: STOP_WORDS, irregular: [[from, to], …]}
// Prints each difference (the first 50) and "parity: N differences"; exits 1 on any.
//
// Usage: node stem-parity.mjs <dir>

import { readFile } from "node:fs/promises";
import path from "node:path";
import { tokens, fold, stem, key, isStop, STOP, IRREGULAR } from "../../themes/default/static/js/search-text.js";

const dir = process.argv[2];
const read = (name) => readFile(path.join(dir, name), "utf8");
let differences = 0;
const differ = (what) => {
  if (++differences <= 50) console.log(`DIFF ${what}`);
};
const show = (s) => JSON.stringify(s);

let words = 0;
for (const line of (await read("words.tsv")).split("\n")) {
  if (!line) continue;
  const [word, ...rust] = line.split("\t");
  const js = [stem(word), fold(word), key(word), isStop(word) ? "1" : "0"];
  ["stem", "fold", "key", "stop"].forEach((name, i) => {
    if (js[i] !== rust[i]) differ(`${name}(${show(word)}): Rust ${show(rust[i])}, JS ${show(js[i])}`);
  });
  words++;
}

const texts = JSON.parse(await read("texts.json"));
for (const [text, rust] of texts) {
  const js = tokens(text).join(" ");
  if (js !== rust) {
    const a = rust.split(" ");
    const b = js.split(" ");
    let i = 0;
    while (a[i] === b[i]) i++;
    differ(`tokens of ${show(text.slice(0, 80))}: from word ${i} Rust ${show(a.slice(i, i + 3))}, JS ${show(b.slice(i, i + 3))}`);
  }
}

const lists = JSON.parse(await read("lists.json"));
if (show(lists.stop) !== show(STOP)) {
  const rust = new Set(lists.stop);
  const js = new Set(STOP);
  differ(`stop words: only in Rust ${show(lists.stop.filter((w) => !js.has(w)))}, only in JS ${show(STOP.filter((w) => !rust.has(w)))} (order matters too)`);
}
const irregular = Object.entries(IRREGULAR).sort();
if (show([...lists.irregular].sort()) !== show(irregular)) differ(`irregular forms: Rust ${show(lists.irregular)}, JS ${show(irregular)}`);

console.log(`parity: ${words} words, ${texts.length} texts, ${STOP.length} stop words, ${irregular.length} irregular forms`);
console.log(`parity: ${differences} differences`);
process.exit(differences ? 1 : 0);
