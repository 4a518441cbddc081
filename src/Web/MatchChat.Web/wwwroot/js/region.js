// region.js: where a new member is, for the crisis lines the server gives them (POST /api/members `region`, `language`).
// The footer's rule first (browserRegion: a region named by a language tag, "US" only with a US clock); then the clock's
// zone for the regions whose lines differ ("de" with a Berlin clock is in Germany); else "ZZ", the unknown region, so
// the server names only the lines for everywhere, when a tag said "US" against the clock (Accept-Language would say US);
// else nothing, and the operator's default region applies. Without this the server took the region from
// Accept-Language and fell back to its default region (US): a browser that says "de" with a Berlin clock, or "en-US"
// with an Indian one, was shown 988 (an outside browser probe). A zone maps to its one country, so a region without
// lines of its own in the catalogue gets the lines for everywhere, never another country's.
import { browserRegion } from "./care.js";

const ZONE_REGIONS = {
  "Europe/London": "GB", "Europe/Belfast": "GB", "Europe/Dublin": "IE", "Europe/Berlin": "DE", "Europe/Busingen": "DE",
  "Europe/Paris": "FR", "Europe/Lisbon": "PT", "Atlantic/Madeira": "PT", "Atlantic/Azores": "PT", "Europe/Madrid": "ES",
  "Atlantic/Canary": "ES", "Europe/Rome": "IT", "America/Sao_Paulo": "BR", "America/Mexico_City": "MX", "Asia/Kolkata": "IN",
  "Australia/Sydney": "AU", "Australia/Melbourne": "AU", "Australia/Brisbane": "AU", "Australia/Perth": "AU",
  "Australia/Adelaide": "AU", "Australia/Hobart": "AU", "Australia/Darwin": "AU", "Pacific/Auckland": "NZ",
  "America/Toronto": "CA", "America/Vancouver": "CA", "America/Edmonton": "CA", "America/Winnipeg": "CA",
  "America/Halifax": "CA", "America/St_Johns": "CA", "America/Regina": "CA", "Europe/Vienna": "AT", "Europe/Zurich": "CH",
  "Europe/Amsterdam": "NL", "Europe/Brussels": "BE", "Europe/Luxembourg": "LU", "Europe/Stockholm": "SE", "Europe/Oslo": "NO",
  "Europe/Copenhagen": "DK", "Europe/Helsinki": "FI", "Europe/Warsaw": "PL", "Europe/Prague": "CZ", "Europe/Athens": "GR",
  "Europe/Istanbul": "TR", "Europe/Bucharest": "RO", "Europe/Budapest": "HU", "Asia/Tokyo": "JP", "Asia/Singapore": "SG",
  "Asia/Manila": "PH", "Asia/Jakarta": "ID", "Asia/Dubai": "AE", "Africa/Lagos": "NG", "Africa/Johannesburg": "ZA",
  "Africa/Nairobi": "KE", "America/Argentina/Buenos_Aires": "AR", "America/Bogota": "CO", "America/Lima": "PE",
  "America/Santiago": "CL",
};

/** `{region, language}` for a new member: never a guessed region (null: the operator's default; "ZZ": unknown). */
export function memberRegion(languages, timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone) {
  const byTag = browserRegion(languages, timeZone);
  if (byTag) return byTag;
  const tags = (languages || []).map(String);
  const first = /^([a-z]{2,3})\b/i.exec(tags[0] || "");
  const language = first ? first[1].toLowerCase() : null;
  const byZone = ZONE_REGIONS[timeZone] || (browserRegion(["en-US"], timeZone) ? "US" : null);
  if (byZone) return { region: byZone, language };
  return { region: tags.some((t) => /^[a-z]{2,3}-us$/i.test(t)) ? "ZZ" : null, language };
}
