// Hub errors arrive as "... HubException: code: sentence". Show the sentence; use the code to decide.
const CODES = ["invalid", "not_found", "forbidden", "conflict", "rate_limited", "unavailable"];
const pattern = new RegExp(`(?:HubException:\\s*)?\\b(${CODES.join("|")}):\\s*([\\s\\S]*)$`);

export function describeError(err) {
  const message = String((err && err.message) || err || "");
  const match = pattern.exec(message);
  if (match) {
    const code = match[1];
    return { code, text: match[2].trim(), transient: code === "unavailable" || code === "rate_limited" };
  }
  if (/unexpected error occurred invoking/i.test(message)) {
    return { code: "server", text: "Something went wrong on our side. Please try again in a moment.", transient: true };
  }
  return { code: "network", text: "We can't reach MatchChat right now. We'll keep trying.", transient: true };
}
