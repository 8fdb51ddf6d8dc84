// A static host for the browser tests: serves a built folder under a base path over
// loopback, folders as index.html, misses as 404.html with status 404 — as a plain static
// host would. Also the Chromium flags that work on this kind of machine.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";

export const launchArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// Pages age by the reader's clock (js/dates.js): a page built at the tests' build date is
// read on that day, as its reader would read it then. The checks that look at what a page
// says (check.mjs, journeys.mjs) set their contexts to it; the ageing test sets other days
// itself. The checks that time a live page (search, editor, live reload) leave the clock
// alone: Playwright's clock made their timing flaky.
export async function readOnBuildDay(context) {
  const day = process.env.INDSATS_READER_DATE;
  if (day) await context.clock.setFixedTime(new Date(`${day}T12:00:00+02:00`));
  return context;
}

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".wasm": "application/wasm",
  ".pagefind": "application/octet-stream",
};

// A static host: serves `dir` under `base`, folders as index.html, misses as 404.html.
export function serve(dir, base) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    let p = decodeURIComponent(url.pathname);
    if (!p.startsWith(base)) return notFound(res);
    p = p.slice(base.length);
    if (p.split("/").includes("..")) return notFound(res);
    let file = path.join(dir, p);
    try {
      let s = await stat(file);
      if (s.isDirectory()) {
        if (!url.pathname.endsWith("/")) {
          res.writeHead(301, { location: url.pathname + "/" });
          return res.end();
        }
        file = path.join(file, "index.html");
        s = await stat(file);
      }
      const body = await readFile(file);
      res.writeHead(200, { "content-type": MIME[path.extname(file)] || "application/octet-stream" });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      notFound(res);
    }
  });
  async function notFound(res) {
    const body = await readFile(path.join(dir, "404.html")).catch(() => "404");
    res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
    res.end(body);
  }
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

