// Search on /soeg/: progressive enhancement of a plain GET form. With JavaScript, results come
// from the site's own index (search-core.js) as you type, 10 at a time. The query and filters
// live in the URL (?q=rygestop&tema=tobak), so searches can be shared and the back button works.
// Focus never moves on its own; the result count is announced politely. Nothing here throws:
// a failure to load the index is a message in the status line.

import { open, excerpt } from "./search-core.js";

const PAGE = 10;
const form = document.getElementById("search-form");
if (form) {
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, ...kids) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    e.append(...kids);
    return e;
  };
  const base = form.dataset.base || "/";
  const input = $("search-q");
  const filterBox = $("search-filters");
  const status = $("search-status");
  const results = $("search-results");
  const list = $("search-list");
  const none = $("search-none");
  // Results that match only some of the words, under their own heading.
  const partial = $("search-partial");
  const partialList = $("search-partial-list");
  // The A–Å list, where the page still has one: shown while there are no results.
  const az = $("search-az");
  const boxes = [...form.querySelectorAll("input[type=checkbox]")];
  const more = el("button", "search-more", "Vis flere");
  more.type = "button";
  more.hidden = true;
  (partial || list).after(more);
  let engine = null;
  let generation = 0;
  let timer = null;
  let found = null;
  let shown = 0;

  const index = () => (engine ||= open(base).catch((e) => ((engine = null), Promise.reject(e))));

  if (filterBox) {
    filterBox.hidden = false;
    // Folded on a phone, so results are not pushed below the fold; open on wider screens and
    // whenever the URL already holds a filter.
    if (matchMedia("(min-width: 48rem)").matches || boxes.some((b) => b.checked)) filterBox.open = true;
  }

  const params = () => {
    const p = new URLSearchParams();
    const q = input.value.trim();
    if (q) p.set("q", q);
    for (const b of boxes) if (b.checked) p.append(b.name, b.value);
    return p.toString();
  };

  function readUrl() {
    const p = new URLSearchParams(location.search);
    input.value = p.get("q") || "";
    for (const b of boxes) b.checked = p.getAll(b.name).includes(b.value);
  }

  function writeUrl(push) {
    const qs = params();
    const url = location.pathname + (qs ? `?${qs}` : "");
    if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", url);
  }

  function chosen() {
    const f = {};
    for (const b of boxes) if (b.checked) (f[b.name] ||= []).push(b.value);
    return f;
  }

  // Each checkbox's label gets the number of results it would leave: "Tobak (12)".
  function showCounts(counts) {
    for (const b of boxes) {
      const label = b.labels?.[0];
      if (!label) continue;
      let span = label.querySelector(".filter-count");
      if (!counts) {
        span?.remove();
        continue;
      }
      span ||= label.appendChild(el("span", "muted filter-count"));
      span.textContent = ` (${counts[b.name]?.[b.value] ?? 0})`;
    }
  }

  function item(d, pieces, level = "h3") {
    const a = el("a", "", d.title || d.url || "");
    a.href = d.url || "";
    const meta = el("p", "card__meta");
    if (d.status) {
      meta.append(el("strong", `tag tag--${d.statusKey || ""}`, el("span", "visually-hidden", "Status: "), d.status), " ");
    } else if (d.kind) meta.append(el("span", "", d.kind), " ");
    for (const text of [d.plan && `Handleplan ${d.plan}`, (d.themes || []).join(", ")]) {
      if (text) meta.append(el("span", "", text), " ");
    }
    const p = el("p", "result__excerpt");
    pieces.forEach((s, i) => p.append(i % 2 ? el("mark", "", s) : s));
    return el("li", "result", el(level, "card__title", a), meta, p);
  }

  // Draws the next PAGE results of `res` (from the first when `fresh`); false when overtaken.
  async function page(mine, res, fresh) {
    const e = await index();
    const from = fresh ? 0 : shown;
    const ids = res.ids.slice(from, from + PAGE);
    const docs = await Promise.all(ids.map((id) => e.doc(id).catch(() => null)));
    if (mine !== generation) return false;
    // The first `full` results match every word found; the rest go under their own heading.
    const full = res.full ?? res.ids.length;
    const drawn = docs.map((d, i) => d && [from + i < full, item(d, excerpt(d, res), from + i < full ? "h3" : "h4")]).filter(Boolean);
    const items = drawn.map(([, li]) => li);
    list[fresh ? "replaceChildren" : "append"](...drawn.filter(([top]) => top).map(([, li]) => li));
    if (partialList) {
      partialList[fresh ? "replaceChildren" : "append"](...drawn.filter(([top]) => !top).map(([, li]) => li));
      partial.hidden = !partialList.children.length;
    }
    found = res;
    shown = from + ids.length;
    more.hidden = shown >= res.ids.length;
    return items;
  }

  const quoted = (q) => (q.length > 60 ? `${q.slice(0, 60)}…` : q);

  // The count is announced politely: while someone types, only once they pause for a second
  // (not after every keystroke); a text equal to the last one is announced again.
  let typing = false;
  let sayTimer = null;
  function say(text, state, count) {
    clearTimeout(sayTimer);
    const show = () => {
      const again = status.textContent === text;
      status.textContent = again ? "" : text;
      if (again) setTimeout(() => (status.textContent = text), 50);
      status.dataset.state = state;
      status.dataset.count = count;
    };
    if (typing) sayTimer = setTimeout(show, 800);
    else show();
  }

  async function run() {
    const mine = ++generation;
    const q = input.value.trim();
    const filters = chosen();
    const state = params();
    const filtered = Object.keys(filters).length > 0;
    try {
      // Counts are worked out (and the filters file read) only while the filters are open.
      const res = q || filtered ? await (await index()).search(input.value, filters, !!filterBox?.open) : { ids: [], empty: true };
      if (mine !== generation) return;
      showCounts(res.counts);
      const what = q ? ` for »${quoted(q)}«` : "";
      const also = filtered ? " med de valgte filtre" : "";
      if (res.empty) {
        // Nothing to search for: an empty field, or only punctuation.
        results.hidden = true;
        more.hidden = true;
        list.replaceChildren();
        partialList?.replaceChildren();
        if (az) az.hidden = false;
        return say(q ? "Skriv et ord for at søge." : "", state, 0);
      }
      if (!(await page(mine, res, true))) return;
      const n = res.ids.length;
      const named = (ws) => ws.map((w) => `»${quoted(w)}«`).join(" og ");
      // What was not found, said first: "Ingen sider nævner »pensionist«. 3 resultater for »motion«."
      const notes = [
        res.missing?.length ? `Ingen sider nævner ${named(res.missing)}.` : "",
        ...(res.lay || []).map((l) => `Ingen sider nævner »${quoted(l.word)}«; viser sider om ${l.words.map((w) => `»${w}«`).join(", ")}.`),
      ].filter(Boolean);
      const forWords = notes.length && res.found?.length ? ` for ${named(res.found)}` : what;
      none.hidden = n !== 0;
      results.hidden = false;
      if (az) az.hidden = true;
      const before = notes.length ? `${notes.join(" ")} ` : "";
      if (res.stop) say(`Ingen resultater${what}. Skriv et mere præcist ord.`, state, 0);
      else if (!n) say(`Ingen resultater${what}${also}.`, state, 0);
      else say(`${before}${n} ${n === 1 ? "resultat" : "resultater"}${forWords}${also}.${n > PAGE ? ` Viser de første ${PAGE}.` : ""}`, state, n);
    } catch {
      if (mine === generation) say("Søgningen kunne ikke indlæses. Prøv igen om lidt.", state, "");
    }
  }

  more.addEventListener("click", async () => {
    const mine = generation;
    typing = false;
    if (more.busy) return;
    more.busy = true;
    try {
      const items = await page(mine, found, false);
      if (!items) return;
      // The new results follow the button's place; take the reader to the first of them.
      items[0]?.querySelector("a").focus();
      say(`Viser ${Math.min(shown, found.ids.length)} af ${found.ids.length} resultater.`, status.dataset.state, found.ids.length);
    } catch {
      say("Flere resultater kunne ikke indlæses. Prøv igen.", status.dataset.state, "");
    } finally {
      more.busy = false;
    }
  });
  input.addEventListener("focus", () => index().catch(() => {}), { once: true });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      writeUrl(false);
      run();
    }, 200);
    typing = true;
  });
  for (const b of boxes) {
    b.addEventListener("change", () => {
      typing = false;
      writeUrl(false);
      run();
    });
  }
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    typing = false;
    writeUrl(true);
    // After a submitted search (not while typing) the reader is taken to the results.
    run().then(() => {
      if (!results.hidden) $("search-results-heading")?.focus();
    });
  });
  // Opening the filters shows their counts for the results on the page.
  filterBox?.addEventListener("toggle", async () => {
    const mine = generation;
    const q = input.value.trim();
    if (!filterBox.open || !(q || Object.keys(chosen()).length)) return;
    try {
      const res = await (await index()).search(input.value, chosen(), true);
      if (mine === generation) showCounts(res.counts);
    } catch {
      /* the counts stay away; the results are shown already */
    }
  });
  window.addEventListener("popstate", () => {
    typing = false;
    readUrl();
    run();
  });
  readUrl();
  run();
}
