// The search's text: its analysis, the same as the index's (src/search/analysis.rs;
// tests/search_parity.rs holds the two together word by word): words, folding of æ ø å and
// accents, stop words, the Danish Snowball stemmer and the key a word is looked up by, the
// one-edit test for typos; and the excerpt under a result, cut from its text by the same words.
// (One module, not two: a module of its own cost the excerpt 0.25 KB gzipped of the client's
// 15 KB.) Nothing here reads the index or touches the DOM.

/** Words: runs of letters, digits and marks, 2 to 40 characters, lower-cased. */
export const WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
export const len = (s) => [...s].length;
export const tokens = (text) => {
  const out = [];
  for (const [t] of String(text ?? "").matchAll(WORD)) {
    const n = len(t);
    if (n > 1 && n < 41) out.push(t.toLowerCase());
  }
  return out;
};

/** Lower-cased, æ ø å spelt out, accents dropped: "Børnene" → "boernene", "café" → "cafe". */
export const fold = (s) =>
  s.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa").normalize("NFD").replace(/\p{M}/gu, "");

export const STOP = ("ad af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din disse " +
  "dog du efter eller en end er et for fra gerne ham han hans har havde have hende hendes her hos hun hvad hvis " +
  "hvor hvordan i ikke ind jeg jer jo kan kunne man mange med meget men mig min mine mit mod naar ned noget nogle " +
  "nu og ogsaa om op os over paa saadan selv sig sin sine sit skal skulle som thi til ud under vaere vaeret var vi " +
  "vil ville vor").split(" ");
export const STOPS = new Set(STOP);
export const isStop = (w) => STOPS.has(fold(w));

export const IRREGULAR = { boern: "barn", foedd: "fod", haend: "haand", kurs: "kursus", maend: "mand" };
const IRR = Object.entries(IRREGULAR);
// An irregular ending takes its shared form, so compounds follow ("skolebørn" → "skolebarn").
export const irr = (s) => {
  for (const [from, to] of IRR) if (s.endsWith(from)) return s.slice(0, s.length - from.length) + to;
  return s;
};

// The Danish Snowball stemmer (snowballstem.org/algorithms/danish/stemmer.html), on code points.
// R1 starts after the first non-vowel that follows a vowel, but never before the 4th letter;
// every suffix below must lie inside R1, and R1 keeps its start while the word shrinks.
const VOWELS = "aeiouyæåø";
const S_ENDING = "abcdfghjklmnoprtvyzå";
const STEP1 = ("erendes erende hedens ethed erede heden heder endes ernes erens erets ered ende erne eren erer " +
  "heds enes eres eret hed ene ere ens ers ets en er es et e s").split(" ");
const STEP3 = ["elig", "løst", "lig", "els", "ig"];
const PAIRS = ["gd", "dt", "gt", "kt"];

export function stem(word) {
  const w = [...word];
  const vowel = (c) => VOWELS.includes(c);
  let p1 = w.length;
  if (w.length > 2) {
    let i = 0;
    while (i < w.length && !vowel(w[i])) i++;
    while (i < w.length && vowel(w[i])) i++;
    if (i < w.length) p1 = Math.max(i + 1, 3);
  }
  const ending = (list, r1 = w.slice(p1).join("")) => list.find((s) => r1.endsWith(s));
  const cut = (n) => (w.length -= n);
  const pair = () => ending(PAIRS) && cut(1);

  // Step 1: the longest main suffix in R1; a final "s" only after a valid s-ending.
  const s1 = ending(STEP1);
  if (s1 === "s") S_ENDING.includes(w[w.length - 2] || "-") && cut(1);
  else if (s1) cut(s1.length);
  // Step 2: gd dt gt kt lose their last letter.
  pair();
  // Step 3: igst → ig (anywhere); then ig lig elig els go (and step 2 again), løst → løs.
  if (w.join("").endsWith("igst")) cut(2);
  const s3 = ending(STEP3);
  if (s3 === "løst") cut(1);
  else if (s3) cut(s3.length), pair();
  // Step 4: a double consonant at the end of R1 loses one.
  const n = w.length;
  if (n - 1 >= p1 && n > 1 && !vowel(w[n - 1]) && w[n - 1] === w[n - 2]) cut(1);
  return w.join("");
}

/** The key a query word is looked up by: "børnene", "boernene" and "barn" all give "barn". */
export const key = (w) => irr(fold(stem(w)));

/** Damerau distance exactly 1 (one letter changed, added, dropped, or two swapped). */
export function near(a, b) {
  const d = a.length - b.length;
  if (d > 1 || d < -1 || a === b) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  if (!d) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return d > 0 ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * An excerpt of about `size` words for a result: from the one segment (or window of it) with the
 * most distinct query words, else the summary. Alternating plain and marked pieces: [plain,
 * mark, plain, …].
 */
export function excerpt(data, result, size = 28) {
  const match = result?.match || [];
  const memo = new Map();
  const which = (t) => {
    if (memo.has(t)) return memo.get(t);
    let r = -1;
    if (match.length && !isStop(t)) {
      const f = fold(t);
      const fs = fold(stem(t));
      const ks = [irr(fs), irr(stem(f)), fs];
      r = match.findIndex(
        (m) =>
          ks.some((k) => m.keys.has(k)) ||
          (m.pre && f.startsWith(m.pre)) ||
          // A compound's part ("kursus" in "rygestopkursus").
          m.parts.some((k) => f.length > k.length + 2 && (f.startsWith(k) || fs.endsWith(k))),
      );
    }
    memo.set(t, r);
    return r;
  };
  // A page of any length costs a bounded amount of work: the first 100,000 characters count.
  let budget = 100000;
  const cut = (text) => {
    text = String(text || "").slice(0, Math.max(budget, 2000));
    budget -= text.length;
    const toks = [];
    for (const m of text.matchAll(WORD)) {
      const n = len(m[0]);
      toks.push({ a: m.index, b: m.index + m[0].length, w: n > 1 && n < 41 ? which(m[0].toLowerCase()) : -1 });
    }
    let best = { n: 0, hits: 0, at: 0 };
    toks.forEach((t, i) => {
      if (t.w < 0) return;
      const at = Math.max(0, Math.min(i - 3, toks.length - size));
      const inside = toks.slice(at, at + size).filter((x) => x.w >= 0);
      const n = new Set(inside.map((x) => x.w)).size;
      if (n > best.n || (n === best.n && inside.length > best.hits)) best = { n, hits: inside.length, at };
    });
    return { text, toks, ...best };
  };
  const pieces = ({ text, toks, at }) => {
    const end = Math.min(toks.length, at + size);
    if (!toks.length) return [text.replace(/\s+/g, " ").trim().slice(0, 200)];
    let from = toks[at].a;
    const stop = at ? toks[at - 1].b : 0;
    while (from > stop && !/\s/.test(text[from - 1])) from--;
    let to = toks[end - 1].b;
    const limit = end < toks.length ? toks[end].a : text.length;
    while (to < limit && !/\s/.test(text[to])) to++;
    const out = [at ? "… " : ""];
    let pos = from;
    for (const t of toks.slice(at, end)) {
      if (t.w < 0) continue;
      out.push(text.slice(pos, t.a), text.slice(t.a, t.b));
      pos = t.b;
    }
    out.push(text.slice(pos, to) + (end < toks.length ? " …" : ""));
    // Join the plain pieces' ends: [lead + plain0, mark0, plain1, …].
    out.splice(0, 2, out[0] + out[1]);
    return out.map((s, i) => (i % 2 ? s : s.replace(/\s+/g, " ")));
  };
  let best = null;
  for (const seg of Array.isArray(data?.text) ? data.text : []) {
    if (budget <= 0) break;
    const c = cut(seg);
    if (c.n && (!best || c.n > best.n || (c.n === best.n && c.hits > best.hits))) best = c;
  }
  const text = Array.isArray(data?.text) ? data.text : [];
  return pieces(best || cut(data?.summary || text[0]));
}
