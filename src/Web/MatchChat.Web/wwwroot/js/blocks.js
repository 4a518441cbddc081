// Block and unblock people, and the "Blocked people" list (hub: Block, Unblock, ListBlocked).
// A block ends every conversation with that person (the server says so with ConversationEnded,
// reason `blocked`) and hides their room messages from this member.
import { $, el, clear, refocus } from "./dom.js";
import { describeError } from "./errors.js";
import { state } from "./store.js";
import { invoke } from "./connection.js";
import { blockedMap } from "./trust.js";
import { showNotice, announce, confirmDialog } from "./views.js";
import { renderOpenChat } from "./messages.js";
import { renderChatList, rememberEndReason } from "./chats.js";

export const isBlocked = (handle) => state.blocked.has(handle);

export const BLOCK_EFFECT = "You won't be matched with them again, and you won't see their messages in rooms.";

/** Loads the blocked list (after every connection, and when "Safety & privacy" opens). */
export async function refreshBlocked() {
  if (!state.connected) return renderBlocked();
  try {
    state.blocked = blockedMap(await invoke("ListBlocked"));
  } catch { /* keep what we have; shown next time */ }
  renderBlocked();
  if (state.openChannel) renderOpenChat();
}

/** Blocks `handle` after a confirmation that says what a block does. Returns true when blocked. */
export async function blockPerson(handle, { confirm = true, returnFocus = null, quiet = false } = {}) {
  if (!handle || handle === state.session?.handle) return false;
  if (confirm) {
    const ok = await confirmDialog({
      title: `Block ${handle}?`,
      text: `Any conversation with ${handle} ends now, you won't be matched with them again, and their messages in rooms are hidden from you. They are not told. You can unblock them under "Safety & privacy".`,
      ok: `Block ${handle}`,
      cancel: "Cancel",
    });
    if (!ok) {
      returnFocus?.focus();
      return false;
    }
  }
  try {
    await invoke("Block", handle);
  } catch (err) {
    showNotice(describeError(err).text);
    return false;
  }
  state.blocked = new Map([[handle, new Date().toISOString()], ...state.blocked]);
  // The server ends the conversations and tells us (ConversationEnded, reason "blocked"); mark them now too.
  for (const c of state.conversations.values()) {
    if (c.peerHandle === handle && !c.endedAt) {
      c.endedAt = new Date().toISOString();
      c.endedBy = state.session.handle;
      c.endReason = "blocked";
      rememberEndReason(c.conversationId, "blocked");
    }
  }
  renderBlocked();
  renderChatList();
  if (state.openChannel) renderOpenChat();
  // "Block" is hidden now: focus on the notice that says it is done (in view), else where the person came from.
  if (!quiet) showNotice(`You blocked ${handle}. ${BLOCK_EFFECT}`, { focus: true });
  refocus(returnFocus, "chat-title", "notice-close");
  refreshBlocked();
  return true;
}

async function unblock(handle, button) {
  const place = [...$("blocked-list").querySelectorAll("[data-testid=unblock]")].indexOf(button);
  button.disabled = true;
  try {
    await invoke("Unblock", handle);
    state.blocked.delete(handle);
    renderBlocked();
    if (state.openChannel) renderOpenChat();
    announce(`You unblocked ${handle}.`);
    // The notice from the block no longer holds.
    if ($("notice-text").textContent.includes(`You blocked ${handle}.`)) $("notice").hidden = true;
    // The row is gone: the next person's "Unblock" (or the one before), else the list's heading.
    const rest = $("blocked-list").querySelectorAll("[data-testid=unblock]");
    refocus(rest[Math.min(place, rest.length - 1)], "blocked-title");
  } catch (err) {
    button.disabled = false;
    showNotice(describeError(err).text);
  }
}

export function renderBlocked() {
  const list = $("blocked-list");
  clear(list);
  for (const [handle, blockedAt] of state.blocked) {
    const when = blockedAt ? new Date(blockedAt) : null;
    const date = when && !Number.isNaN(when.getTime()) ? `Blocked on ${when.toLocaleDateString([], { day: "numeric", month: "long", year: "numeric" })}` : "Blocked";
    list.append(el("li", { className: "blocked-item", attrs: { "data-testid": "blocked-person", "data-handle": handle } }, [
      el("span", { className: "meta" }, [
        el("span", { className: "name", text: handle, attrs: { "data-testid": "blocked-handle" } }),
        el("span", { className: "hint", text: date }),
      ]),
      el("button", {
        className: "btn small",
        text: "Unblock",
        attrs: { type: "button", "aria-label": `Unblock ${handle}`, "data-testid": "unblock" },
        on: { click: (e) => unblock(handle, e.currentTarget) },
      }),
    ]));
  }
  $("blocked-empty").hidden = state.blocked.size > 0;
}
