// The search engine of /soeg/, without the page: text analysis (the same as the index's, in
// src/search/analysis.rs; tests/search_parity.rs holds the two together word by word), a Danish
// Snowball stemmer, and the queries over the index files the build writes under search/:
//   index.json        {version:1, docs, max, shards:[first key…], set, group, groups:[hash…],
//                      filters:"f-<hash>.json", newer:[older, newer…] (same initiative, later
//                      period), next:[older, newer…] (continued under a new name),
//                      lay:{<key>:[site words]} (synonymer:)}; level q means expm1(q/255·log1p(max))
//   s/<n>-<set>.json  shard n: {k:[keys, sorted by UTF-16 units], d:[[doc id gaps]…], s:[[levels]…]}
//   d/<id>-<g>.json   a result's data: {url, title, kind, status, statusKey, plan, themes, summary,
//                      text:[segments]}, g = groups[floor(id / group)]
//   f-<hash>.json     {<checkbox name>:{<value>:[gap, length, gap, length…]}}
// Nothing here touches the DOM; search.js draws. No function throws on any query.

/** Words: runs of letters, digits and marks, 2 to 40 characters, lower-cased. */
const WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
const len = (s) => [...s].length;
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
const STOPS = new Set(STOP);
export const isStop = (w) => STOPS.has(fold(w));

export const IRREGULAR = { boern: "barn", foedd: "fod", haend: "haand", kurs: "kursus", maend: "mand" };
const IRR = Object.entries(IRREGULAR);
// An irregular ending takes its shared form, so compounds follow ("skolebørn" → "skolebarn").
const irr = (s) => {
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
function near(a, b) {
  const d = a.length - b.length;
  if (d > 1 || d < -1 || a === b) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  if (!d) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return d > 0 ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const MAX_WORDS = 10;
const PREFIX_KEYS = 30;
// A short prefix ("sund") may begin keys in many shards; a query reads at most this many for it.
const PREFIX_SHARDS = 3;

async function getJson(f, url) {
  const r = await f(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.json();
}

/** Opens the index at `${base}search/`; rejects when index.json cannot be read. */
export async function open(base = "/", fetchImpl = (...a) => fetch(...a)) {
  const root = `${base}search/`;
  const meta = await getJson(fetchImpl, `${root}index.json`);
  if (meta.version !== 1 || !Array.isArray(meta.shards)) throw new Error("search/index.json: unknown format");
  const cache = new Map();
  const load = (path) => {
    let p = cache.get(path);
    if (!p) {
      p = getJson(fetchImpl, root + path);
      p.catch(() => cache.delete(path));
      cache.set(path, p);
    }
    return p;
  };
  const scale = Math.log1p(+meta.max || 0);
  const level = Array.from({ length: 256 }, (_, q) => Math.expm1((q / 255) * scale));
  const N = meta.docs | 0;
  const shards = meta.shards;

  // The shard that holds `k` (or would): the last whose first key is ≤ k.
  const shardOf = (k) => {
    let lo = 0;
    let hi = shards.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (shards[mid] <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const shard = async (i) => {
    const s = i < shards.length ? await load(`s/${i}-${meta.set}.json`) : {};
    s.k ||= [];
    return s;
  };
  // The first index in a shard's sorted keys that is ≥ k.
  const lower = (keys, k) => {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  // Records that are newer versions of others (flat older, newer pairs): by name, and
  // continued under a new name. Lay words' keys, with the site's words for them.
  const pairs = (a) => (Array.isArray(a) ? a : []).flatMap((v, j) => (j % 2 ? [] : [[v, a[j + 1]]]));
  const newer = pairs(meta.newer);
  const next = pairs(meta.next);
  const lay = meta.lay || {};
  const loaded = (i) => i >= shards.length || cache.has(`s/${i}-${meta.set}.json`);

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

  // Where key `k` is, when its shard is loaded: [shard, index], null when it is no key, and
  // undefined when its shard is not loaded.
  const locate = async (k) => {
    const si = shardOf(k);
    if (!loaded(si)) return undefined;
    const s = await shard(si);
    const i = lower(s.k, k);
    return s.k[i] === k ? [s, i] : null;
  };

  // The first of `cands` (each a list of keys that must all be keys), reading at most one shard
  // this word has not loaded (x.spent): the one the best candidate still lacks alone.
  async function first(x, cands, used) {
    for (let round = 0; round < 2; round++) {
      const lacking = [];
      for (const c of cands) {
        const at = await Promise.all(c.map(locate));
        if (at.every(Boolean)) return at;
        if (!at.includes(null)) lacking.push(c);
      }
      const out = lacking.map((c) => [...new Set(c.map(shardOf).filter((i) => !loaded(i)))]).find((o) => o.length === 1);
      if (x.spent || !out) return null;
      x.spent = true;
      used.add(out[0]);
      await shard(out[0]).catch(() => {});
    }
    return null;
  }

  // Spellings of `w` with ø for o and å or æ for a, at most two changes, fewest first.
  function variants(w) {
    let out = [[w, 0]];
    [...w].forEach((c, i) => {
      const to = c === "o" ? ["ø"] : c === "a" ? ["å", "æ"] : [];
      out = out.concat(out.filter(([, n]) => n < 2).flatMap(([v, n]) => to.map((t) => [[...v].map((d, j) => (j === i ? t : d)).join(""), n + 1])));
    });
    return out.slice(1).sort((a, b) => a[1] - b[1]).slice(0, 12).map(([v]) => v).filter((v) => !isStop(v));
  }

  // The fallbacks for a word that found no key, in order, each at a lower weight: a spelling with
  // æ, ø or å ends them; a split and the stem's longer keys add up; the last is taken only when
  // they found nothing. Never a part under 3 letters or a key under 5 that begins the word.
  async function fallback(x, put, used) {
    const f = fold(x.w);
    const n = len(f);
    // 1. æ, ø, å typed as a, o ("born" for børn).
    let at = await first(x, variants(x.w).map((v) => [key(v)]).filter(([k]) => k !== x.k), used);
    if (at) return put(x, at[0][0].k[at[0][1]], 0.9, ...at[0]);
    // 2. Split where both parts are keys, a linking s or e allowed: the longest shorter part first.
    const splits = [];
    for (let i = 3; n >= 7 && i <= n - 3; i++) {
      const tail = f.slice(i);
      for (const head of [f.slice(0, i), /[se]$/.test(f.slice(0, i)) && i > 3 ? f.slice(0, i - 1) : null]) {
        if (head && !STOPS.has(head) && !STOPS.has(tail)) splits.push([Math.min(len(head), n - i), [irr(stem(head)), irr(stem(tail))]]);
      }
    }
    splits.sort((a, b) => b[0] - a[0]);
    at = await first(x, splits.map(([, c]) => c), used);
    if (at) at.forEach(([s, i], p) => put(x, s.k[i], 0.6, s, i, p + 1));
    // The head's own compounds are on its subject too ("kultur…" → kulturvitaminer), lower, from
    // the shard that holds it.
    if (at) for (let [s, j] = at[0], k = s.k[j]; ++j < s.k.length && s.k[j].startsWith(k); ) put(x, s.k[j], 0.3, s, j, 3);
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
  }

  let filterData = null;
  const filters = async () => {
    if (!filterData) {
      const raw = await load(meta.filters);
      filterData = {};
      for (const [g, values] of Object.entries(raw)) {
        filterData[g] = {};
        for (const [v, runs] of Object.entries(values)) {
          const has = new Uint8Array(N);
          for (let j = 0, end = 0; j + 1 < runs.length; j += 2) {
            const start = end + runs[j];
            end = start + runs[j + 1];
            has.fill(1, start, Math.min(end, N));
          }
          filterData[g][v] = has;
        }
      }
    }
    return filterData;
  };

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

    // Per doc: words matched and summed score (each word counts its best key; the parts of a
    // split word count their best key each).
    const count = new Uint8Array(N);
    // Split words whose both parts a page has: it comes before a page with one part.
    const both = new Uint8Array(N);
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
        for (const d of touched) {
          if (!count[d]++) hits.push(d);
          if (best[1][d] && best[2][d]) both[d]++;
          for (const b of best) (sum[d] += b[d]), (b[d] = 0);
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
    ids.sort((a, b) => count[b] - count[a] || both[b] - both[a] || sum[b] - sum[a] || a - b);
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

  /** A result's data (title, URL, status, text…). */
  const doc = (id) => load(`d/${id}-${meta.groups[Math.floor(id / meta.group)]}.json`);

  return { docs: N, search, doc };
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
