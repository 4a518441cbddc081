// region.js: where a new member is, for the crisis lines the server gives them (POST /api/members `region`, `language`).
// The footer's rule first (browserRegion: a region named by a language tag, "US" only with a US clock); then the clock's
// zone for the regions whose lines differ ("de" with a Berlin clock is in Germany); else "ZZ", the unknown region, so
// the server names only the lines for everywhere. Without this the server took the region from Accept-Language and
// fell back to its default region (US): a browser that says "de", or "en-US" with an Indian clock, was shown 988
// (an outside browser probe).
import { browserRegion } from "./care.js";

const ZONE_REGIONS = {
  "Europe/London": "GB", "Europe/Belfast": "GB", "Europe/Dublin": "IE", "Europe/Berlin": "DE", "Europe/Busingen": "DE",
  "Europe/Paris": "FR", "Europe/Lisbon": "PT", "Atlantic/Madeira": "PT", "Atlantic/Azores": "PT", "Europe/Madrid": "ES",
  "Atlantic/Canary": "ES", "Europe/Rome": "IT", "America/Sao_Paulo": "BR", "America/Mexico_City": "MX", "Asia/Kolkata": "IN",
  "Australia/Sydney": "AU", "Australia/Melbourne": "AU", "Australia/Brisbane": "AU", "Australia/Perth": "AU",
  "Australia/Adelaide": "AU", "Australia/Hobart": "AU", "Australia/Darwin": "AU", "Pacific/Auckland": "NZ",
  "America/Toronto": "CA", "America/Vancouver": "CA", "America/Edmonton": "CA", "America/Winnipeg": "CA",
  "America/Halifax": "CA", "America/St_Johns": "CA", "America/Regina": "CA",
};

/** `{region, language}` for a new member: never a guessed region (unknown is "ZZ"). */
export function memberRegion(languages, timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone) {
  const byTag = browserRegion(languages, timeZone);
  if (byTag) return byTag;
  const first = /^([a-z]{2,3})\b/i.exec(String((languages || [])[0] || ""));
  const language = first ? first[1].toLowerCase() : null;
  const region = ZONE_REGIONS[timeZone] || (browserRegion(["en-US"], timeZone) ? "US" : "ZZ");
  return { region, language };
}
