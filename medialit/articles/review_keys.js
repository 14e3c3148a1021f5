// The review panel's keyboard (anywidget ES module; the lesson widgets' keys.js comes first).
//
// Inside the element of class `ml-review` that holds this view:
//   * each `.ml-review-row` becomes a group named "Item <id>", its buttons are named
//     "Keep <id>", "Edit <id>", "Drop <id>", and a Keep button of class `ml-on` is pressed;
//   * the list has one Tab stop (a roving tabindex): the button last focused;
//   * j / ArrowDown and k / ArrowUp move to the next / previous item, Home / End to the first /
//     last, ArrowLeft / ArrowRight between the row's buttons; Enter or Space presses the focused
//     button (after Keep the focus moves to the next item), e presses Edit, d or Delete Drop;
//   * after Drop, Save changes or Cancel, the focus goes back into the list (the rows are
//     redrawn by the kernel), and Edit moves it to the editor's text; Escape in the editor
//     (when the highlighter does not use it) presses Cancel.

const MLR_ITEM = "ml-item--";
// A button's name stays the same when its text says "Kept": the state is aria-pressed.
// How long a redraw by the kernel may give the focus back (a busy kernel takes seconds); any
// focus the user moves elsewhere ends it earlier.
const MLR_REFOCUS_MS = 15000;
const MLR_VERBS = [["ml-keep", "Keep"], ["ml-edit", "Edit"], ["ml-drop", "Drop"]];

function mlrItemOf(row) {
  const c = row && [...row.classList].find((k) => k.startsWith(MLR_ITEM));
  return c ? c.slice(MLR_ITEM.length) : null;
}

function mlrSet(node, name, value) {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

function mlrReview(root, win, model) {
  const doc = root.ownerDocument;
  const state = { item: null, col: 0, editing: null, refocusUntil: 0, editorFocusUntil: 0 };
  const rows = () => [...root.querySelectorAll(".ml-review-row")];
  const buttons = (row) => [...row.querySelectorAll("button.ml-act")];
  const rowOf = (item) => rows().find((r) => mlrItemOf(r) === item) || null;
  const now = () => win.performance.now();

  const decorate = (andGiveBack = true) => {
    const all = rows();
    let current = rowOf(state.item);
    if (!current && all.length) {
      current = all[0];
    }
    for (const row of all) {
      const item = mlrItemOf(row);
      mlrSet(row, "role", "group");
      mlrSet(row, "aria-label", `Item ${item}`);
      buttons(row).forEach((b, i) => {
        const verb = MLR_VERBS.find(([cls]) => b.classList.contains(cls));
        mlrSet(b, "aria-label", `${verb ? verb[1] : b.textContent.trim()} ${item}`);
        if (b.classList.contains("ml-keep")) mlrSet(b, "aria-pressed", b.classList.contains("ml-on") ? "true" : "false");
        mlrSet(b, "tabindex", row === current && i === Math.min(state.col, buttons(row).length - 1) ? "0" : "-1");
      });
    }
    if (andGiveBack) giveBack();
  };

  // Only a focus that was lost (its element redrawn) is given back: never taken from elsewhere.
  // A redrawn row is not always focusable at once: try again every 100 ms while the window lasts.
  let retry = null;
  const giveBack = () => {
    const active = doc.activeElement;
    const lost = !active || active === doc.body || !active.isConnected;
    const wanted = rowOf(state.item);
    if (state.refocusUntil > now() && wanted && lost) {
      focusAt(wanted, state.col, true);
    }
    if (state.editorFocusUntil > now() && (lost || (active.classList && active.classList.contains("ml-edit")))) {
      const text = root.querySelector(".ml-review-editor .ml-hl-text");
      if (text) text.focus();
    }
    const still = doc.activeElement;
    const waiting = (state.refocusUntil > now() || state.editorFocusUntil > now())
      && (!still || still === doc.body || !still.isConnected);
    if (waiting && retry === null) {
      retry = win.setTimeout(() => { retry = null; giveBack(); }, 100);
    }
  };

  const focusAt = (row, col, keepRefocus = false) => {
    if (!row) return;
    const bs = buttons(row);
    if (!bs.length) return;
    state.item = mlrItemOf(row);
    state.col = Math.max(0, Math.min(col, bs.length - 1));
    if (!keepRefocus) state.refocusUntil = 0;
    decorate(false);
    bs[state.col].focus();
  };

  // Focus the row of `item` now, and again when the kernel redraws the rows in the next moments.
  const refocus = (item) => {
    state.item = item;
    state.refocusUntil = now() + MLR_REFOCUS_MS;
    const row = rowOf(item);
    if (row) focusAt(row, state.col, true);
  };

  const neighbour = (row) => {
    const all = rows();
    const i = all.indexOf(row);
    const next = all[i + 1] || all[i - 1];
    return next ? mlrItemOf(next) : null;
  };

  // The label goes with a press of Save changes or Add item: a drop-down's last change can still
  // wait in ipywidgets' buffer when a button's click message is sent, and would arrive after it.
  const sendWithLabel = (button, ev) => {
    const select = root.querySelector(".ml-review-editor .ml-label select");
    const label = select && select.selectedOptions[0] ? select.selectedOptions[0].textContent : null;
    model.send({ action: button.classList.contains("ml-add") ? "add" : "apply", label });
    ev.preventDefault();
    ev.stopPropagation();
  };

  root.addEventListener("click", (ev) => {
    const button = ev.target.closest && ev.target.closest("button");
    if (!button || !root.contains(button)) return;
    const row = button.closest(".ml-review-row");
    const is = (name) => button.classList.contains(name);
    if (is("ml-edit") && row) {
      state.editing = mlrItemOf(row);
      state.item = state.editing;
      state.editorFocusUntil = now() + MLR_REFOCUS_MS;
      decorate();
      const text = root.querySelector(".ml-review-editor .ml-hl-text");
      if (text) text.focus();
    } else if (is("ml-drop") && row) {
      state.col = 0;
      refocus(neighbour(row));
    } else if (is("ml-apply") && state.editing) {
      const edited = rowOf(state.editing);
      const all = rows();
      const next = edited ? all[all.indexOf(edited) + 1] : null;
      state.col = 0;
      refocus(next ? mlrItemOf(next) : state.editing);
      state.editing = null;
    } else if (is("ml-cancel") && state.editing) {
      state.col = 1;
      refocus(state.editing);
      state.editing = null;
    }
    if ((is("ml-apply") || is("ml-add")) && model) sendWithLabel(button, ev);
  }, true);

  const onDocFocus = (ev) => {
    if (!root.contains(ev.target)) { state.refocusUntil = 0; state.editorFocusUntil = 0; }
  };
  doc.addEventListener("focusin", onDocFocus);
  root.addEventListener("focusin", (ev) => {
    const row = ev.target.closest && ev.target.closest(".ml-review-row");
    if (row && ev.target.classList.contains("ml-act")) {
      state.item = mlrItemOf(row);
      state.col = Math.max(0, buttons(row).indexOf(ev.target));
      decorate();
    } else if (ev.target.closest && ev.target.closest(".ml-review-editor")) {
      state.editorFocusUntil = 0;
    }
  });

  root.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.altKey || ev.metaKey || ev.defaultPrevented) return;
    const target = ev.target;
    if (!target.closest) return;
    if (ev.key === "Escape" && state.editing && target.closest(".ml-review-editor")) {
      const cancel = root.querySelector("button.ml-cancel");
      if (cancel) {
        cancel.click();
        ev.preventDefault();
        ev.stopPropagation();
      }
      return;
    }
    const row = target.closest(".ml-review-row");
    if (!row || !target.classList.contains("ml-act")) return;
    const all = rows();
    const i = all.indexOf(row);
    const bs = buttons(row);
    const col = Math.max(0, bs.indexOf(target));
    const press = (button) => {
      if (!button) return;
      button.click();
      if (button.classList.contains("ml-keep") && all[i + 1]) focusAt(all[i + 1], 0);
    };
    switch (ev.key) {
      case "j": case "ArrowDown": focusAt(all[Math.min(i + 1, all.length - 1)], col); break;
      case "k": case "ArrowUp": focusAt(all[Math.max(i - 1, 0)], col); break;
      case "Home": focusAt(all[0], col); break;
      case "End": focusAt(all[all.length - 1], col); break;
      case "ArrowRight": focusAt(row, col + 1); break;
      case "ArrowLeft": focusAt(row, col - 1); break;
      case "Enter": case " ": press(bs[col]); break;
      case "e": press(row.querySelector("button.ml-edit")); break;
      case "d": case "Delete": press(row.querySelector("button.ml-drop")); break;
      default: return;
    }
    ev.preventDefault();
    ev.stopPropagation();
  });

  decorate();
  const observer = new win.MutationObserver(() => decorate());
  observer.observe(root, { childList: true, subtree: true, attributeFilter: ["class"] });
  return () => { observer.disconnect(); if (retry !== null) win.clearTimeout(retry); doc.removeEventListener("focusin", onDocFocus); };
}

function mlrGuardDelete(win) {
  // keys.js keeps typed characters, arrows, Enter and Space from the notebook; Delete and
  // Backspace are kept here too, for the rows of the review panel.
  const installed = Symbol.for("medialit.review-keys");
  if (win[installed]) return;
  win[installed] = true;
  win.addEventListener("keydown", (ev) => {
    const target = ev.target;
    if (ev.key !== "Delete" && ev.key !== "Backspace") return;
    if (!target || typeof target.closest !== "function" || !target.closest(".ml-review-row")) return;
    target.setAttribute("data-lm-suppress-shortcuts", "true");
    win.setTimeout(() => target.removeAttribute("data-lm-suppress-shortcuts"), 0);
  }, true);
}

function render({ model, el }) {
  const win = el.ownerDocument.defaultView;
  mlGuardKeys(win);
  mlrGuardDelete(win);
  el.classList.add("ml-review-keys");
  let stop = null;
  let timer = null;
  let tries = 0;
  const attach = () => {
    const root = el.closest(".ml-review");
    if (!root) {
      if (tries++ < 400) timer = win.setTimeout(attach, 25);
      return;
    }
    stop = mlrReview(root, win, model);
  };
  attach();
  return () => {
    if (timer !== null) win.clearTimeout(timer);
    if (stop) stop();
  };
}

export default { render };
