// [network] "What kind of support would help?": optional, folded into the request's note for the listener.
const KINDS = {
  heard: "I'd mostly like to be heard.",
  talk: "I'd like to talk it through.",
  company: "I'd like some company.",
};

/** The note with the chosen kind of support in front of it (the page's radios; none chosen: the note as typed). */
export function withSupportKind(note, kind = document.querySelector("input[name=support-kind]:checked")?.value) {
  const sentence = KINDS[kind];
  if (!sentence) return note;
  return note ? `${sentence} ${note}` : sentence;
}

export function clearSupportKind() {
  for (const radio of document.querySelectorAll("input[name=support-kind]")) radio.checked = false;
}
