// Dates that pass while a page sits on a host that is not rebuilt. A page whose facts go out
// of date carries the first day they are history (`data-stale-from="2022-05-01"`); from that
// day on, by the reader's own clock, this script shows what a rebuild would: a status tag
// turns neutral with its dated label (`data-stale-label`), a notice written for that day
// appears (`data-when-stale`), and what only holds while current goes (`data-while-current`).
// Without JavaScript the dates stand on the page as text. No inline script: CSP-friendly.
(() => {
  const pad = (n) => String(n).padStart(2, "0");
  const now = new Date();
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  for (const el of document.querySelectorAll("[data-stale-from]")) {
    if (today < el.dataset.staleFrom) continue;
    if (el.dataset.staleLabel) {
      el.className = "tag tag--historisk";
      el.textContent = el.dataset.staleLabel;
    }
    if (el.hasAttribute("data-when-stale")) el.hidden = false;
    if (el.hasAttribute("data-while-current")) el.hidden = true;
  }
})();
