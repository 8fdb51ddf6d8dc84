// The excerpt under a search result: the window of the result's text with the most distinct
// query words, the matches marked. Reads only a result's data file's text; no DOM.

import { WORD, len, fold, stem, irr, isStop } from "./search-text.js";

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
