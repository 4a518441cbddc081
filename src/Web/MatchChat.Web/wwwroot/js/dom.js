// Tiny DOM helpers. User-supplied text is only ever assigned through textContent.

/** Creates an element. `props.text` becomes textContent; `props.attrs` are set with setAttribute. */
export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined && props.text !== null) node.textContent = String(props.text);
  if (props.attrs) {
    for (const [name, value] of Object.entries(props.attrs)) {
      if (value === false || value === null || value === undefined) continue;
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  if (props.dataset) Object.assign(node.dataset, props.dataset);
  if (props.style) for (const [k, v] of Object.entries(props.style)) node.style.setProperty(k, v);
  if (props.on) for (const [type, handler] of Object.entries(props.on)) node.addEventListener(type, handler);
  for (const child of children) if (child) node.append(child);
  return node;
}

export const $ = (id) => document.getElementById(id);

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** A count badge: the number on screen, with words for screen readers (`words(n)`, e.g. " open reports"): an aria-label
 *  on a span is not read, and the Moderation button was named "Moderation 1 1" (an outside probe). Hidden at 0. */
export function setBadge(node, n, words) {
  clear(node);
  node.hidden = !n;
  if (n) node.append(String(n), el("span", { className: "visually-hidden", text: words(n) }));
}

/** Ten calm colours, each dark enough for white text (WCAG AA). */
export const PALETTE = [168, 222, 28, 292, 140, 200, 328, 262, 88, 12].map((hue) => `hsl(${hue} 52% 30%)`);

/** Two letters from a handle such as QuietHarbor-417: "QH". */
export function initials(handle) {
  const caps = (handle || "?").match(/[A-Z]/g) || [];
  return (caps.slice(0, 2).join("") || (handle || "?").slice(0, 2)).toUpperCase();
}

export function formatTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** "Tuesday 3 June 2025 at 14:05" in the member's own time zone and language. */
export function localDateTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleString([], { weekday: "long", year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/**
 * After an action removed or hid the focused control (focus fell to <body>): focus the first of `candidates` (ids or
 * nodes) that can take it. Focus that is still on a shown element is left where it is.
 */
export function refocus(...candidates) {
  const current = document.activeElement;
  if (current && current !== document.body && current.isConnected && current.getClientRects().length) return;
  for (const candidate of candidates) {
    const node = typeof candidate === "string" ? $(candidate) : candidate;
    if (!node?.isConnected || !node.getClientRects().length) continue;
    node.focus();
    if (document.activeElement === node) return;
  }
}

/**
 * After the row a pressed button was in is gone (or the button was disabled): focus the same kind of button at its
 * place in the list (`place`: its index before), else the last one, else the first of `fallbacks` that can take focus.
 */
export function refocusInList(listId, selector, place, ...fallbacks) {
  const buttons = [...$(listId).querySelectorAll(selector)].filter((b) => !b.disabled);
  refocus(buttons[Math.min(place, buttons.length - 1)], ...fallbacks);
}

export function formatWait(seconds) {
  if (seconds === null || seconds === undefined) return null;
  if (seconds < 60) return "less than a minute";
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? "about a minute" : `about ${minutes} minutes`;
}

/** Letters that NFD does not split into a base letter and a mark. */
const FOLD = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i" };

/** "École, Straße" → "ecole, strasse": lower case, accents folded (not dropped); other scripts stay as they are. */
const foldAccents = (text) => text.normalize("NFKD").toLowerCase().replace(/[\u0300-\u036f]/g, "").replace(/[ßæœøłđðþı]/g, (c) => FOLD[c]);

/**
 * "lost a parent, Panic attacks, École" → ["lost-a-parent", "panic-attacks", "ecole"] (the contract's tag form,
 * ^[a-z0-9-]{1,40}$). Letters that cannot be folded to a-z (Cyrillic, Greek, CJK…) separate like spaces.
 */
export function parseTags(value) {
  const tags = [];
  for (const raw of (value || "").split(/[,;\n]/)) {
    const tag = foldAccents(raw.trim()).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags.slice(0, 10);
}

/** "lost-a-parent" → "lost a parent" for display. */
export const tagLabel = (tag) => String(tag).replace(/-/g, " ");
