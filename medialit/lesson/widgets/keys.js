// Keys for the controls of medialit's widgets (prepended to the widgets' ES modules).
//
// In command mode, JupyterLab and Notebook 7 bind single keys and arrows to notebook
// commands ("ArrowDown" selects the next cell, "r" makes the cell a raw cell, ...), also
// while a radio button or a drop-down inside a cell's output has the focus.  Their
// shortcut handler ignores an event whose target carries `data-lm-suppress-shortcuts`.
// One capture listener on the window (it runs before the application's listener, which
// sits on the document: in the capture phase in Notebook 7, in the bubble phase in
// JupyterLab) marks the focused control for the length of one key press when the key is
// one a control uses: arrows, Home/End, Page Up/Down, Space, Enter, a typed character.
// Keys with Ctrl, Alt or Meta, Shift+Enter (run the cell), Tab and Escape still reach the
// notebook.  Escape that no control used moves the focus from the widget to its cell, in
// command mode, so that the keyboard can go on through the notebook (Tab alone leaves the
// notebook after the last widget).  Only targets inside an element of class `ml-keys` are
// touched.

const ML_SUPPRESS = "data-lm-suppress-shortcuts";
const ML_CONTROL_KEYS = new Set([
  "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown", " ", "Enter",
]);

function mlControlKey(ev) {
  if (ev.ctrlKey || ev.altKey || ev.metaKey) return false;
  if (ev.key === "Enter" && ev.shiftKey) return false;
  return ML_CONTROL_KEYS.has(ev.key) || [...ev.key].length === 1;
}

function mlGuardKeys(win) {
  const installed = Symbol.for("medialit.widget-keys");
  if (!win || win[installed]) return;
  win[installed] = true;
  win.addEventListener("keydown", (ev) => {
    const target = ev.target;
    if (!target || typeof target.closest !== "function" || !target.closest(".ml-keys")) return;
    if (!mlControlKey(ev) || target.hasAttribute(ML_SUPPRESS)) return;
    target.setAttribute(ML_SUPPRESS, "true");
    win.setTimeout(() => target.removeAttribute(ML_SUPPRESS), 0);
  }, true);
  win.addEventListener("keydown", (ev) => {
    if (ev.key !== "Escape" || ev.defaultPrevented || ev.ctrlKey || ev.altKey || ev.metaKey || ev.shiftKey) return;
    const target = ev.target;
    if (!target || typeof target.closest !== "function" || !target.closest(".ml-keys")) return;
    const cell = target.closest(".jp-Cell");
    if (!cell) return;
    ev.preventDefault();
    cell.focus();
  });
}
