// Span highlighter front end (anywidget ESM; keys.js comes first).  The kernel owns the
// state: this view only renders `spans` / `reference` and sends what the learner did:
//   {action: "add", start, end, label}   offsets in UTF-16 code units of `text`
//   {action: "remove", index}            index into `spans`
//   {action: "relabel", index, label}
// The kernel converts UTF-16 offsets to Python character offsets, records the answer and
// sends back `spans` with both.  Keyboard: Tab to the text; arrows move by word or
// punctuation mark (so a selection can start at an opening quotation mark and end at a
// closing one), Shift+arrows extend, 1-9 or Enter mark with a label, Escape clears (and,
// with nothing selected, goes back to the notebook: see keys.js).

// A keyboard step: a word (with inner apostrophes and hyphens), or one other visible character.
const TOKEN = /[\p{L}\p{N}]+(?:['\u2019\-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
// Label styles (highlighter.css): each has its own colour and its own underline.
const STYLES = 10;

function tokens(text) {
  const out = [];
  for (const m of text.matchAll(TOKEN)) out.push([m.index, m.index + m[0].length]);
  return out;
}

const styleOf = (label) => `ml-c${label.index % STYLES}`;

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k === "className") node.className = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) node.append(c);
  return node;
}

function render({ model, el: host }) {
  const uid = "mlhl-" + Math.random().toString(36).slice(2, 9);
  let pending = null;       // [start, end] in UTF-16 units: the selection not yet marked
  let lastLabel = null;
  let refocus = null;       // after the list is redrawn: {what: "remove" | "select", index}

  mlGuardKeys(host.ownerDocument.defaultView);
  const root = el("div", { className: "ml-hl ml-keys", role: "group", "aria-label": model.get("aria_label") });
  const help = el("p", { className: "ml-hl-help", id: uid + "-help",
    text: "Select a passage with the mouse, or Tab into the text and use the arrow keys: they move " +
          "by word or punctuation mark, Shift+arrows extend. Then choose a label: keys 1-9 pick one, " +
          "Enter repeats the last. Escape clears the selection; with nothing selected, it goes back to the notebook." });
  const toolbar = el("div", { className: "ml-hl-labels", role: "toolbar", "aria-label": "Mark the selection as" });
  const textBox = el("div", {
    className: "ml-hl-text", tabindex: 0, role: "textbox", "aria-readonly": "true", "aria-multiline": "true",
    "aria-label": "Article text", "aria-describedby": uid + "-help",
  });
  const live = el("div", { className: "ml-hl-live", role: "status", "aria-live": "polite" });
  const listTitle = el("p", { className: "ml-hl-list-title", id: uid + "-list" });
  const list = el("ul", { className: "ml-hl-list", "aria-labelledby": uid + "-list" });
  root.append(help, textBox, toolbar, live, listTitle, list);
  host.append(root);

  const labels = () => model.get("labels");
  const labelOf = (id) => labels().find((l) => l.id === id) || { id, text: id, index: 0 };

  function say(msg) { live.textContent = msg; }

  function mark(label) {
    if (!pending || pending[0] >= pending[1]) { say("Select a passage first."); return; }
    lastLabel = label;
    model.send({ action: "add", start: pending[0], end: pending[1], label });
    pending = null;
    draw();
  }

  function drawToolbar() {
    toolbar.replaceChildren();
    labels().forEach((l, i) => {
      const b = el("button", {
        type: "button", className: `ml-hl-label ${styleOf(l)}`, "data-label": l.id,
        "aria-disabled": pending ? "false" : "true",
        title: (l.description || l.text) + (i < 9 ? ` (key ${i + 1})` : ""),
      }, [el("span", { className: "ml-hl-key", "aria-hidden": "true", text: i < 9 ? String(i + 1) : "" }),
          el("span", { text: l.text })]);
      b.addEventListener("click", () => { mark(l.id); textBox.focus(); });
      toolbar.append(b);
    });
  }

  function drawText() {
    const text = model.get("text");
    const spans = model.get("spans");
    const ref = model.get("reference");
    const cuts = new Set([0, text.length]);
    const all = [...spans.map((s) => [s.start16, s.end16]), ...ref.map((s) => [s.start16, s.end16])];
    if (pending) all.push(pending);
    for (const [a, b] of all) { cuts.add(a); cuts.add(b); }
    const pts = [...cuts].sort((a, b) => a - b);
    textBox.replaceChildren();
    for (let k = 0; k + 1 < pts.length; k++) {
      const [a, b] = [pts[k], pts[k + 1]];
      const covering = spans.filter((s) => s.start16 <= a && b <= s.end16);
      const refCover = ref.filter((s) => s.start16 <= a && b <= s.end16);
      const inPending = pending && pending[0] <= a && b <= pending[1];
      const node = el(covering.length ? "mark" : "span", { "data-s": a });
      node.textContent = text.slice(a, b);
      if (covering.length) {
        const s = covering[covering.length - 1];
        node.className = `ml-mark ${styleOf(labelOf(s.label))}` + (covering.length > 1 ? " ml-overlap" : "");
        const ends = covering.filter((c) => c.end16 === b);
        if (ends.length) node.setAttribute("data-tag", ends.map((c) => labelOf(c.label).text).join(" + "));
      }
      if (refCover.length) {
        node.classList.add("ml-ref");
        const ends = refCover.filter((c) => c.end16 === b);
        if (ends.length) {
          node.setAttribute("data-ref", ends.map((c) => (c.tag || "reference") +
            (c.label ? ": " + labelOf(c.label).text : "")).join(" + "));
        }
      }
      if (inPending) node.classList.add("ml-pending");
      textBox.append(node);
    }
  }

  function drawList() {
    const spans = model.get("spans");
    listTitle.textContent = spans.length ? `Marked passages (${spans.length}):` : "No passages marked yet.";
    list.replaceChildren();
    spans.forEach((s, i) => {
      const select = el("select", { "aria-label": `Label for “${s.text}”` });
      for (const l of labels()) {
        const o = el("option", { value: l.id, text: l.text });
        if (l.id === s.label) o.selected = true;
        select.append(o);
      }
      select.addEventListener("change", () => {
        refocus = { what: "select", index: i };
        model.send({ action: "relabel", index: i, label: select.value });
      });
      const remove = el("button", { type: "button", className: "ml-hl-remove", "aria-label": `Remove “${s.text}”`, text: "Remove" });
      remove.addEventListener("click", () => {
        refocus = { what: "remove", index: i };
        model.send({ action: "remove", index: i });
      });
      const sample = el("span", { className: `ml-mark ${styleOf(labelOf(s.label))} ml-sample`, text: s.text });
      list.append(el("li", { className: "ml-hl-item" }, [sample, select, remove]));
    });
  }

  // The list is drawn anew when the kernel answers: the control that had the focus is gone.
  // After a removal the focus goes to the next passage's Remove button (the previous one
  // when the last was removed), or to the text when none is left; after a change of label,
  // back to that passage's drop-down.
  function restoreFocus() {
    if (!refocus) return;
    const { what, index } = refocus;
    refocus = null;
    const items = list.querySelectorAll(".ml-hl-item");
    if (!items.length) { textBox.focus(); return; }
    const item = items[Math.min(index, items.length - 1)];
    const target = item.querySelector(what === "select" ? "select" : ".ml-hl-remove");
    if (target) target.focus();
  }

  function draw() { drawToolbar(); drawText(); drawList(); }

  // ----- mouse selection -> pending -------------------------------------------------------
  function offsetOf(node, offset) {
    // UTF-16 offset into `text` of a DOM (node, offset) position inside textBox.
    if (node === textBox) {
      const child = textBox.childNodes[offset];
      return child ? Number(child.getAttribute("data-s")) : model.get("text").length;
    }
    let seg = node.nodeType === Node.TEXT_NODE ? node.parentNode : node;
    while (seg && seg !== textBox && !seg.hasAttribute("data-s")) seg = seg.parentNode;
    if (!seg || seg === textBox) return null;
    const base = Number(seg.getAttribute("data-s"));
    if (node.nodeType === Node.TEXT_NODE) return base + offset;
    return offset === 0 ? base : base + seg.textContent.length;
  }

  function takeSelection() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const r = sel.getRangeAt(0);
    if (!textBox.contains(r.startContainer) || !textBox.contains(r.endContainer)) return;
    let a = offsetOf(r.startContainer, r.startOffset);
    let b = offsetOf(r.endContainer, r.endOffset);
    if (a === null || b === null) return;
    if (a > b) [a, b] = [b, a];
    const text = model.get("text");
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (a >= b) return;
    pending = [a, b];
    sel.removeAllRanges();
    draw();
    say(`Selected “${text.slice(a, b)}”. Choose a label to mark it.`);
  }
  textBox.addEventListener("mouseup", () => setTimeout(takeSelection, 0));

  // ----- keyboard selection ---------------------------------------------------------------
  // Focus only announces: redrawing here would destroy a selection the mouse is making.
  textBox.addEventListener("focus", () => {
    if (pending) say(`Selected “${model.get("text").slice(pending[0], pending[1])}”.`);
    else say("Press an arrow key to select the first word; Shift+arrows extend the selection.");
  });
  textBox.addEventListener("keydown", (ev) => {
    // Ctrl/Alt/Meta combinations and Shift+Enter (run the cell) belong to the notebook.
    if (ev.ctrlKey || ev.altKey || ev.metaKey || (ev.key === "Enter" && ev.shiftKey)) return;
    const text = model.get("text");
    const w = tokens(text);
    if (!w.length) return;
    const idxStart = () => Math.max(0, w.findIndex((x) => x[1] > (pending ? pending[0] : 0)));
    const idxEnd = () => { let k = -1; w.forEach((x, i) => { if (pending && x[1] <= pending[1]) k = i; }); return Math.max(k, idxStart()); };
    let handled = true;
    const arrow = ["ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown"].includes(ev.key);
    if (arrow && !pending) {
      pending = [w[0][0], w[0][1]];
    } else if (ev.key === "ArrowRight" && ev.shiftKey) {
      const k = Math.min(w.length - 1, idxEnd() + 1); pending = [pending ? pending[0] : w[0][0], w[k][1]];
    } else if (ev.key === "ArrowLeft" && ev.shiftKey) {
      const k = Math.max(idxStart(), idxEnd() - 1); pending = [pending ? pending[0] : w[0][0], w[k][1]];
    } else if (ev.key === "ArrowRight" || ev.key === "ArrowDown") {
      const k = Math.min(w.length - 1, idxStart() + (ev.key === "ArrowDown" ? 10 : 1)); pending = [w[k][0], w[k][1]];
    } else if (ev.key === "ArrowLeft" || ev.key === "ArrowUp") {
      const k = Math.max(0, idxStart() - (ev.key === "ArrowUp" ? 10 : 1)); pending = [w[k][0], w[k][1]];
    } else if (ev.key === "Home") {
      pending = [w[0][0], w[0][1]];
    } else if (ev.key === "End") {
      pending = [w[w.length - 1][0], w[w.length - 1][1]];
    } else if (ev.key === "Enter" || ev.key === " ") {
      mark(lastLabel || labels()[0].id); ev.stopPropagation(); return ev.preventDefault();
    } else if (/^[1-9]$/.test(ev.key) && labels()[Number(ev.key) - 1]) {
      mark(labels()[Number(ev.key) - 1].id); ev.stopPropagation(); return ev.preventDefault();
    } else if (ev.key === "Escape" && pending) {
      pending = null; say("Selection cleared.");
    } else {
      handled = false;
    }
    if (handled) {
      ev.preventDefault();
      ev.stopPropagation();
      draw();
      if (pending) {
        say(`Selected “${text.slice(pending[0], pending[1])}”.`);
        const node = textBox.querySelector(".ml-pending");
        if (node && node.scrollIntoView) node.scrollIntoView({ block: "nearest" });
      }
    }
  });

  model.on("change:spans", () => { draw(); restoreFocus(); });
  model.on("change:reference", draw);
  model.on("change:labels", draw);
  model.on("change:text", () => { pending = null; draw(); });
  model.on("change:message", () => say(model.get("message")));
  draw();
  return () => host.replaceChildren();
}

export default { render };
