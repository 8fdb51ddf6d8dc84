// Reading the index files the build writes under search/ (the format is described in
// search-core.js): each file fetched once and kept, the shard that holds a key, a key's place
// in its shard, the filters as one flag per record, and a result's data. What a query does with
// them is search-core.js's business; this file does not rank.

async function getJson(f, url) {
  const r = await f(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.json();
}

/** Opens the index at `${base}search/`; rejects when index.json cannot be read. */
export async function readIndex(base = "/", fetchImpl = (...a) => fetch(...a)) {
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
  const loaded = (i) => i >= shards.length || cache.has(`s/${i}-${meta.set}.json`);

  // The shard to look for `k` in; for `{pre}`, a loaded one of those that begin with `pre`, else
  // the one `pre` belongs to if loaded, else the first that begins with it.
  const text = (k) => k.pre ?? k;
  const where = (k) => {
    const si = shardOf(text(k));
    if (!k.pre) return si;
    const begin = [];
    for (let j = si + 1; j < shards.length && shards[j].startsWith(k.pre); j++) begin.push(j);
    return begin.find(loaded) ?? (loaded(si) || !begin.length ? si : begin[0]);
  };
  // Where key `k` (`{pre}`: the first key that begins with `pre`) is: [shard, index], null when
  // it is no key, and undefined when its shard is not loaded.
  const locate = async (k) => {
    const si = where(k);
    if (!loaded(si)) return undefined;
    const s = await shard(si);
    const i = lower(s.k, text(k));
    return (k.pre ? s.k[i]?.startsWith(k.pre) : s.k[i] === k) ? [s, i] : null;
  };

  // The first of `cands` (lists of keys that must all be found) as [shard, index]s, with it as
  // `c`; reading, if `spend`, at most one shard more per word (x.spent): one a candidate lacks
  // alone.
  async function first(x, cands, used, spend = true) {
    for (let round = 0; round < 2; round++) {
      const lacking = [];
      for (const c of cands) {
        const at = await Promise.all(c.map(locate));
        if (at.every(Boolean)) return Object.assign(at, { c });
        if (!at.includes(null)) lacking.push(c);
      }
      const out = lacking.map((c) => [...new Set(c.map(where).filter((i) => !loaded(i)))]).find((o) => o.length === 1);
      if (x.spent || !spend || !out) return null;
      x.spent = true;
      used.add(out[0]);
      await shard(out[0]).catch(() => {});
    }
    return null;
  }

  // The filters file, read once: {group: {value: one flag per record}}.
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

  /** A result's data (title, URL, status, text…). */
  const doc = (id) => load(`d/${id}-${meta.groups[Math.floor(id / meta.group)]}.json`);

  return { meta, N, shards, level, shardOf, shard, lower, loaded, locate, first, filters, doc };
}
