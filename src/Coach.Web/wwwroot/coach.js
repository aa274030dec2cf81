// Autocomplete for inputs marked data-suggest="occupations|skills|places": fills their <datalist>
// from Coach's own taxonomy API (same origin, no external script). Without script the inputs still work.
// An input holding a list (data-suggest-separator=";") is completed on its last item, the earlier ones kept.
(() => {
  const lang = document.documentElement.lang === "en" ? "en" : "fr";
  const timers = new WeakMap();
  const label = {
    occupations: s => s.label,
    skills: s => s.label,
    places: s => `${s.name} (${s.inseeCode})`,
  };
  async function suggest(input) {
    const kind = input.dataset.suggest;
    const separator = input.dataset.suggestSeparator;
    const cut = separator ? input.value.lastIndexOf(separator) + 1 : 0;
    const before = cut > 0 ? input.value.slice(0, cut).trimEnd() + " " : "";
    const q = input.value.slice(cut).trim();
    const list = document.getElementById(input.getAttribute("list"));
    if (!list || q.length < 2 || !label[kind]) return;
    try {
      const url = `/api/taxonomy/${kind}?q=${encodeURIComponent(q)}&limit=8` + (kind === "places" ? "" : `&lang=${lang}`);
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const items = await response.json();
      // Answers can come back out of order: only the one for what the input holds now is shown.
      if (input.value.slice(cut).trim() !== q) return;
      list.replaceChildren(...items.map(item => {
        const option = document.createElement("option");
        option.value = before + label[kind](item);
        if (kind === "places" && item.postcodes?.length) option.label = item.postcodes.slice(0, 3).join(", ");
        return option;
      }));
    } catch { /* suggestions are a help: typing still works without them */ }
  }
  document.addEventListener("input", e => {
    const input = e.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.suggest) return;
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(() => suggest(input), 150));
  });
  // Loading state: a form that takes time (the diagnosis, a search) says so and cannot be sent twice.
  document.addEventListener("submit", e => {
    const form = e.target;
    const note = form.querySelector("[data-loading-text]");
    if (note) note.textContent = note.dataset.loadingText;
    form.setAttribute("aria-busy", "true");
  });
})();
