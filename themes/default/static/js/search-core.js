// The search engine of /soeg/, without the page: a query's words looked up and ranked over the
// index files the build writes under search/ (search-index.js reads them, search-text.js
// analyses text as the index does and cuts a result's excerpt):
//   index.json        {version:1, docs, max, shards:[first key…], set, group, groups:[hash…],
//                      filters:"f-<hash>.json", newer:[older, newer…] (same initiative, later
//                      period), next:[older, newer…] (continued under a new name),
//                      lay:{<key>:[site words]} (synonymer:)}; level q means expm1(q/255·log1p(max))
//   s/<n>-<set>.json  shard n: {k:[keys, sorted by UTF-16 units], d:[[doc id gaps]…], s:[[levels]…]}
//   d/<id>-<g>.json   a result's data: {url, title, kind, status, statusKey, plan, themes, summary,
//                      text:[segments]}, g = groups[floor(id / group)]
//   f-<hash>.json     {<checkbox name>:{<value>:[gap, length, gap, length…]}}
// Nothing here touches the DOM; search.js draws. No function throws on any query.

import { tokens, fold, stem, key, irr, isStop, len, near, STOPS } from "./search-text.js";
import { readIndex } from "./search-index.js";

export { tokens, fold, stem, key, isStop, STOP, IRREGULAR } from "./search-text.js";
export { excerpt } from "./search-text.js";

const MAX_WORDS = 10;
// A short prefix ("sund") may begin keys in many shards; a query reads at most this many for it.
const PREFIX_SHARDS = 3;
// A prefix finds at most this many keys.
const PREFIX_KEYS = 30;
// What a page with both halves of a split word gets on its score.
const BOTH = 1.5;

// Spellings of `w` with ø for o and å or æ for a, at most two changes, fewest first.
function variants(w) {
  let out = [[w, 0]];
  [...w].forEach((c, i) => {
    const to = c === "o" ? ["ø"] : c === "a" ? ["å", "æ"] : [];
    out = out.concat(out.filter(([, n]) => n < 2).flatMap(([v, n]) => to.map((t) => [[...v].map((d, j) => (j === i ? t : d)).join(""), n + 1])));
  });
  return out.slice(1).sort((a, b) => a[1] - b[1]).slice(0, 12).map(([v]) => v).filter((v) => !isStop(v));
}

/**
 * The fallbacks of index `ix` (search-index.js) for a word that found no key, in order, each at
 * a lower weight and within the word's one extra shard (x.spent): `fallback(x, put, used)` adds
 * to word `x` the keys it finds through `put(x, key, weight, shard, index, part)`, and the
 * shards it read to `used`. A spelling with æ, ø or å ends them; a split and the stem's longer
 * keys add up; the last is taken only when they found nothing. Never a part under 3 letters or
 * a key under 5 that begins the word.
 */
const fallbacks = (ix) =>
  async function fallback(x, put, used) {
    const { first, shard, shardOf, lower, loaded, shards } = ix;
    const f = fold(x.w);
    const n = len(f);
    // 1. æ, ø, å typed as a, o ("born" for børn); a word that may split (7+ letters) keeps its
    // extra shard for the split.
    let at = await first(x, variants(x.w).map((v) => [key(v)]).filter(([k]) => k !== x.k), used, len(x.w) < 7);
    if (at) return put(x, at[0][0].k[at[0][1]], 0.9, ...at[0]);
    // 2. Split where both parts are keys, a linking s or e allowed: the longest shorter part first;
    // parts analysed as written, as the index does ("idræts" → idraet, not idra).
    const splits = [];
    const cs = [...x.w];
    for (let i = 3, m = cs.length; m >= 7 && i <= m - 3; i++) {
      const tail = cs.slice(i).join("");
      const h = cs.slice(0, i).join("");
      for (const head of [h, /[se]$/.test(h) && i > 3 ? h.slice(0, -1) : null]) {
        if (head && !isStop(head) && !isStop(tail)) splits.push([Math.min(len(head), m - i), head, key(tail)]);
      }
    }
    splits.sort((a, b) => b[0] - a[0]);
    at = await first(x, splits.map(([, h, t]) => [key(h), t]), used);
    if (at) at.forEach(([s, i], p) => put(x, s.k[i], 0.6, s, i, p + 1));
    // A head (5+ letters) the site uses only in its compounds ("cykel…"): they stand for it.
    const pre = !at && (await first(x, splits.filter(([, h]) => len(h) > 4).map(([, h, t]) => [{ pre: fold(h) }, t]), used));
    if (pre) put(x, pre[1][0].k[pre[1][1]], 0.6, ...pre[1], 2);
    // The head's own compounds count as the head ("idræt…" → idrætsforeninger), from its shard.
    if (at || pre) {
      const [s, i] = (at || pre)[0];
      const k = at ? s.k[i] : pre.c[0].pre;
      for (let j = at ? i + 1 : i, c = 0; j < s.k.length && s.k[j].startsWith(k) && c < PREFIX_KEYS; j++, c++) put(x, s.k[j], at ? 0.6 : 0.5, s, j, at ? 3 : 1);
    }
    // 3. The stem (4 letters or more, all but 3 letters of the word: "studerende" → stud is too
    // little to guess from) as the start of keys ("cykle" → cykling).
    for (const k of x.alt ? [x.k, x.alt] : [x.k]) {
      if (len(k) < Math.max(4, n - 3)) continue;
      let found = 0;
      for (let si = shardOf(k); found < PREFIX_KEYS; si++) {
        if (!loaded(si) && (x.spent || !(x.spent = true))) break;
        used.add(si);
        const s = await shard(si);
        for (let j = lower(s.k, k); j < s.k.length && s.k[j].startsWith(k) && found < PREFIX_KEYS; j++, found++) put(x, s.k[j], 0.5, s, j);
        if (!shards[si + 1]?.startsWith(k)) break;
      }
    }
    if (x.keys.size) return;
    // 4. The longest key of 5 letters or more that begins the word ("diabetis" → diabet).
    const heads = [];
    for (let i = n - 1; i >= 5; i--) if (!STOPS.has(f.slice(0, i))) heads.push([f.slice(0, i)]);
    at = await first(x, heads, used);
    if (at) put(x, at[0][0].k[at[0][1]], 0.4, ...at[0]);
  };

/** Opens the index at `${base}search/`; rejects when index.json cannot be read. */
export async function open(base = "/", fetchImpl = (...a) => fetch(...a)) {
  const ix = await readIndex(base, fetchImpl);
  const { meta, N, shards, level, shardOf, shard, lower, filters, doc } = ix;
  const fallback = fallbacks(ix);

  // Records that are newer versions of others (flat older, newer pairs): by name, and
  // continued under a new name. Lay words' keys, with the site's words for them.
  const pairs = (a) => (Array.isArray(a) ? a : []).flatMap((v, j) => (j % 2 ? [] : [[v, a[j + 1]]]));
  const newer = pairs(meta.newer);
  const next = pairs(meta.next);
  const lay = meta.lay || {};

  // The newer version of an initiative comes first when both match as many words: by name, it
  // takes the older one's place; continued under a new name, it comes right after it.
  function newestFirst(ids, count) {
    if (!newer.length && !next.length) return;
    const at = new Map(ids.map((d, i) => [d, i]));
    for (let round = 0, moved = true; moved && round < 3; round++) {
      moved = false;
      for (const [o, n] of newer) {
        const a = at.get(o);
        const b = at.get(n);
        if (a < b && count[o] === count[n]) [ids[a], ids[b], moved] = [n, o, true], at.set(n, a), at.set(o, b);
      }
      for (const [o, n] of next) {
        const a = at.get(o);
        const b = at.get(n);
        if (a + 1 < b && count[o] === count[n]) {
          ids.splice(b, 1);
          ids.splice(a + 1, 0, n);
          for (let i = a + 1; i <= b; i++) at.set(ids[i], i);
        }
      }
    }
  }

  /**
   * Ranked doc ids for `query` within `selected` ({tema: ["tobak"], …}: any value of a group,
   * every group), the filter counts of the results, and what the excerpt needs to mark.
   * `stop`: the query had words, all of them stop words. No words and no filters: no results.
   * `full`: how many of the first ids match every word that was found; `missing`: the words
   * found nowhere; `lay`: the words found through their site words. `fallbacks = false` (for the
   * benchmark) looks words up as they are, typos included, and nothing more.
   */
  async function search(query, selected = {}, withCounts = true, fallbacks = true) {
    query = String(query ?? "");
    const all = tokens(query);
    const words = [];
    const lowered = query.toLowerCase();
    all.forEach((w, i) => {
      const k = key(w);
      // A stop word still being typed ("ind" on the way to "indsats") counts, as a prefix.
      const typed = i === all.length - 1 && lowered.endsWith(w);
      // An accented word ("idé") is also looked up as typed without accents, as the index has it.
      const alt = irr(stem(fold(w)));
      if ((!isStop(w) || typed) && !words.some((x) => x.k === k) && words.length < MAX_WORDS)
        words.push({ w, k, alt: alt !== k ? alt : null, keys: new Map() });
    });
    const groups = Object.entries(selected || {}).filter(([, v]) => Array.isArray(v) && v.length);
    if (!words.length && (all.length || !groups.length)) return { ids: [], counts: null, match: [], stop: all.length > 0, empty: !all.length };

    // The filters file is read only when a filter is chosen or its counts are shown.
    const F = groups.length || withCounts ? await filters() : {};
    // The last word, while it is being typed, also finds the keys it begins.
    const last = all[all.length - 1];
    const typing = words.length && lowered.endsWith(last);
    const used = new Set();
    // A key a word finds, with its weight, postings (doc id gaps, score levels) and part (the
    // two halves of a compound the reader made up count apart, and add up).
    const put = (x, k, weight, s, i, part = 0) => {
      if (!(x.keys.get(k)?.[0] >= weight) && s.d?.[i]?.length) x.keys.set(k, [weight, s.d[i], s.s?.[i] || [], part]);
    };
    // Fetch the shards every word needs at once; the loop below finds them in the cache.
    const exact = words.flatMap((x) => (x.alt ? [x.k, x.alt] : [x.k]));
    await Promise.all([...exact, ...(typing ? [fold(last)] : [])].map((k) => shard(shardOf(k)))).catch(() => {});
    let s;
    for (const x of words) {
      for (const k of x.alt ? [x.k, x.alt] : [x.k]) {
        const si = shardOf(k);
        used.add(si);
        s = await shard(si);
        const i = lower(s.k, k);
        if (s.k[i] === k) put(x, k, 1, s, i);
        // A lay word (synonymer: in site.yaml) is found by the site's words for it.
        if (s.k[i] === k && lay[k]) x.lay = lay[k];
      }
      const pre = fold(last);
      if (typing && key(last) === x.k && len(pre) > 1) {
        x.pre = pre;
        let found = 0;
        for (let n = 1, si = shardOf(pre); ; si++, n++) {
          used.add(si);
          s = await shard(si);
          for (let j = lower(s.k, pre); j < s.k.length && s.k[j].startsWith(pre) && found < PREFIX_KEYS; j++, found++) put(x, s.k[j], 0.7, s, j);
          if (found >= PREFIX_KEYS || n >= PREFIX_SHARDS || !shards[si + 1]?.startsWith(pre)) break;
        }
      }
    }
    // Typos: keys one edit away from a word that found none, in the shards this query has loaded
    // anyway; never a stop word, a key under 4 letters ("fiske" is not "fik") or one 5 letters
    // shorter than the word typed ("studerende", stemmed to stud, is not "stad").
    for (const x of words) {
      const min = Math.max(4, len(x.w) - 4);
      if (len(x.w) < 5 || x.keys.size) continue;
      for (const si of used) {
        const s = await shard(si);
        s.k.forEach((k, i) => k.length >= min && !STOPS.has(k) && near(k, x.k) && put(x, k, 0.4, s, i));
      }
    }
    // A word that found no key: the fallbacks, in order, each at a lower weight, reading at most
    // one shard this query had not loaded.
    if (fallbacks) for (const x of words) if (!x.keys.size) await fallback(x, put, used);
    const found = words.filter((x) => x.keys.size);

    // Per doc: words matched, what they tell, and summed score (each word counts its best key;
    // the parts of a split word count their best key each).
    const count = new Uint8Array(N);
    // Among pages matching as many words, a score counts by how much its words tell: ln(1 + N /
    // pages the word is on) each ("gymnasiet" tells more than "rygning").
    const told = new Float64Array(N);
    const sum = new Float64Array(N);
    let hits = [];
    if (words.length) {
      // By part: 0 the word's own keys, 1 and 2 a split's parts, 3 the head's compounds.
      const best = [0, 1, 2, 3].map(() => new Float64Array(N));
      for (const x of found) {
        const touched = [];
        for (const [weight, gaps, levels, part] of x.keys.values()) {
          const b = best[part];
          for (let j = 0, d = 0; j < gaps.length && (d += gaps[j]) < N; j++) {
            const v = weight * (level[levels[j]] || 0) || Number.MIN_VALUE;
            if (!best.some((p) => p[d])) touched.push(d);
            if (v > b[d]) b[d] = v;
          }
        }
        const tells = Math.log1p(N / touched.length);
        for (const d of touched) {
          if (!count[d]++) hits.push(d);
          told[d] += tells;
          // Both halves of a split word count half again, not above every page with one.
          const pair = best[1][d] && best[2][d] ? BOTH : 1;
          for (const b of best) (sum[d] += pair * b[d]), (b[d] = 0);
        }
      }
    } else hits = Array.from({ length: N }, (_, d) => d);

    // Filters: a doc passes a group when it has any chosen value. Counts honour the other groups.
    const sets = groups.map(([g, values]) => [g, values.map((v) => F[g]?.[v]).filter(Boolean)]);
    const failing = (d) => sets.filter(([, has]) => !has.some((h) => h[d])).map(([g]) => g);
    const counts = {};
    const values = [];
    for (const g in F) {
      counts[g] = {};
      for (const v in F[g]) values.push([g, v, F[g][v], (counts[g][v] = 0)]);
    }
    const ids = [];
    for (const d of hits) {
      const fail = sets.length ? failing(d) : [];
      if (!fail.length) ids.push(d);
      if (fail.length < 2) for (const e of values) if (e[2][d] && (!fail.length || fail[0] === e[0])) e[3]++;
    }
    for (const [g, v, , n] of values) counts[g][v] = n;
    ids.sort((a, b) => count[b] - count[a] || sum[b] * told[b] - sum[a] * told[a] || a - b);
    newestFirst(ids, count);
    const match = found.map((x) => ({
      keys: new Set([...x.keys.keys(), ...(x.lay || []).map(key)]),
      pre: x.pre,
      parts: [...new Set([x.k, fold(stem(x.w)), stem(fold(x.w)), ...x.keys.keys()])].filter((r) => r.length > 2),
    }));
    // Results that match every word that was found come first: `full` of them.
    let full = 0;
    while (full < ids.length && count[ids[full]] === found.length) full++;
    return {
      ids,
      full,
      counts: withCounts ? counts : null,
      words: words.map((x) => x.w),
      found: found.map((x) => x.w),
      missing: words.filter((x) => !x.keys.size).map((x) => x.w),
      lay: found.filter((x) => x.lay).map((x) => ({ word: x.w, words: x.lay })),
      match,
    };
  }

  return { docs: N, search, doc };
}
