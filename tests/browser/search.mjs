// Search checks for the shipped site, in headless Chromium, served under a base path: each
// query of the Danish query set (with and without æ/ø/å, inflections, compounds) must put its
// expected initiative in the top 3 of the results for the whole query; filters (the type filter's
// Tilbud among them) narrow and show counts that match what they leave; "Vis flere" adds the next 10; the URL round-trips;
// keyboard alone works; bad input (500 characters, punctuation, control characters, emoji)
// gets a message, never an exception; axe-core finds no violation with results shown; without
// JavaScript, /soeg/ says search needs it and links to the A-Å pages, which list every initiative.
//
// "Results for the whole query": the page writes the URL before it searches, and a shorter
// query's results may still be on screen, so every wait is for #search-status's data-state,
// which the page sets to the query string (q and filters) of the results it has just drawn.
// A wait that times out is a failure.
//
// Usage: node search.mjs <config.json>  (config: {dir, base, queries: [[query, expected title], …], initiatives})

import { chromium } from "playwright-core";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { serve, launchArgs } from "./serve.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const config = JSON.parse(await readFile(process.argv[2], "utf8"));
const failures = [];
const fail = (what) => failures.push(what);
// Runs one check; an exception (a timeout, a failed click) is that check's failure.
async function check(name, fn) {
  try {
    await fn();
  } catch (e) {
    fail(`${name}: ${String(e?.message || e).split("\n")[0]}`);
  }
}

const server = await serve(config.dir, config.base);
const origin = `http://127.0.0.1:${server.address().port}${config.base}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: launchArgs });

/** The query string the page writes for `q` and `filters` ([[name, value], …], in page order). */
const stateOf = (q, filters = []) => {
  const p = new URLSearchParams();
  if (q.trim()) p.set("q", q.trim());
  for (const [k, v] of filters) p.append(k, v);
  return p.toString();
};

/** Waits until the page shows the results of exactly this state; their titles and total. */
async function settled(page, q, filters = []) {
  const want = stateOf(q, filters);
  await page.waitForFunction((w) => document.getElementById("search-status").dataset.state === w, want, { timeout: 10000 });
  // The same message said again is emptied for 50 ms first, so a screen reader repeats it.
  await page.waitForFunction(() => document.getElementById("search-status").textContent !== "", null, { timeout: 2000 }).catch(() => {});
  const titles = await page.$$eval("#search-list .card__title a", (as) => as.map((a) => a.textContent));
  const total = Number(await page.$eval("#search-status", (s) => s.dataset.count));
  return { titles, total, status: await page.textContent("#search-status") };
}

// Every exception or console error on any page fails the run.
function watch(page) {
  page.on("pageerror", (e) => fail(`exception in the page: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && !m.location().url.endsWith("/favicon.ico") && fail(`console error: ${m.text()} (${m.location().url})`));
}

try {
  const context = await browser.newContext();
  const page = await context.newPage();
  watch(page);
  const timings = [];
  for (const [query, expected] of config.queries) {
    await check(`query "${query}"`, async () => {
      await page.goto(`${origin}soeg/`);
      await page.type("#search-q", query.slice(0, -1));
      const start = Date.now();
      await page.type("#search-q", query.slice(-1));
      const { titles } = await settled(page, query);
      timings.push(Date.now() - start);
      const top = titles.slice(0, 3);
      if (!top.includes(expected)) fail(`query "${query}": expected "${expected}" in the top 3, got ${JSON.stringify(top)}`);
      if (new URL(page.url()).searchParams.get("q") !== query) fail(`query "${query}": URL ${page.url()} does not hold the query`);
    });
  }
  timings.sort((a, b) => a - b);
  console.log(`search: last keystroke to results shown, median ${timings[Math.floor(timings.length / 2)]} ms over ${timings.length} queries (includes the 200 ms typing pause)`);

  // Typed with or without æ/ø/å, one query gives one answer.
  await check("boern = børn", async () => {
    await page.goto(`${origin}soeg/?q=${encodeURIComponent("børn")}`);
    const a = (await settled(page, "børn")).titles;
    await page.goto(`${origin}soeg/?q=boern`);
    const b = (await settled(page, "boern")).titles;
    if (!a.length || JSON.stringify(a) !== JSON.stringify(b)) fail(`"børn" and "boern" differ: ${JSON.stringify(a.slice(0, 3))} / ${JSON.stringify(b.slice(0, 3))}`);
  });

  // Filters narrow, their counts say by how much, and the URL round-trips.
  await check("plan filter", async () => {
    await page.goto(`${origin}soeg/?q=rygestop`);
    const all = await settled(page, "rygestop");
    const label = await page.textContent("label[for=f-handleplan-2018-2019]");
    const shown = Number(/\((\d+)\)\s*$/.exec(label)?.[1]);
    await page.check("#f-handleplan-2018-2019");
    const narrowed = await settled(page, "rygestop", [["handleplan", "2018-2019"]]);
    if (!(narrowed.total > 0 && narrowed.total < all.total)) fail(`plan filter did not narrow: ${all.total} → ${narrowed.total}`);
    if (shown !== narrowed.total) fail(`the filter's label said ${JSON.stringify(label)}, checking it left ${narrowed.total}`);
    await page.reload();
    const again = await settled(page, "rygestop", [["handleplan", "2018-2019"]]);
    if (again.total !== narrowed.total) fail(`a shared link gives ${again.total} results, not ${narrowed.total}`);
    if (!(await page.isChecked("#f-handleplan-2018-2019"))) fail("filter from the URL is not shown as checked");
    if ((await page.inputValue("#search-q")) !== "rygestop") fail("query from the URL is not in the field");
  });

  // The type filter keeps to offers: its label and count, what it leaves (offer pages only),
  // the status saying a filter is on, and the address (?type=tilbud) that shares it.
  await check("type filter (Tilbud)", async () => {
    await page.goto(`${origin}soeg/?q=rygestop`);
    const all = await settled(page, "rygestop");
    const legend = await page.$eval("#f-type-tilbud", (b) => b.closest("fieldset")?.querySelector("legend")?.textContent);
    if (legend !== "Type") fail(`the offers' filter is under ${JSON.stringify(legend)}, not "Type"`);
    const label = await page.textContent("label[for=f-type-tilbud]");
    const shown = Number(/^Tilbud \((\d+)\)\s*$/.exec(label)?.[1]);
    await page.check("#f-type-tilbud");
    const offers = await settled(page, "rygestop", [["type", "tilbud"]]);
    if (!(offers.total > 0 && offers.total < all.total)) fail(`type filter did not narrow: ${all.total} → ${offers.total}`);
    if (shown !== offers.total) fail(`the offers' label said ${JSON.stringify(label)}, checking it left ${offers.total}`);
    if (!/med de valgte filtre/.test(offers.status)) fail(`the status does not say a filter is on: ${JSON.stringify(offers.status)}`);
    const hrefs = await page.$$eval("#search-list .card__title a, #search-partial-list .card__title a", (as) => as.map((a) => a.getAttribute("href")));
    if (!hrefs.length || hrefs.some((h) => !h.includes("/tilbud/"))) fail(`type=tilbud shows more than offers: ${JSON.stringify(hrefs)}`);
    await page.goto(`${origin}soeg/?q=rygestop&type=tilbud`);
    const shared = await settled(page, "rygestop", [["type", "tilbud"]]);
    if (shared.total !== offers.total || !(await page.isChecked("#f-type-tilbud"))) fail(`a shared ?type=tilbud gives ${shared.total} results, not ${offers.total}, or is not checked`);
  });

  // Ten at a time: "Vis flere" adds the next ten and takes focus to the first of them.
  await check("Vis flere", async () => {
    await page.goto(`${origin}soeg/?q=sund`);
    const first = await settled(page, "sund");
    if (!(first.total > 10)) throw new Error(`"sund" should have more than 10 results, has ${first.total}`);
    if (first.titles.length !== 10) fail(`first page shows ${first.titles.length} results, not 10`);
    await page.click("text=Vis flere");
    await page.waitForFunction((n) => document.querySelectorAll("#search-list .result").length === n, Math.min(20, first.total), { timeout: 10000 });
    const focused = await page.evaluate(() => [...document.querySelectorAll("#search-list .result")].indexOf(document.activeElement?.closest(".result")));
    if (focused !== 10) fail(`after "Vis flere" focus is on result ${focused}, not the 11th`);
    const titles = await page.$$eval("#search-list .card__title a", (as) => as.map((a) => a.textContent));
    if (JSON.stringify(titles.slice(0, 10)) !== JSON.stringify(first.titles)) fail(`"Vis flere" changed the first ten`);
  });

  // Keyboard alone: type, Tab to a theme filter, Space to check it; results narrow, focus stays.
  await check("keyboard filter", async () => {
    await page.goto(`${origin}soeg/`);
    await page.focus("#search-q");
    await page.keyboard.type("kræft");
    const before = await settled(page, "kræft");
    await page.focus("#f-tema-kraeftrehabilitering");
    await page.keyboard.press("Space");
    const after = await settled(page, "kræft", [["tema", "kraeftrehabilitering"]]);
    if (!(after.total > 0 && after.total < before.total)) fail(`keyboard filter: ${before.total} → ${after.total}`);
    const focused = await page.evaluate(() => document.activeElement?.id);
    if (focused !== "f-tema-kraeftrehabilitering") fail(`focus moved to ${focused} when a filter changed`);
    await page.keyboard.press("Space");
    await settled(page, "kræft");
    const marks = await page.$$eval("#search-list mark", (m) => m.map((x) => x.textContent.toLowerCase()));
    if (!marks.some((m) => m.includes("kræft"))) fail(`matches are not highlighted: ${JSON.stringify(marks)}`);
  });

  // axe with results shown.
  await check("axe", async () => {
    await page.addScriptTag({ content: AXE_SOURCE });
    const violations = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      (await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })).violations.map((v) => `${v.id}: ${v.help}`),
    );
    for (const v of violations) fail(`axe on /soeg/ with results: ${v}`);
  });

  // No results: a clear message and the themes as suggestions.
  await check("no results", async () => {
    await page.goto(`${origin}soeg/?q=xyzzyqwerty`);
    const r = await settled(page, "xyzzyqwerty");
    if (r.total !== 0 || !/^Ingen resultater/.test(r.status)) fail(`no-results status: ${JSON.stringify(r.status)}`);
    if (!(await page.isVisible("#search-none"))) fail("no-results suggestions are not shown");
  });

  // A word found nowhere is named in the status; pages with only some of the words come under
  // their own heading; every results page ends with "Fandt du ikke det, du søgte?" and a phone link.
  await check("words found nowhere and partial matches", async () => {
    await page.goto(`${origin}soeg/?q=${encodeURIComponent("yoga mod stress")}`);
    let r = await settled(page, "yoga mod stress");
    if (!/^Ingen sider nævner »yoga«\. \d+ resultat(er)? for »stress«/.test(r.status)) fail(`found nowhere: status ${JSON.stringify(r.status)}`);
    if (await page.isVisible("#search-partial")) fail("found nowhere: a partial heading with every result matching the words found");
    await page.goto(`${origin}soeg/?q=${encodeURIComponent("rygestop kræft")}`);
    r = await settled(page, "rygestop kræft");
    const partial = await page.$$eval("#search-partial-list .card__title", (hs) => hs.map((h) => h.tagName));
    if (!r.titles.length || !partial.length || !(await page.isVisible("#search-partial-heading")))
      fail(`partial matches: ${r.titles.length} full, ${partial.length} partial shown`);
    if (partial.some((t) => t !== "H4")) fail(`partial matches: their titles are ${partial.join(", ")}, not h4 under the h3`);
    const help = await page.$eval("#search-help", (h) => ({ text: h.textContent, tel: h.querySelector('a[href^="tel:"]')?.getAttribute("href") }));
    if (!/Fandt du ikke det, du søgte\?/.test(help.text) || !/^tel:\d+$/.test(help.tel || "")) fail(`help at the end: ${JSON.stringify(help)}`);
  });

  // Bad input: a message, never an exception (watch() fails the run on one).
  const bad = [
    ["only stop words", "jeg er og i", /Skriv et mere præcist ord/],
    ["only punctuation", "?!…–,.:;«»", /Skriv et ord/],
    ["500 characters", "rygestop kursus børn ".repeat(24).slice(0, 500), /resultat/],
    ["control characters", "ryge\u0001stop\u0007 \u200b\u202e børn", /resultat/],
    ["emoji", "🚭 rygestop 👨‍👩‍👧", /resultat/],
  ];
  for (const [name, q, want] of bad) {
    await check(`bad input (${name})`, async () => {
      await page.goto(`${origin}soeg/`);
      // Type only once the page's script has read the address (it shows the filters then);
      // typed earlier, the field is emptied by that first reading on a slow machine.
      await page.waitForSelector("#search-filters:not([hidden])", { state: "attached", timeout: 10000 });
      await page.fill("#search-q", q);
      await page.press("#search-q", "Enter");
      const r = await settled(page, new URL(page.url()).searchParams.get("q") || "");
      if (!want.test(r.status)) fail(`bad input (${name}): status ${JSON.stringify(r.status)}`);
    });
  }

  // Back button: two searches, back restores the first.
  await check("back button", async () => {
    await page.goto(`${origin}soeg/`);
    await page.fill("#search-q", "stress");
    await page.press("#search-q", "Enter");
    await settled(page, "stress");
    await page.fill("#search-q", "tobak");
    await page.press("#search-q", "Enter");
    await settled(page, "tobak");
    await page.goBack();
    const r = await settled(page, "stress");
    if ((await page.inputValue("#search-q")) !== "stress" || !r.titles.length) fail("back button does not restore the previous search");
  });
  await context.close();

  // Without JavaScript: /soeg/?q=… says search needs it and leads to the A-Å pages, which
  // reach every initiative by following "next".
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await nojs.newPage();
  await p2.goto(`${origin}soeg/?q=rygestop`);
  const noscript = await p2.$eval("noscript", (n) => n.textContent).catch(() => "");
  if (!/JavaScript/.test(noscript)) fail("without JavaScript /soeg/ does not say that search needs it");
  const azLink = await p2.$eval("#search-az a[href$='alle/']", (a) => a.href).catch(() => null);
  if (!azLink) fail("without JavaScript /soeg/ has no link to the A-Å list");
  const seenAz = new Set();
  for (let url = azLink, pages = 0; url && pages < 200; pages++) {
    await p2.goto(url);
    for (const href of await p2.$$eval(".az-list a", (as) => as.map((a) => a.href))) seenAz.add(href);
    url = await p2.$eval("link[rel=next]", (l) => l.href).catch(() => null);
  }
  if (seenAz.size !== config.initiatives) fail(`without JavaScript the A-Å pages list ${seenAz.size} initiatives, expected ${config.initiatives}`);
  await nojs.close();

  // What a first query downloads of the search's own files (uncompressed; a host gzips them).
  await check("bytes", async () => {
    const c3 = await browser.newContext();
    const p3 = await c3.newPage();
    watch(p3);
    const seen = [];
    p3.on("response", async (r) => {
      const u = new URL(r.url()).pathname;
      if (u.startsWith(`${config.base}search/`) || /\/search(-[a-z]+)?\.js$/.test(u)) seen.push(r.body().then((b) => b.length, () => 0));
    });
    await p3.goto(`${origin}soeg/?q=rygestop`);
    await settled(p3, "rygestop");
    const sizes = await Promise.all(seen);
    const kib = Math.round(sizes.reduce((a, b) => a + b, 0) / 1024);
    console.log(`search: a first query downloads ${sizes.length} search files, ${kib} KiB uncompressed (scripts, index.json, filters, shards, 10 results' data)`);
    await c3.close();
  });
} finally {
  await browser.close();
  server.close();
}
for (const f of failures) console.log(`FAIL ${f}`);
console.log(`search: ${config.queries.length} queries, ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
