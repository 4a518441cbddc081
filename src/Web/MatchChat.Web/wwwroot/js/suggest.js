// [network] Experience-tag suggestions under the note in "Talk to someone": tags listeners use, by the meaning of
// what the person is writing. Chips they can accept (adds the tag) or simply ignore. The text goes to the server
// only to be read for this; it is not kept.
import { $, el, clear, parseTags, tagLabel } from "./dom.js";
import { invoke } from "./connection.js";
import { state } from "./store.js";

const WAIT_MS = 800;
let timer = null;
let asked = "";

export function wireSuggestions() {
  $("talk-note").addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, WAIT_MS);
  });
}

async function suggest() {
  const text = $("talk-note").value.trim();
  if (text.length < 12 || text === asked || !state.connected) return;
  asked = text;
  try {
    const tags = await invoke("SuggestExperiences", { text, experiences: parseTags($("talk-experiences").value) });
    if ($("talk-note").value.trim() === text) render(tags);
  } catch { /* suggestions are a help, never a hurdle */ }
}

function render(tags) {
  const box = $("talk-suggestions");
  clear(box);
  const chosen = new Set(parseTags($("talk-experiences").value));
  const fresh = tags.filter((t) => !chosen.has(t));
  box.hidden = fresh.length === 0;
  if (!fresh.length) return;
  box.append(el("p", { className: "hint", text: "Listeners describe experiences like these. Add any that fit (or ignore them):" }));
  box.append(el("ul", { className: "tags" }, fresh.map((t) => {
    const chip = el("button", { className: "tag chip", text: `+ ${tagLabel(t)}`, attrs: { type: "button", "data-testid": "suggested-tag", "data-tag": t } });
    chip.addEventListener("click", () => {
      const field = $("talk-experiences");
      const current = field.value.trim();
      field.value = current ? `${current}, ${tagLabel(t)}` : tagLabel(t);
      chip.closest("li").remove();
      if (!box.querySelector("li")) box.hidden = true;
    });
    return el("li", {}, [chip]);
  })));
}
