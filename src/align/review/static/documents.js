/* The documents view: every pair with its review progress; sort by any column, filter, export. */
"use strict";
(() => {
  const { api, say, el } = Review;
  const body = document.querySelector("#documents tbody");
  const filter = document.getElementById("filter");
  const onlyFlagged = document.getElementById("only-flagged");
  const hideDone = document.getElementById("hide-done");
  let rows = [];
  let sortKey = "needs_review", sortDir = -1;

  function percent(x) { return Math.round(x * 100) + "%"; }

  function row(p) {
    const meter = el("span", { class: "meter" }, el("span"));
    meter.firstChild.style.width = percent(p.reviewed);
    const stale = el("td", { class: "num" + (p.stale ? " stale" : ""), text: p.stale ? String(p.stale) : "" });
    return el("tr", {},
      el("td", {}, el("a", { href: "/pairs/" + p.number, text: p.src })),
      el("td", { text: p.tgt }),
      el("td", { class: "num", text: String(p.beads) }),
      el("td", { class: "num" }, meter, " ", percent(p.reviewed)),
      el("td", { class: "num", text: String(p.needs_review) }),
      el("td", { class: "num", text: p.mean_confidence === null ? "–" : p.mean_confidence.toFixed(2) }),
      stale);
  }

  function draw() {
    const needle = filter.value.trim().toLowerCase();
    const shown = rows.filter(p =>
      (!needle || (p.src + " " + p.tgt).toLowerCase().includes(needle)) &&
      (!onlyFlagged.checked || p.needs_review > 0) && (!hideDone.checked || p.reviewed < 1));
    shown.sort((a, b) => {
      const x = a[sortKey], y = b[sortKey];
      return (x === y ? a.number - b.number : (x === null ? -1 : y === null ? 1 : x < y ? -1 : 1) * sortDir);
    });
    body.replaceChildren(...shown.map(row));
    document.getElementById("empty").hidden = shown.length > 0;
    for (const th of document.querySelectorAll("th.sortable")) {
      th.classList.toggle("sorted-asc", th.dataset.key === sortKey && sortDir === 1);
      th.classList.toggle("sorted-desc", th.dataset.key === sortKey && sortDir === -1);
    }
  }

  for (const th of document.querySelectorAll("th.sortable")) {
    th.addEventListener("click", () => {
      sortDir = th.dataset.key === sortKey ? -sortDir : (["src", "tgt"].includes(th.dataset.key) ? 1 : -1);
      sortKey = th.dataset.key;
      draw();
    });
  }
  for (const input of [filter, onlyFlagged, hideDone]) input.addEventListener("input", draw);

  document.getElementById("export").addEventListener("click", async () => {
    try {
      const result = await api("POST", "/api/export", { formats: ["tmx", "tsv"] });
      const files = Object.values(result.files).map(f => f.file + " (" + f.units + " units)").join(", ");
      say("Exported " + files + ".", "info", true);
    } catch (error) { say("Export failed: " + error.message, "error", true); }
  });

  api("GET", "/api/pairs").then(data => { rows = data; draw(); })
    .catch(error => say("Could not load the documents: " + error.message, "error", true));
})();
