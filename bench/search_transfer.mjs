// What a phone downloads for a first search: serves a built site from a tiny static host that
// gzips text (as nginx does with `gzip on` and `gzip_types` for html, css, js, mjs, json, xml,
// svg, txt; already-compressed and binary files go as they are), opens `<base>soeg/?q=QUERY`
// in headless Chromium with a phone viewport and an empty cache, waits until the results for
// the whole query are shown and the network is idle, and sums the bytes that came over the
// wire for every request of that page load (DevTools protocol: Network.loadingFinished's
// encodedDataLength, response headers included), one fresh browser context per query.
//
//   node bench/search_transfer.mjs --dir OUTPUT_DIR [--base /sundhed/] [--verbose]
//        [--json FILE] [--gzip-level 6] [--queries "rygestop,børn"] [--timeout 20000]
//
// --base is the sub-path the site was built for (`indsats build --base-url https://x.dk/sundhed/`);
// default: read from the search form's data-base on soeg/index.html, else "/".
// The table's KB are kilobytes (1,000 bytes). Works on any output: the search engine's files
// are whatever the page requests (reported by their first folder, e.g. pagefind/ or search/).
//
// Needs node, Chromium (CHROMIUM, default /usr/bin/chromium; `apt-get install chromium`) and
// playwright-core, taken from tests/browser/node_modules (`cd tests/browser && npm ci`) or from
// PLAYWRIGHT_CORE (a path to the package folder).

import { createServer } from "node:http";
import { readFile, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import zlib from "node:zlib";

const QUERIES = ["rygestop", "boern", "børn", "overvægt", "sund", "kursus"];
const VIEWPORT = { width: 375, height: 812 };
const IDLE_MS = 500; // network idle: no request in flight for this long

// ---- arguments
function parseArgs(argv) {
  const o = { dir: null, base: null, verbose: false, json: null, gzipLevel: 6, queries: QUERIES, timeout: 20000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--dir") o.dir = value();
    else if (a === "--base") o.base = value();
    else if (a === "--verbose" || a === "-v") o.verbose = true;
    else if (a === "--json") o.json = value();
    else if (a === "--gzip-level") o.gzipLevel = Number(value());
    else if (a === "--queries") o.queries = value().split(",").map((q) => q.trim()).filter(Boolean);
    else if (a === "--timeout") o.timeout = Number(value());
    else if (a === "--help" || a === "-h") usage();
    else usage(`unknown argument ${a}`);
  }
  if (!o.dir) usage("--dir is required");
  if (!(o.gzipLevel >= 0 && o.gzipLevel <= 9)) usage("--gzip-level is 0-9");
  return o;
}

function usage(error) {
  const text = "usage: node bench/search_transfer.mjs --dir OUTPUT_DIR [--base /sundhed/] [--verbose] [--json FILE] [--gzip-level 0-9] [--queries a,b] [--timeout MS]";
  if (error) {
    console.error(`error: ${error}\n${text}`);
    process.exit(2);
  }
  console.log(text);
  process.exit(0);
}

const opts = parseArgs(process.argv.slice(2));
const dir = path.resolve(opts.dir);
if (!(await stat(path.join(dir, "soeg/index.html")).catch(() => null))) {
  console.error(`error: ${dir}/soeg/index.html not found: --dir must be a built site`);
  process.exit(2);
}
let base = opts.base;
if (!base) {
  const html = await readFile(path.join(dir, "soeg/index.html"), "utf8");
  base = html.match(/id="search-form"[^>]*data-base="([^"]*)"/)?.[1] || "/";
}
if (!base.startsWith("/")) base = `/${base}`;
if (!base.endsWith("/")) base += "/";

// ---- playwright-core: from tests/browser (as the browser suite has it) or PLAYWRIGHT_CORE
const here = path.dirname(fileURLToPath(import.meta.url));
async function loadPlaywright() {
  const candidates = [];
  if (process.env.PLAYWRIGHT_CORE) candidates.push(path.resolve(process.env.PLAYWRIGHT_CORE));
  try {
    candidates.push(path.dirname(createRequire(path.join(here, "../tests/browser/package.json")).resolve("playwright-core/package.json")));
  } catch {}
  for (const c of candidates) {
    try {
      return await import(pathToFileURL(path.join(c, "index.mjs")).href);
    } catch {}
  }
  console.error("error: playwright-core not found: run `cd tests/browser && npm ci`, or set PLAYWRIGHT_CORE to its folder");
  process.exit(2);
}
const { chromium } = await loadPlaywright();
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
if (!(await stat(executablePath).catch(() => null))) {
  console.error(`error: ${executablePath} not found (apt-get install chromium, or set CHROMIUM)`);
  process.exit(2);
}

// ---- the static host
const MIME = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".pdf": "application/pdf",
};
const GZIP = new Set([".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt"]);
const gzipCache = new Map(); // file → gzipped body (the same file is compressed once per run)

function send(req, res, status, file, body) {
  const ext = path.extname(file).toLowerCase();
  const headers = { "content-type": MIME[ext] || "application/octet-stream", "cache-control": "no-cache" };
  if (GZIP.has(ext)) {
    headers.vary = "Accept-Encoding";
    if (/\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
      let z = gzipCache.get(file);
      if (!z) {
        z = zlib.gzipSync(body, { level: opts.gzipLevel });
        gzipCache.set(file, z);
      }
      body = z;
      headers["content-encoding"] = "gzip";
    }
  }
  headers["content-length"] = body.length;
  res.writeHead(status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

async function notFound(req, res) {
  const file = path.join(dir, "404.html");
  const body = await readFile(file).catch(() => Buffer.from("404"));
  send(req, res, 404, file, body);
}

// What the host sent, per request (status line, headers and body as written to the socket):
// the cross-check for the browser's figures. `hostLog` is the current page load's list.
let hostLog = [];
let hostActivity = 0;
const server = createServer(async (req, res) => {
  const entry = { path: req.url, status: 0, bytes: 0, done: false };
  hostLog.push(entry);
  hostActivity = Date.now();
  const socket = req.socket;
  const before = socket.bytesWritten;
  res.on("finish", () => {
    Object.assign(entry, { status: res.statusCode, bytes: socket.bytesWritten - before, done: true });
    hostActivity = Date.now();
  });
  try {
    const url = new URL(req.url, "http://x");
    let p = decodeURIComponent(url.pathname);
    if (!p.startsWith(base)) return notFound(req, res);
    p = p.slice(base.length);
    if (p.split("/").includes("..")) return notFound(req, res);
    let file = path.join(dir, p);
    let s = await stat(file);
    if (s.isDirectory()) {
      if (!url.pathname.endsWith("/")) {
        res.writeHead(301, { location: url.pathname + "/" + url.search });
        return res.end();
      }
      file = path.join(file, "index.html");
      s = await stat(file);
    }
    send(req, res, 200, file, await readFile(file));
  } catch {
    notFound(req, res);
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

// ---- one page load
async function measure(browser, query) {
  const context = await browser.newContext({ viewport: VIEWPORT, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const requests = new Map(); // requestId → { url, bytes, status, done }
  let lastActivity = Date.now();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e.message || e).split("\n")[0]));
  // The same handlers serve the page's session and its workers' (a worker's requests, and the
  // end of loading its own script, are reported on the worker's session, not the page's).
  const network = {
    "Network.requestWillBeSent": (e) => {
      lastActivity = Date.now();
      // A redirect reuses the requestId: keep the hop that was redirected as its own entry.
      const prior = requests.get(e.requestId);
      if (prior && e.redirectResponse) {
        requests.set(`${e.requestId}:${prior.url}`, { ...prior, bytes: e.redirectResponse.encodedDataLength || 0, status: e.redirectResponse.status, done: true });
      }
      requests.set(e.requestId, { url: e.request.url, bytes: 0, status: null, done: false });
    },
    "Network.responseReceived": (e) => {
      const r = requests.get(e.requestId);
      if (r) r.status = e.response.status;
    },
    "Network.loadingFinished": (e) => {
      lastActivity = Date.now();
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { bytes: e.encodedDataLength, done: true });
    },
    "Network.loadingFailed": (e) => {
      lastActivity = Date.now();
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { done: true, failed: e.errorText });
    },
  };
  for (const [event, handler] of Object.entries(network)) cdp.on(event, handler);

  // Workers: attached (not flattened) from the page's session and asked to wait until their
  // Network domain is on; their messages come wrapped in Target.receivedMessageFromTarget.
  // Playwright's own session may resume a worker first, so a worker's first request can go
  // unreported: the host's log below fills that in.
  let messageId = 0;
  const toTarget = (sessionId, method, params = {}) =>
    cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id: ++messageId, method, params }) }).catch(() => {});
  cdp.on("Target.attachedToTarget", async (e) => {
    await toTarget(e.sessionId, "Network.enable");
    await toTarget(e.sessionId, "Runtime.runIfWaitingForDebugger");
  });
  cdp.on("Target.receivedMessageFromTarget", (e) => {
    let m;
    try {
      m = JSON.parse(e.message);
    } catch {
      return;
    }
    if (m.method && network[m.method]) network[m.method](m.params);
  });
  await cdp.send("Network.enable");
  await cdp.send("Network.clearBrowserCache");
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });

  hostLog = [];
  const url = `${origin}${base}soeg/?q=${encodeURIComponent(query)}`;
  const start = Date.now();
  let outcome = "ok";
  let statusText = "";
  try {
    await page.goto(url, { waitUntil: "load", timeout: opts.timeout });
    // Results for the whole query: the list has results and the status names the query
    // (this script's page load carries the whole query in the URL, so the first answer is
    // for the whole query; the status check guards against a client that searches per keystroke).
    const deadline = start + opts.timeout;
    await page.waitForFunction(
      () => {
        const list = document.getElementById("search-list");
        const status = document.getElementById("search-status");
        return (list && list.children.length > 0) || (status && /Ingen|kunne ikke/.test(status.textContent));
      },
      null,
      { timeout: Math.max(1000, deadline - Date.now()), polling: 50 },
    );
    statusText = (await page.textContent("#search-status").catch(() => "")) || "";
    if (!statusText.toLowerCase().includes(query.toLowerCase())) {
      await page
        .waitForFunction((q) => (document.getElementById("search-status")?.textContent || "").toLowerCase().includes(q), query.toLowerCase(), {
          timeout: 3000,
          polling: 50,
        })
        .catch(() => {});
    }
    // Network idle: nothing open at the host and no request started or finished, in the
    // browser or at the host, for IDLE_MS. (The host's view, because a worker may resume before
    // its session reports: then the browser never says that the worker's script finished.)
    for (;;) {
      const inFlight = hostLog.some((h) => !h.done);
      if (!inFlight && Date.now() - Math.max(lastActivity, hostActivity) >= IDLE_MS) break;
      if (Date.now() > deadline) {
        outcome = "network not idle";
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (e) {
    outcome = "timeout";
  }
  const elapsed = Date.now() - start;
  statusText = ((await page.textContent("#search-status").catch(() => "")) || statusText).trim();
  const shown = await page.$$eval("#search-list > *", (items) => items.length).catch(() => 0);
  const first = await page
    .$eval("#search-list a", (a) => a.textContent.trim())
    .catch(() => "");
  const total = Number((statusText.match(/(\d[\d.]*)\s+resultat/) || [])[1]?.replace(/\./g, "") ?? NaN);
  if (outcome === "ok" && shown === 0) outcome = /Ingen/.test(statusText) ? "no results" : "no results shown";
  // A word found nowhere is named on its own ("Ingen sider nævner »yoga«. 12 resultater for »stress«.").
  const named = statusText.toLowerCase().includes(query.toLowerCase()) || /Ingen sider nævner/.test(statusText);
  if (outcome === "ok" && !named) outcome = "status lacks query";

  await context.close();

  // The browser's own /favicon.ico (not asked for by the page, and fetched once per browser,
  // not per context) is left out; a favicon the page links to counts like any other file.
  const favicon = (p) => p === "/favicon.ico";
  const list = [...requests.values()]
    .filter((r) => r.url.startsWith("http"))
    .map((r) => ({ url: r.url, path: r.url.startsWith(origin) ? r.url.slice(origin.length) : r.url, status: r.status, cdp: r.bytes || 0, failed: r.failed }))
    .filter((r) => !favicon(r.path));
  // Reconcile with what the host sent. Chromium reports a dedicated worker's own script with
  // its headers only (the body is fetched before the worker's session exists): where the host
  // sent more than the browser reported, the host's figure counts, and the row says so. A
  // request the browser reported nowhere is added from the host's log.
  const unmatched = hostLog.filter((h) => !favicon(h.path));
  for (const r of list) {
    const i = unmatched.findIndex((h) => h.path === r.path);
    const h = i >= 0 ? unmatched.splice(i, 1)[0] : null;
    r.host = h ? h.bytes : null;
    r.status ??= h?.status ?? null;
    r.bytes = Math.max(r.cdp, r.host ?? 0);
    if (h && h.bytes > r.cdp) r.note = `browser reported ${r.cdp}`;
  }
  for (const h of unmatched) list.push({ url: origin + h.path, path: h.path, status: h.status, cdp: null, host: h.bytes, bytes: h.bytes, note: "not reported by the browser" });
  return {
    query,
    outcome,
    ms: elapsed,
    status: statusText,
    total: Number.isFinite(total) ? total : null,
    shown,
    first,
    requests: list,
    bytes: list.reduce((s, r) => s + r.bytes, 0),
    cdpBytes: list.reduce((s, r) => s + (r.cdp || 0), 0),
    hostBytes: list.reduce((s, r) => s + (r.host || 0), 0),
    corrected: list.filter((r) => r.note).length,
    errors,
  };
}

// The folder a request belongs to, for the breakdown: the first path segment under the base
// (soeg/, css/, js/, pagefind/, search/ …).
function group(p) {
  const rel = p.startsWith(base) ? p.slice(base.length) : p;
  const seg = rel.split(/[/?]/)[0];
  return rel.includes("/") ? `${seg}/` : seg || "(root)";
}

const kb = (b) => (b / 1000).toFixed(1);

const browser = await chromium.launch({
  executablePath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const results = [];
try {
  for (const q of opts.queries) results.push(await measure(browser, q));
} finally {
  await browser.close();
  server.close();
}

// ---- report
console.log(
  `search transfer: ${dir} at ${base} (gzip level ${opts.gzipLevel}, ${VIEWPORT.width}×${VIEWPORT.height}, empty cache; KB = 1,000 bytes, headers included; ` +
    "per request the browser's encodedDataLength, or what the host sent where that is more)",
);
const groups = [...new Set(results.flatMap((r) => r.requests.map((q) => group(q.path))))].sort();
const header = ["query", "requests", "KB", ...groups.map((g) => `${g} KB`), "results", "first result", "note"];
const rows = results.map((r) => {
  const by = Object.fromEntries(groups.map((g) => [g, 0]));
  for (const q of r.requests) by[group(q.path)] += q.bytes || 0;
  const note = [r.outcome === "ok" ? "" : r.outcome, r.corrected ? `${r.corrected} from the host's log` : "", r.errors.length ? `page error: ${r.errors[0]}` : ""]
    .filter(Boolean)
    .join("; ");
  return [r.query, String(r.requests.length), kb(r.bytes), ...groups.map((g) => kb(by[g])), r.total ?? (r.shown ? `${r.shown}+` : "0"), r.first.slice(0, 40), note];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
const line = (cells) => cells.map((c, i) => (i === 0 || i >= header.length - 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ").trimEnd();
console.log(line(header));
for (const row of rows) console.log(line(row));
const bytes = results.map((r) => r.bytes);
console.log(`min ${kb(Math.min(...bytes))} KB, max ${kb(Math.max(...bytes))} KB`);

if (opts.verbose) {
  for (const r of results) {
    console.log(`\n»${r.query}«: ${r.requests.length} requests, ${r.bytes} bytes, ${r.ms} ms; status: ${r.status || "(empty)"}`);
    for (const q of r.requests) console.log(`  ${String(q.bytes).padStart(8)}  ${q.status ?? "---"}  ${q.path}${q.failed ? `  (failed: ${q.failed})` : ""}${q.note ? `  (${q.note})` : ""}`);
    for (const e of r.errors) console.log(`  page error: ${e}`);
  }
}
if (opts.json) await writeFile(opts.json, JSON.stringify({ dir, base, gzipLevel: opts.gzipLevel, results }, null, 1));
// Exit 0 when every query was measured; 1 when a page did not show results (the figures are
// still printed: they are what the page downloaded until it gave up).
process.exit(results.every((r) => r.outcome === "ok") ? 0 : 1);
