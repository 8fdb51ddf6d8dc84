// Search on /soeg/: progressive enhancement of a plain GET form. Without JavaScript the page
// lists every initiative A-Å; with it, results come from the Pagefind index as you type.
// The query and filters live in the URL (?q=rygestop&tema=tobak), so searches can be shared
// and the back button works. Focus never moves; the result count is announced politely.

const form = document.getElementById("search-form");
if (form) {
  const base = form.dataset.base || "/";
  const input = document.getElementById("search-q");
  const filterBox = document.getElementById("search-filters");
  const status = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  const list = document.getElementById("search-list");
  const none = document.getElementById("search-none");
  const az = document.getElementById("search-az");
  const boxes = [...form.querySelectorAll("input[type=checkbox]")];
  let pagefind = null;
  let generation = 0;
  let timer = null;

  filterBox.hidden = false;
  // Filters start folded on a phone, so results are not pushed below the fold; open on wider
  // screens, and whenever the URL already holds a filter.
  const openFilters = () => {
    if (matchMedia("(min-width: 48rem)").matches || boxes.some((b) => b.checked)) filterBox.open = true;
  };

  async function engine() {
    if (!pagefind) {
      pagefind = await import(`${base}pagefind/pagefind.js`);
      await pagefind.options({ excerptLength: 28 });
      pagefind.init();
    }
    return pagefind;
  }

  function readUrl() {
    const p = new URLSearchParams(location.search);
    input.value = p.get("q") || "";
    for (const b of boxes) b.checked = p.getAll(b.name).includes(b.value);
  }

  function writeUrl(push) {
    const p = new URLSearchParams();
    const q = input.value.trim();
    if (q) p.set("q", q);
    for (const b of boxes) if (b.checked) p.append(b.name, b.value);
    const qs = p.toString();
    const url = location.pathname + (qs ? `?${qs}` : "");
    if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", url);
  }

  function chosenFilters() {
    const f = {};
    for (const b of boxes) {
      if (b.checked) (f[b.dataset.filter] ||= { any: [] }).any.push(b.dataset.label);
    }
    return f;
  }

  const danish = (s) => s.toLowerCase().replace(/ae/g, "æ").replace(/oe/g, "ø").replace(/aa/g, "å");
  const fold = (s) => s.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa");

  // Pagefind's excerpt marks matches with <mark>; keep only text and those marks.
  function excerptNode(html) {
    const t = document.createElement("template");
    t.innerHTML = html;
    const p = document.createElement("p");
    p.className = "result__excerpt";
    for (const n of t.content.childNodes) {
      if (n.nodeType === Node.TEXT_NODE) p.append(n.textContent);
      else if (n.nodeName === "MARK") {
        const m = document.createElement("mark");
        m.textContent = n.textContent;
        p.append(m);
      } else p.append(n.textContent || "");
    }
    return p;
  }

  function resultItem(r) {
    const li = document.createElement("li");
    li.className = "result";
    const h = document.createElement("h3");
    h.className = "card__title";
    const a = document.createElement("a");
    a.href = r.url;
    a.textContent = r.meta.title || r.url;
    h.append(a);
    const meta = document.createElement("p");
    meta.className = "card__meta";
    if (r.meta.status) {
      const tag = document.createElement("strong");
      tag.className = `tag tag--${fold(r.meta.status)}`;
      const hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = "Status: ";
      tag.append(hidden, r.meta.status);
      meta.append(tag, " ");
    } else if (r.meta.kind) {
      const kind = document.createElement("span");
      kind.textContent = r.meta.kind;
      meta.append(kind, " ");
    }
    for (const text of [r.meta.plan && `Handleplan ${r.meta.plan}`, r.meta.theme]) {
      if (text) {
        const s = document.createElement("span");
        s.textContent = text;
        meta.append(s, " ");
      }
    }
    li.append(h, meta, excerptNode(r.excerpt || ""));
    return li;
  }

  async function run() {
    const mine = ++generation;
    const q = input.value.trim();
    const filters = chosenFilters();
    if (!q && Object.keys(filters).length === 0) {
      results.hidden = true;
      az.hidden = false;
      status.textContent = "";
      return;
    }
    let found;
    try {
      const pf = await engine();
      // Typed without æ/ø/å ("boern", "kraeft")? Also ask for the Danish spelling, and keep
      // each page's best score.
      const spellings = q ? [...new Set([q, danish(q)])] : [null];
      const searches = await Promise.all(spellings.map((s) => pf.search(s, { filters })));
      if (mine !== generation) return;
      const best = new Map();
      for (const s of searches) {
        for (const r of s.results) {
          const seen = best.get(r.id);
          if (!seen || r.score > seen.score) best.set(r.id, r);
        }
      }
      const ranked = [...best.values()].sort((a, b) => b.score - a.score);
      found = await Promise.all(ranked.slice(0, 40).map((r) => r.data()));
      if (mine !== generation) return;
      found.total = ranked.length;
    } catch (e) {
      status.textContent = "Søgningen kunne ikke indlæses. Brug listen over alle indsatser nedenfor.";
      return;
    }
    list.replaceChildren(...found.map(resultItem));
    const n = found.total;
    const what = q ? ` for »${q}«` : "";
    const shown = n > found.length ? ` Viser de ${found.length} bedste; skriv flere ord eller vælg et filter for at se andre.` : "";
    status.textContent = n === 0 ? `Ingen resultater${what}.` : `${n} ${n === 1 ? "resultat" : "resultater"}${what}.${shown}`;
    none.hidden = n !== 0;
    results.hidden = false;
    az.hidden = true;
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      writeUrl(false);
      run();
    }, 200);
  });
  for (const b of boxes) {
    b.addEventListener("change", () => {
      writeUrl(false);
      run();
    });
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    writeUrl(true);
    run();
  });
  window.addEventListener("popstate", () => {
    readUrl();
    run();
  });
  readUrl();
  openFilters();
  run();
}
