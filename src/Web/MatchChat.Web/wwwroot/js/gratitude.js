// [network] Gratitude: a calm "Say thanks" (1 to 5 and an optional note) once a conversation has ended, and the
// thanks this member receives (Thanked). Thanks are private: only the two people in the conversation see them.
import { $, el, clear } from "./dom.js";
import { describeError } from "./errors.js";
import { state, load, save } from "./store.js";
import { invoke } from "./connection.js";
import { announce, fieldError, showView } from "./views.js";
import { showArrival } from "./arrival.js";
import { refreshMe } from "./listen.js";
import { isBlocked } from "./blocks.js";

export const RATINGS = [
  [1, "A little"],
  [2, "Somewhat"],
  [3, "It helped"],
  [4, "It helped a lot"],
  [5, "It meant a great deal"],
];

export function ratingText(rating) {
  return RATINGS.find(([n]) => n === rating)?.[1] ?? "";
}

const thankedIds = () => new Set(load("thanked", []) || []);

function rememberThanked(conversationId) {
  const ids = thankedIds();
  ids.add(conversationId);
  save("thanked", [...ids].slice(-100));
}

function openConversation() {
  if (!state.openChannel) return null;
  return [...state.conversations.values()].find((c) => c.channel === state.openChannel) ?? null;
}

/** Under an ended conversation: the invitation to say thanks, until it is said. */
export function renderThanksPrompt() {
  const prompt = $("thanks-prompt");
  const c = openConversation();
  // A seeker whose chat ended (the listener left, perhaps right after they wrote of a crisis) gets a way to ask again
  // from the chat itself, while no request of theirs is open (an outside probe found only "Say thanks" there).
  $("chat-again").hidden = !(c && c.endedAt && c.role === "seeker" && !state.ticket);
  const sentHere = prompt.dataset.sent === c?.conversationId;
  // Not to someone the member blocked, nor to someone who deleted their account: nobody would receive it. Nor after a
  // suspension: a member a moderator just suspended (for harassing this one, say) is not to be thanked (an outside probe).
  const noOne = c && (["blocked", "deleted", "suspended"].includes(c.endReason) || isBlocked(c.peerHandle));
  const show = !!(c && c.endedAt && !noOne && (sentHere || !thankedIds().has(c.conversationId)));
  prompt.hidden = !show;
  if (!show) return;
  $("thanks-open").hidden = sentHere;
  $("thanks-prompt-text").textContent = sentHere
    ? `Your thanks were sent. Only ${c.peerHandle} will see them.`
    : `Did this conversation help? You can say thanks to ${c.peerHandle}. It's private, and completely optional.`;
}

export function openThanks() {
  const c = openConversation();
  if (!c) return;
  const dialog = $("thanks-dialog");
  dialog.dataset.conversationId = c.conversationId;
  $("thanks-title").textContent = `Say thanks to ${c.peerHandle}`;
  const options = $("thanks-ratings");
  clear(options);
  for (const [n, label] of RATINGS) {
    options.append(el("label", { className: "choice" }, [
      el("input", { attrs: { type: "radio", name: "thanks-rating", value: n, "data-testid": `thanks-rating-${n}` } }),
      document.createTextNode(` ${n} · ${label}`),
    ]));
  }
  $("thanks-note").value = "";
  $("thanks-error").hidden = true;
  dialog.showModal();
  options.querySelector("input")?.focus();
}

async function sendThanks(event) {
  event.preventDefault();
  const dialog = $("thanks-dialog");
  const conversationId = dialog.dataset.conversationId;
  const error = $("thanks-error");
  error.hidden = true;
  const picked = dialog.querySelector("input[name=thanks-rating]:checked");
  if (!picked) return fieldError(error, "Please choose how much it helped, from 1 to 5.");
  const note = $("thanks-note").value.trim();
  if (note.length > 500) return fieldError(error, "Please keep your words to 500 characters.");
  const button = $("thanks-send");
  button.disabled = true;
  try {
    await invoke("Thank", { conversationId, rating: Number(picked.value), note: note || null });
    sent(conversationId);
    announce("Thank you. Your thanks were sent.");
  } catch (err) {
    const e = describeError(err);
    if (e.code !== "conflict") return fieldError(error, e.text);
    // Said before (another tab, an earlier visit): nothing more to do.
    sent(conversationId);
    announce("You've already said thanks for this conversation.");
  } finally {
    button.disabled = false;
  }
}

function sent(conversationId) {
  rememberThanked(conversationId);
  $("thanks-prompt").dataset.sent = conversationId;
  $("thanks-dialog").close();
  renderThanksPrompt();
  $("thanks-prompt-text").focus?.();
}

/** `Thanked({conversationId, rating, note})`: shown kindly until dismissed; a listener's stats change too. */
export function onThanked({ conversationId, rating, note }) {
  const c = state.conversations.get(conversationId);
  $("thanked-title").textContent = c ? `${c.peerHandle} said thank you` : "Someone you talked with said thank you";
  $("thanked-rating").textContent = `How much it helped them: ${ratingText(rating)} (${rating} of 5).`;
  const quote = $("thanked-note");
  quote.hidden = !note;
  quote.textContent = note ? note : "";
  $("thanked").hidden = false;
  const said = c ? `${c.peerHandle} said thank you.` : "Someone you talked with said thank you.";
  announce(said);
  showArrival(said, $("thanked"), $("thanked-title"));
  refreshMe();
}

export function wireGratitude() {
  $("thanks-open").addEventListener("click", openThanks);
  $("chat-ask-again").addEventListener("click", () => showView("talk"));
  $("thanks-cancel").addEventListener("click", () => $("thanks-dialog").close());
  $("thanks-form").addEventListener("submit", sendThanks);
  $("thanked-close").addEventListener("click", () => { $("thanked").hidden = true; });
  $("thanks-ratings").addEventListener("change", () => { $("thanks-error").hidden = true; });
}
