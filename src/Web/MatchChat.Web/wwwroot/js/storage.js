// Everything the page keeps between visits lives in localStorage, namespaced per anonymous member.
const SESSION_KEY = "matchchat.session";

function read(key, fallback) {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? fallback : JSON.parse(raw);
  } catch {
    return fallback;
  }
}

function write(key, value) {
  try {
    if (value === null || value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage full or disabled: the page still works for this visit */
  }
}

export const storage = {
  loadSession: () => read(SESSION_KEY, null),
  saveSession: (session) => write(SESSION_KEY, session),
  clearSession: () => write(SESSION_KEY, null),
  load: (memberId, name, fallback) => read(`matchchat.${memberId}.${name}`, fallback),
  save: (memberId, name, value) => write(`matchchat.${memberId}.${name}`, value),
  /** Removes every key kept for `memberId` (their data was deleted, or the server no longer knows them). */
  forgetMember: (memberId) => {
    try {
      for (const key of Object.keys(localStorage)) if (memberId && key.startsWith(`matchchat.${memberId}.`)) localStorage.removeItem(key);
    } catch { /* storage disabled: nothing kept */ }
  },
};
