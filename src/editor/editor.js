// The editor's form, checked as the editor types: the form as it stands goes to the server,
// which checks it with the build's own code (nothing is written) and answers with the
// problems by field; each is shown under its field's hint, and the field is marked. Without
// this script the form works the same; the problems then show when "Gem" is pressed.
(() => {
  const form = document.querySelector("form[data-tjek]");
  if (!form) return;
  const status = document.getElementById("live-status");
  let timer = null;
  let asked = 0;
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
    const body = new URLSearchParams(new FormData(form)).toString();
    try {
      const answer = await fetch(form.dataset.tjek, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body,
      });
      if (!answer.ok || mine !== asked) return;
      const checked = await answer.json();
      show(checked.fejl);
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
})();
