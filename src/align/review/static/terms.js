/* The terms page: every change goes through /api/terms (CSRF header via Review.api) and is shown from the
   server's answer; text is always set with textContent. Keyboard first (see the keys line on the page). */
"use strict";
(() => {
  const { api, say, el } = Review;
  const body = document.querySelector("#terms tbody");
  const filter = document.getElementById("term-filter");
  const categoryFilter = document.getElementById("category-filter");
  const statusFilter = document.getElementById("status-filter");
  let entries = [];
  let shown = [];
  let selected = null; // entry id

  const byId = (id) => entries.find((e) => e.id === id);

  function visible(entry) {
    const text = filter.value.trim().toLowerCase();
    return (!text || (entry.source + " " + entry.shown_target).toLowerCase().includes(text))
      && (!categoryFilter.value || entry.category === categoryFilter.value)
      && (!statusFilter.value || entry.status === statusFilter.value);
  }

  function row(entry) {
    const head = entry.merged_into ? byId(entry.merged_into) : null;
    const tr = el("tr", { "data-id": String(entry.id) },
      el("td", { text: String(entry.id) }),
      el("td", { text: head ? `${entry.source} → variant of #${head.id}` : entry.source }),
      el("td", { text: entry.shown_target }),
      el("td", {}, el("span", { class: "category", text: entry.category })),
      el("td", { class: "num", text: String(entry.frequency) }),
      el("td", { class: "num", text: entry.score.toFixed(2) }),
      el("td", {}, el("span", { class: "status status-" + entry.status, text: entry.status })));
    if (entry.id === selected) tr.classList.add("selected");
    if (head) tr.classList.add("merged");
    tr.addEventListener("click", () => select(entry.id));
    return tr;
  }

  function draw() {
    shown = entries.filter(visible);
    body.replaceChildren(...shown.map(row));
    const decided = entries.filter((e) => e.status !== "candidate").length;
    document.getElementById("progress").textContent = `${decided} of ${entries.length} decided`;
    const current = body.querySelector("tr.selected");
    if (current) current.scrollIntoView({ block: "nearest" });
  }

  function marked(text, spans) {
    const parts = [];
    let at = 0;
    for (const [start, end] of spans) {
      parts.push(document.createTextNode(text.slice(at, start)), el("mark", { text: text.slice(start, end) }));
      at = end;
    }
    parts.push(document.createTextNode(text.slice(at)));
    return parts;
  }

  async function select(id) {
    selected = id;
    draw();
    const entry = byId(id);
    document.getElementById("conc-title").textContent = `#${entry.id} ${entry.source} → ${entry.shown_target}`;
    document.getElementById("term-actions").hidden = false;
    const data = await api("GET", `/api/terms/${id}/concordance`);
    if (selected !== id) return;
    document.getElementById("conc-summary").textContent =
      `${data.units.length} units hold the pair; ${data.units_with_source} hold the source term` +
      (data.more ? ` (${data.more} more not shown)` : "");
    document.getElementById("conc-units").replaceChildren(...data.units.map((u) => el("li", { value: u.position },
      el("span", { class: "src" }, ...marked(u.source, u.source_spans)),
      el("span", { class: "tgt" }, ...marked(u.target, u.target_spans)))));
  }

  async function decide(payload) {
    const entry = byId(selected);
    if (!entry) return;
    try {
      const updated = await api("POST", `/api/terms/${entry.id}/actions`, { ...payload, version: entry.version });
      Object.assign(entry, updated);
      if (payload.op === "merge" || payload.op === "unmerge") await load();
      draw();
      document.getElementById("conc-title").textContent = `#${entry.id} ${entry.source} → ${entry.shown_target}`;
      say(`#${entry.id}: ${updated.status}${updated.merged_into ? ", variant of #" + updated.merged_into : ""}`);
    } catch (error) {
      say(error.message, "error", error.status === 409);
      if (error.status === 409) await load();
    }
  }

  function move(step) {
    if (!shown.length) return;
    const index = shown.findIndex((e) => e.id === selected);
    const next = shown[Math.max(0, Math.min(shown.length - 1, index < 0 ? 0 : index + step))];
    select(next.id);
  }

  function openForm(name, value) {
    const form = document.getElementById(name + "-form");
    const input = document.getElementById(name + "-input");
    form.hidden = false;
    input.value = value;
    input.focus();
    input.select();
  }

  function closeForms() {
    for (const name of ["edit", "merge"]) document.getElementById(name + "-form").hidden = true;
  }

  function sameSourceAbove(entry) {
    const index = entries.indexOf(entry);
    for (let i = index - 1; i >= 0; i--) if (entries[i].source === entry.source && !entries[i].merged_into) return entries[i].id;
    return "";
  }

  document.getElementById("edit-form").addEventListener("submit", (event) => {
    event.preventDefault();
    closeForms();
    decide({ op: "edit", target: document.getElementById("edit-input").value });
  });
  document.getElementById("merge-form").addEventListener("submit", (event) => {
    event.preventDefault();
    closeForms();
    decide({ op: "merge", into: Number(document.getElementById("merge-input").value) });
  });
  for (const id of ["edit-cancel", "merge-cancel"]) document.getElementById(id).addEventListener("click", closeForms);

  const STATUS_KEYS = { "1": "preferred", "2": "admitted", "3": "forbidden", "0": "candidate" };
  function command(key) {
    const entry = byId(selected);
    if (key === "j" || key === "ArrowDown") return move(1);
    if (key === "k" || key === "ArrowUp") return move(-1);
    if (key === "/") return filter.focus();
    if (!entry) return;
    if (key === "a") return decide({ op: "accept" });
    if (key === "x") return decide({ op: "reject" });
    if (key in STATUS_KEYS) return decide({ op: "status", status: STATUS_KEYS[key] });
    if (key === "e") return openForm("edit", entry.shown_target);
    if (key === "m") return openForm("merge", String(sameSourceAbove(entry)));
    if (key === "u") return decide({ op: "unmerge" });
  }

  document.addEventListener("keydown", (event) => {
    const typing = event.target.matches("input, select, textarea");
    if (event.key === "Escape") { closeForms(); event.target.blur && event.target.blur(); return; }
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    const known = ["j", "k", "ArrowDown", "ArrowUp", "/", "a", "x", "e", "m", "u", ...Object.keys(STATUS_KEYS)];
    if (!known.includes(event.key)) return;
    event.preventDefault();
    command(event.key);
  });

  document.getElementById("term-actions").addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.status) return decide({ op: "status", status: button.dataset.status });
    const op = button.dataset.op;
    if (op === "edit") return command("e");
    if (op === "merge") return command("m");
    decide({ op });
  });

  for (const control of [filter, categoryFilter, statusFilter]) control.addEventListener("input", draw);

  document.getElementById("export-terms").addEventListener("click", async () => {
    try {
      const result = await api("POST", "/api/terms/export", { formats: ["tbx", "csv"] });
      say(`${result.pairs} pairs written to ${Object.values(result.written).join(" and ")}`);
    } catch (error) {
      say(error.message, "error");
    }
  });

  async function load() {
    const data = await api("GET", "/api/terms");
    entries = data.entries;
    draw();
    if (!entries.length) document.getElementById("conc-title").textContent =
      data.tm ? "No term candidates in " + data.tm : "No TMX in this folder";
  }

  load().then(() => { if (entries.length && selected === null) select(entries[0].id); });
})();
