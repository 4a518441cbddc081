// Trust and safety, the member's side: report categories, what a report sends, why a conversation
// ended, the blocked list, a listener's teen approval. Pure: no DOM, no SignalR (docs/PROTOCOL.md [trust]).

export const REASON_MAX = 500;

/** The contract's report categories, in the order the page offers them, with words a member recognises. */
export const REPORT_CATEGORIES = [
  { value: "harassment", label: "Harassment or bullying" },
  { value: "sexual", label: "Sexual messages or content" },
  { value: "hate", label: "Hate or discrimination" },
  { value: "spam", label: "Spam, scams or advertising" },
  { value: "self-harm", label: "Encouraging self-harm or suicide" },
  { value: "underage", label: "Someone under 13, or an adult targeting a teen" },
  { value: "other", label: "Something else" },
];

/** The hub's `Report` argument: `{channel, seq?, category, reason}`, or `{error}` with a sentence to show. */
export function reportArgs({ channel, seq = null, category, reason }) {
  if (typeof channel !== "string" || !/^(conversation|room):\S+$/.test(channel)) return { error: "This chat can't be reported from here." };
  if (!REPORT_CATEGORIES.some((c) => c.value === category)) return { error: "Please choose what best describes the problem." };
  const text = String(reason ?? "").trim();
  if (text.length > REASON_MAX) return { error: `Please keep the details to ${REASON_MAX} characters.` };
  const args = { channel, category, reason: text };
  if (seq !== null && seq !== undefined) {
    const n = Number(seq);
    if (!Number.isSafeInteger(n) || n < 1) return { error: "This message can't be reported." };
    args.seq = n;
  }
  return { args };
}

/** The label for a category value (for moderators and confirmations). */
export function categoryLabel(value) {
  return REPORT_CATEGORIES.find((c) => c.value === value)?.label ?? String(value ?? "");
}

/**
 * The sentence under an ended conversation. `reason` is `ConversationEnded.reason` (`ended`, `blocked`,
 * `suspended`, `deleted`, or unknown); `endedBy` a handle or null; `me` this member's handle.
 */
export function endedNote({ reason, endedBy, peer, me, role }) {
  // "Ask to talk again" is a seeker's way back; a listener is offered chats.
  const take = role === "listener" ? " Take care of yourself." : " Take care of yourself. You can ask to talk again any time.";
  switch (reason) {
    case "blocked":
      return `You blocked ${peer}, so this conversation has ended. You won't be matched with them again.${take}`;
    case "suspended":
      return endedBy === me || !peer
        ? "This conversation ended because a moderator suspended the account."
        : `This conversation ended because a moderator suspended ${peer}'s account.${take}`;
    case "deleted":
      return `This conversation ended because ${peer || "the other person"} deleted their account.${take}`;
    default: {
      const who = endedBy === me ? "You ended this conversation." : endedBy && endedBy !== "system" ? `${endedBy} ended this conversation.` : "This conversation has ended.";
      return who + take;
    }
  }
}

/** A message whose text was erased (deletion, moderation or retention) shows as removed. */
export function isRemoved(message) {
  return !!message && (message.redacted === true);
}

/** The blocked list (`ListBlocked()` answer) as a Map handle -> blockedAt, newest first. */
export function blockedMap(list) {
  const entries = (Array.isArray(list) ? list : [])
    .filter((b) => b && typeof b.handle === "string")
    .sort((a, b) => (Date.parse(b.blockedAt) || 0) - (Date.parse(a.blockedAt) || 0));
  return new Map(entries.map((b) => [b.handle, b.blockedAt ?? null]));
}

/**
 * Whether a message gets Report and Block buttons: only other people's stored messages that still
 * have text (a removed message has nothing left to report).
 */
export function canActOn(message, myHandle) {
  return !!message && message.senderHandle !== myHandle && !isRemoved(message) && Number(message.seq) > 0;
}

/** What a listener reads about supporting 13 to 17 year olds, or null when they do not offer it. */
export function teenApprovalText(profile) {
  if (!profile || !profile.acceptsTeens) return null;
  switch (profile.teenApproval) {
    case "approved":
      return "A moderator has approved you to support 13 to 17 year olds.";
    case "pending":
      return "Supporting 13 to 17 year olds: waiting for a moderator's approval. Until then you'll only be offered chats with adults.";
    default:
      return null;
  }
}

/** True when `GetMe().roles` includes `moderator`. */
export function isModerator(me) {
  return !!me && Array.isArray(me.roles) && me.roles.includes("moderator");
}
