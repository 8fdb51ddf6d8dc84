// The editor's form, checked as the editor types: the form as it stands goes to the server,
// which checks it with the build's own code (nothing is written) and answers with the
// problems by field; each is shown under its field's hint, and the field is marked. Without
// this script the form works the same; the problems then show when "Gem" is pressed.
//
// Nothing is removed by accident: a field the editor empties is sent with `tomt=<key>` (the
// server keeps a field that comes empty without it, and asks), and a field the browser
// reports as badly filled in (a half-typed date, which it would send empty) stops "Gem" with
// the problem at the field.
(() => {
  const form = document.querySelector("form[data-tjek]");
  if (!form) return;
  const status = document.getElementById("live-status");
  let timer = null;
  let asked = 0;
  const keyOf = (control) => (control.name === "tekst" ? "tekst" : control.name.split(".")[0]);
  const texts = () =>
    [...form.elements].filter(
      (c) => c.name && c.name !== "token" && c.name !== "version" && c.name !== "tomt" && !["checkbox", "hidden", "submit", "radio"].includes(c.type),
    );
  const wasFilled = (c) =>
    c.tagName === "SELECT" ? [...c.options].some((o) => o.defaultSelected && o.value !== "") : c.defaultValue.trim() !== "";
  // One `tomt` marker for each field whose every box is now empty and was not before.
  const markCleared = () => {
    for (const old of form.querySelectorAll("input[data-cleared]")) old.remove();
    const byKey = new Map();
    for (const c of texts()) byKey.set(keyOf(c), [...(byKey.get(keyOf(c)) || []), c]);
    for (const [key, controls] of byKey) {
      const empty = controls.every((c) => c.value.trim() === "" && !c.validity.badInput);
      if (empty && controls.some(wasFilled)) {
        const marker = document.createElement("input");
        marker.type = "hidden";
        marker.name = "tomt";
        marker.value = key;
        marker.dataset.cleared = "";
        form.append(marker);
      }
    }
  };
  const badlyFilled = () =>
    texts()
      .filter((c) => c.validity.badInput)
      .map((c) => ({
        felt: c.id.replace(/^felt-/, ""),
        besked: c.type === "date"
          ? "datoen er ikke skrevet helt: skriv dag, måned og år, eller tøm feltet helt, hvis datoen skal fjernes"
          : "feltet er ikke udfyldt rigtigt",
      }));
  const show = (problems) => {
    for (const old of form.querySelectorAll(".live-error")) old.remove();
    for (const field of form.querySelectorAll("[data-live-invalid]")) {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("data-live-invalid");
      field.setAttribute("aria-describedby", field.dataset.describedby);
    }
    for (const p of problems) {
      const hint = document.getElementById(`hint-${p.felt || "tekst"}`);
      if (!hint) continue;
      const key = p.felt || "tekst";
      const error = document.createElement("span");
      error.className = "error live-error";
      error.id = `live-${key}`;
      error.textContent = `Fejl: ${p.besked}`;
      hint.after(error);
      const control = document.getElementById(`felt-${key}`);
      if (control && !control.hasAttribute("aria-invalid")) {
        control.dataset.describedby = control.getAttribute("aria-describedby") || "";
        control.setAttribute("aria-describedby", `${control.dataset.describedby} live-${key}`.trim());
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("data-live-invalid", "");
      }
    }
    if (status) status.textContent = problems.length ? `${problems.length} fejl i formularen` : "";
  };
  const check = async () => {
    const mine = ++asked;
    markCleared();
    const body = new URLSearchParams(new FormData(form)).toString();
    try {
      const answer = await fetch(form.dataset.tjek, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body,
      });
      if (!answer.ok || mine !== asked) return;
      const checked = await answer.json();
      const bad = badlyFilled();
      show([...bad, ...checked.fejl.filter((p) => !bad.some((b) => b.felt === p.felt))]);
      // The site's own renderer made this HTML (raw HTML dropped or cleaned, as on the pages).
      const preview = document.getElementById("forhaandsvisning");
      if (preview && typeof checked.tekst_html === "string") preview.innerHTML = checked.tekst_html;
    } catch {
      // The server is away (serve stopped): the form still saves when it is back.
    }
  };
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  });
  // What the editor types is kept in this browser until it is saved, so that nothing is
  // lost to a closed tab, a restarted serve or a click away: the form offers it back.
  const storeKey = `indsats-ikke-gemt:${location.pathname}`;
  const saved = new URLSearchParams(location.search).has("gemt");
  let dirty = false;
  const keep = () => {
    dirty = true;
    const fields = [...new FormData(form)].filter(([k]) => k !== "token" && k !== "tomt");
    try {
      localStorage.setItem(storeKey, JSON.stringify({ at: Date.now(), fields }));
    } catch {
      // Storage full or off: the warning on leaving still guards.
    }
  };
  const offerBack = () => {
    let kept = null;
    try {
      kept = JSON.parse(localStorage.getItem(storeKey) || "null");
    } catch {
      kept = null;
    }
    if (!kept || !Array.isArray(kept.fields)) return;
    const now = [...new FormData(form)].filter(([k]) => k !== "token" && k !== "tomt");
    if (JSON.stringify(now) === JSON.stringify(kept.fields)) return;
    const box = document.createElement("div");
    box.className = "summary";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Ikke gemte ændringer");
    const time = new Date(kept.at).toLocaleTimeString("da-DK", { hour: "2-digit", minute: "2-digit" });
    const text = document.createElement("p");
    text.textContent = `Du skrev noget i formularen kl. ${time}, som ikke blev gemt.`;
    const back = document.createElement("button");
    back.type = "button";
    back.className = "small";
    back.textContent = "Hent det, jeg skrev";
    const drop = document.createElement("button");
    drop.type = "button";
    drop.className = "small";
    drop.textContent = "Kassér det";
    back.addEventListener("click", () => {
      const values = new Map();
      for (const [k, v] of kept.fields) values.set(k, [...(values.get(k) || []), v]);
      for (const control of form.elements) {
        if (!control.name || control.name === "token" || !values.has(control.name)) {
          if (control.type === "checkbox" && control.name && control.name !== "tomt") control.checked = false;
          continue;
        }
        const list = values.get(control.name);
        if (control.type === "checkbox") control.checked = list.includes(control.value);
        else if (control.type !== "submit" && control.type !== "button") control.value = list.length ? list.shift() : "";
      }
      box.remove();
      dirty = true;
      form.dispatchEvent(new Event("input"));
      document.getElementById("felt-titel")?.focus();
    });
    drop.addEventListener("click", () => {
      localStorage.removeItem(storeKey);
      box.remove();
    });
    box.append(text, back, " ", drop);
    form.before(box);
  };
  if (saved) localStorage.removeItem(storeKey);
  else offerBack();
  form.addEventListener("input", keep);
  window.addEventListener("beforeunload", (event) => {
    if (dirty) event.preventDefault();
  });
  // "Kopiér portalens kontakt hertil": the site's contact into the empty contact fields.
  for (const button of form.querySelectorAll("button[data-kopier]")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      for (const [part, value] of Object.entries(JSON.parse(button.dataset.dele))) {
        const field = form.elements[`${button.dataset.kopier}.${part}`];
        if (field && !field.value) field.value = value;
      }
      form.elements[`${button.dataset.kopier}.navn`]?.focus();
      form.dispatchEvent(new Event("input"));
    });
  }
  // This tab's name, kept for the tab's life (a reload, a save), not shared with other tabs.
  let tab = sessionStorage.getItem("indsats-fane");
  if (!tab) {
    tab = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    sessionStorage.setItem("indsats-fane", tab);
  }
  const tabForm = () => new URLSearchParams({ token: form.elements.token.value, fane: tab });
  const elsewhere = document.getElementById("andre-faner");
  const report = async () => {
    try {
      const answer = await fetch(form.dataset.fane, { method: "POST", body: tabForm() });
      if (!answer.ok) return;
      const { andre } = await answer.json();
      if (!elsewhere) return;
      const text = andre
        ? "Filen er også åben i et andet faneblad eller vindue. Gem kun ét sted; gemmer I begge, bliver du spurgt om de felter, I begge har ændret."
        : "";
      if (elsewhere.textContent !== text) {
        elsewhere.textContent = text;
        elsewhere.className = text ? "summary" : "";
      }
    } catch {
      // The server is away; nothing to tell.
    }
  };
  report();
  setInterval(report, 10000);
  window.addEventListener("pagehide", () => navigator.sendBeacon(form.dataset.lukket, tabForm()));
  form.addEventListener("submit", (event) => {
    const bad = badlyFilled();
    if (bad.length) {
      event.preventDefault();
      show(bad);
      document.getElementById(`felt-${bad[0].felt}`)?.focus();
      return;
    }
    markCleared();
    dirty = false;
  });
})();
