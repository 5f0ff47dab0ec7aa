/* The pair view: beads side by side, coloured by confidence, corrected with the keyboard or one click.
   Every correction goes through the JSON API at once (one at a time, in order); the answer carries the
   changed stretch of beads, which is all that is redrawn. Texts go in with textContent only. */
"use strict";
(() => {
  const { api, say, el } = Review;
  const list = document.getElementById("beads");
  const number = Number(list.dataset.pair);
  const onlyFlagged = document.getElementById("only-flagged");
  let pair = null, nodes = [], current = 0, side = "src", pick = 0, queue = Promise.resolve(), editing = false;

  function confidence(bead) {
    if (!bead.src.length || !bead.tgt.length) return "conf-null";
    if (bead.score === null) return "conf-good";
    return bead.score >= 0.75 ? "conf-good" : bead.score >= 0.5 ? "conf-fair" : "conf-poor";
  }

  function sentences(items, sideName) {
    const cell = el("div", { class: "side " + sideName + (items.length ? "" : " empty"), lang: pair[sideName + "_lang"] });
    items.forEach(([index, text, corrected], k) => {
      const span = el("span", { class: "sent" + (corrected ? " edited-text" : ""), "data-side": sideName, "data-k": String(k) },
        el("span", { class: "ix", text: String(index + 1) }), text);
      if (corrected) span.title = "text corrected by a reviewer";
      cell.append(span);
    });
    return cell;
  }

  function beadNode(bead) {
    const shape = bead.src.length + ":" + bead.tgt.length;
    const state = el("div", { class: "state" },
      bead.score === null || !bead.src.length || !bead.tgt.length ? "" : el("span", { title: "aligner confidence", text: bead.score.toFixed(2) }));
    if (bead.status !== "machine") {
      const badge = el("span", { class: "badge badge-" + bead.status, text: bead.status });
      badge.title = (bead.by || "") + (bead.at ? " · " + bead.at : "");
      state.append(el("br"), badge);
    }
    if (bead.flagged) state.append(el("span", { class: "reasons", text: bead.reasons.join(" · ") || "needs review" }));
    const node = el("div", { class: ["bead", confidence(bead), "status-" + bead.status, bead.flagged ? "flagged" : ""].join(" ") },
      el("div", { class: "gutter", text: shape }), sentences(bead.src, "src"), sentences(bead.tgt, "tgt"), state);
    node.dataset.flagged = bead.flagged ? "1" : "";
    return node;
  }

  function applyFilter(node) {
    node.classList.toggle("hidden-by-filter", onlyFlagged.checked && !node.dataset.flagged && node !== nodes[current]);
  }

  function drawStats() {
    const total = pair.beads.length;
    const stats = document.getElementById("stats");
    if (total < pair.total) { stats.textContent = pair.total + " beads · loading…"; return; }
    const reviewed = pair.beads.filter(b => b.status !== "machine").length;
    const flagged = pair.beads.filter(b => b.flagged).length;
    stats.textContent =
      total + " beads · " + Math.round(100 * reviewed / Math.max(total, 1)) + "% reviewed · " + flagged + " need review · version " + pair.version;
  }

  const FIRST = 120, BATCH = 400;  // beads drawn before the first paint, then per idle slice
  let drawing = 0;

  function drawAll() {
    nodes = [];
    list.replaceChildren();
    drawing += 1;
    ensure(Math.min(FIRST, pair.beads.length) - 1);
    drawRest(drawing);
    drawStats();
    select(Math.min(current, pair.beads.length - 1), false);
    const banner = document.getElementById("stale-banner");
    banner.hidden = !pair.stale.length;
    if (pair.stale.length) {
      banner.textContent = "";
      banner.append("This pair's documents changed since earlier decisions were made (" +
        pair.stale.map(s => s.actions + " on the old " + s.changed.join(" and ")).join("; ") +
        "). They are kept but not applied: ");
      for (const s of pair.stale) banner.append(el("a", { href: "/pairs/" + number + "/stale/" + s.row, text: "see them" }), " ");
    }
  }

  function drawRest(run) {
    /* The beads not drawn yet, BATCH per idle slice, unless the list was redrawn since (`run`). */
    const more = () => {
      if (run !== drawing || nodes.length >= pair.beads.length) return;
      ensure(Math.min(nodes.length + BATCH, pair.beads.length) - 1);
      setTimeout(more, 0);
    };
    setTimeout(more, 0);
  }

  function ensure(index) {
    /* Draw the beads up to `index` now (the rest follow in idle slices). */
    if (index < nodes.length) return;
    const fragment = document.createDocumentFragment();
    for (let i = nodes.length; i <= index && i < pair.beads.length; i++) {
      const node = beadNode(pair.beads[i]);
      nodes.push(node);
      applyFilter(node);
      fragment.append(node);
    }
    list.append(fragment);
  }

  function select(index, scroll = true) {
    if (!pair.beads.length) return;
    ensure(Math.min(index, pair.beads.length - 1));
    nodes[current] && nodes[current].classList.remove("current");
    current = Math.max(0, Math.min(index, pair.beads.length - 1));
    const node = nodes[current];
    node.classList.add("current");
    applyFilter(node);
    const items = pair.beads[current][side];
    if (!items.length) side = side === "src" ? "tgt" : "src";
    pick = Math.max(0, Math.min(pick, pair.beads[current][side].length - 1));
    for (const s of list.querySelectorAll(".sent.selected")) s.classList.remove("selected");
    const chosen = node.querySelector('.sent[data-side="' + side + '"][data-k="' + pick + '"]');
    if (chosen) chosen.classList.add("selected");
    if (scroll) node.scrollIntoView({ block: "nearest" });
  }

  function step(delta, flaggedOnly) {
    for (let i = current + delta; i >= 0 && i < pair.beads.length; i += delta) {
      if ((!flaggedOnly && !(onlyFlagged.checked && !pair.beads[i].flagged)) || pair.beads[i].flagged) { pick = 0; return select(i); }
    }
  }

  function replace(answer) {
    const remove = answer.remove === null ? pair.beads.length : answer.remove;
    ensure(answer.start + remove);
    const fresh = answer.beads.map(beadNode);
    nodes.slice(answer.start, answer.start + remove).forEach(n => n.remove());
    const anchor = nodes[answer.start + remove] || null;
    fresh.forEach(n => { applyFilter(n); list.insertBefore(n, anchor); });
    pair.beads.splice(answer.start, remove, ...answer.beads);
    nodes.splice(answer.start, remove, ...fresh);
    pair.total = pair.beads.length;  // corrections wait until every bead is loaded
    pair.version = answer.version;
    drawStats();
  }

  async function reload(message) {
    pair = await api("GET", "/api/pairs/" + number);
    drawAll();
    if (message) say(message, "warn", true);
  }

  async function open() {
    /* A long pair opens with its first screen of beads; the rest follows after the first paint, and
       corrections wait for it (they name bead positions). */
    pair = await api("GET", "/api/pairs/" + number + "?count=" + FIRST);
    drawAll();
    if (pair.beads.length >= pair.total) return;
    queue = queue.then(async () => {
      const rest = await api("GET", "/api/pairs/" + number + "?start=" + pair.beads.length);
      if (rest.version !== pair.version) return reload();  // changed meanwhile by another tab
      pair.beads.push(...rest.beads);
      drawRest(drawing);
      drawStats();
    }).catch(() => reload().catch(error =>  // the whole pair in one answer, else say so
      say("Could not load the whole pair: " + error.message + ". Reload the page before correcting.", "error", true)));
  }

  function send(body, after) {
    queue = queue.then(async () => {
      if (pair.beads.length < pair.total) {  // corrections name bead positions: never on a partial list
        say("The pair is not fully loaded: reload the page before correcting.", "error");
        return;
      }
      try {
        const answer = await api("POST", "/api/pairs/" + number + "/actions",
          { ...body, version: pair.version, by: document.querySelector('meta[name="reviewer"]').content });
        replace(answer);
        select(after === undefined ? current : after);
      } catch (error) {
        if (error.status === 409) await reload("This pair was changed in another tab or by a script: you now see its latest version, and your last correction was not applied.");
        else say(error.message, "error");
      }
    });
    return queue;
  }

  function splitPoint(bead) {
    /* Cut the selected side before the selected sentence; cut the other side where its length share is closest. */
    const other = side === "src" ? "tgt" : "src";
    const share = items => { const lengths = items.map(i => i[1].length); const total = lengths.reduce((a, b) => a + b, 0) || 1;
      let run = 0; return [0, ...lengths.map(l => (run += l) / total)]; };
    const here = share(bead[side])[pick], there = share(bead[other]);
    let best = 0;
    there.forEach((x, k) => { if (Math.abs(x - here) < Math.abs(there[best] - here)) best = k; });
    return side === "src" ? { src_at: pick, tgt_at: best } : { src_at: best, tgt_at: pick };
  }

  function edit() {
    const bead = pair.beads[current], item = bead[side][pick];
    if (!item) return;
    const span = nodes[current].querySelector('.sent[data-side="' + side + '"][data-k="' + pick + '"]');
    const box = el("textarea", { class: "editor", value: item[1] });
    box.setAttribute("aria-label", "Corrected sentence text");
    editing = true;
    span.replaceWith(box);
    box.focus();
    box.addEventListener("keydown", event => {
      event.stopPropagation();
      if (event.key === "Escape") { editing = false; box.replaceWith(span); }
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        editing = false;
        send({ op: "edit", side, sentence: item[0], text: box.value });
      }
    });
  }

  function run(op) {
    const bead = pair.beads[current];
    if (!bead) return;
    const item = bead[side][pick];
    switch (op) {
      case "accept": return send({ op, bead: current }, nextIndex());
      case "reject": return send({ op, bead: current }, nextIndex());
      case "merge": return send({ op, bead: current });
      case "split":
        if (!item) return;
        return send({ op, bead: current, ...splitPoint(bead) }, current + 1);
      case "move-prev": return send({ op: "move", bead: current, side, direction: "prev" }, Math.max(0, current - 1));
      case "move-next": return send({ op: "move", bead: current, side, direction: "next" });
      case "detach": return item && send({ op, bead: current, side, sentence: item[0] });
      case "edit": return edit();
      case "undo": return send({ op: "undo" });
    }
  }

  function nextIndex() {
    for (let i = current + 1; i < pair.beads.length; i++) if (!onlyFlagged.checked || pair.beads[i].flagged) return i;
    return current;
  }

  const keys = { a: "accept", r: "reject", m: "merge", s: "split", u: "move-prev", d: "move-next", x: "detach", e: "edit", z: "undo" };
  document.addEventListener("keydown", event => {
    if (editing || event.altKey || event.metaKey || event.target.matches("input, textarea")) return;
    if (event.ctrlKey) { if (event.key === "z") { event.preventDefault(); run("undo"); } return; }
    const key = event.key;
    if (key === "j" || key === "ArrowDown") { event.preventDefault(); step(1, false); }
    else if (key === "k" || key === "ArrowUp") { event.preventDefault(); step(-1, false); }
    else if (key === "n") step(1, true);
    else if (key === "p") step(-1, true);
    else if (key === "ArrowLeft" || key === "ArrowRight") { event.preventDefault(); side = key === "ArrowLeft" ? "src" : "tgt"; pick = 0; select(current); }
    else if (key === "." || key === ",") { pick += key === "." ? 1 : -1; select(current); }
    else if (key === "f") { onlyFlagged.checked = !onlyFlagged.checked; filterChanged(); }
    else if (key === "Enter") run("edit");
    else if (keys[key]) { event.preventDefault(); run(keys[key]); }
  });

  list.addEventListener("click", event => {
    const node = event.target.closest(".bead");
    if (!node || editing) return;
    const sent = event.target.closest(".sent");
    if (sent) { side = sent.dataset.side; pick = Number(sent.dataset.k); }
    select(nodes.indexOf(node), false);
  });
  for (const button of document.querySelectorAll("#actions button")) button.addEventListener("click", () => run(button.dataset.op));
  onlyFlagged.addEventListener("change", filterChanged);

  function filterChanged() {
    nodes.forEach(applyFilter);
    if (onlyFlagged.checked && !pair.beads.some(b => b.flagged)) say("No bead of this pair needs review any more.");
  }

  open().then(() => requestAnimationFrame(() => setTimeout(() => { window.reviewReadyAt = performance.now(); }, 0)))
    .catch(error => say("Could not load the pair: " + error.message, "error", true));
})();
