// The invisible part of a question widget or panel (anywidget ES module; keys.js comes first).
// It keeps the keys of the controls around it inside them (see keys.js) and names their
// groups for screen readers, which ipywidgets' own controls cannot do: inside the element of
// class `ml-keys` that holds it,
//   `.ml-radiogroup .widget-radio-box`  becomes a radiogroup named by the question's prompt,
//                                       its radio buttons one group for the keyboard;
//   `.ml-group`                         becomes a group named by the prompt;
//   `.ml-labelled textarea`             is named by the prompt.
// The prompt is the element of class `ml-q-text`; it gets an id unique to this view.

function mlLabelGroups(root) {
  const prompt = root.querySelector(".ml-q-text");
  if (!prompt) return;
  if (!prompt.id) prompt.id = "ml-q-" + Math.random().toString(36).slice(2, 10);
  const set = (node, name, value) => { if (node.getAttribute(name) !== value) node.setAttribute(name, value); };
  root.querySelectorAll(".ml-radiogroup .widget-radio-box").forEach((node, k) => {
    set(node, "role", "radiogroup");
    set(node, "aria-labelledby", prompt.id);
    // One name per group: one Tab stop, and the arrow keys move within the group.
    for (const radio of node.querySelectorAll("input[type=radio]")) set(radio, "name", `${prompt.id}-${k}`);
  });
  for (const node of root.querySelectorAll(".ml-group")) {
    set(node, "role", "group");
    set(node, "aria-labelledby", prompt.id);
  }
  for (const node of root.querySelectorAll(".ml-labelled textarea")) set(node, "aria-labelledby", prompt.id);
}

function render({ el }) {
  const win = el.ownerDocument.defaultView;
  mlGuardKeys(win);
  el.classList.add("ml-access");
  let observer = null;
  let timer = null;
  let tries = 0;
  // ipywidgets puts this view into its box after rendering it: wait until it is there.
  const attach = () => {
    const root = el.closest(".ml-keys");
    if (!root) {
      if (tries++ < 400) timer = win.setTimeout(attach, 25);
      return;
    }
    mlLabelGroups(root);
    observer = new win.MutationObserver(() => mlLabelGroups(root));
    observer.observe(root, { childList: true, subtree: true });
  };
  attach();
  return () => {
    if (timer !== null) win.clearTimeout(timer);
    if (observer) observer.disconnect();
  };
}

export default { render };
