// dom.js parseTags: free text -> the contract's tags (^[a-z0-9-]{1,40}$, at most 10, no duplicates), accents folded, not dropped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseTags } from "../../../src/Web/MatchChat.Web/wwwroot/js/dom.js";

const CONTRACT = /^[a-z0-9-]{1,40}$/;

test("plain tags are lower-cased and joined with hyphens", () => {
  assert.deepEqual(parseTags("lost a parent, Panic attacks; burnout\nmoving abroad"), ["lost-a-parent", "panic-attacks", "burnout", "moving-abroad"]);
  assert.deepEqual(parseTags(""), []);
  assert.deepEqual(parseTags(null), []);
});

test("accented letters are folded to their base letter, not dropped", () => {
  assert.deepEqual(parseTags("École, Trauer, perda do pai"), ["ecole", "trauer", "perda-do-pai"]);
  assert.deepEqual(parseTags("duelo por mamá, Übergewicht, ansiedade, ça va, niño"), ["duelo-por-mama", "ubergewicht", "ansiedade", "ca-va", "nino"]);
});

test("letters without a decomposition are mapped too", () => {
  assert.deepEqual(
    parseTags("Straße, Æbleskiver, Œuvre, Søren, Łódź, Đorđe, Ðóra, Þórr, Işık"),
    ["strasse", "aebleskiver", "oeuvre", "soren", "lodz", "dorde", "dora", "thorr", "isik"]);
});

test("scripts that cannot be folded to a-z still separate, and are trimmed", () => {
  assert.deepEqual(parseTags("горе, πένθος, 悲伤"), []);
  assert.deepEqual(parseTags("loss мама 2, -café-"), ["loss-2", "cafe"]);
});

test("folded duplicates collapse, at most 10 tags, each cut to 40 characters", () => {
  assert.deepEqual(parseTags("École, ecole, ÉCOLE"), ["ecole"]);
  const many = Array.from({ length: 12 }, (_, i) => `tëg${i}`).join(",");
  assert.deepEqual(parseTags(many), Array.from({ length: 10 }, (_, i) => `teg${i}`));
  assert.equal(parseTags("ß".repeat(30))[0], "ss".repeat(20));
  assert.equal(parseTags("é".repeat(50))[0], "e".repeat(40));
});

test("every tag matches the server's contract", () => {
  const tags = parseTags("École, Straße, Œuvre, Þórr, горе мама, 悲伤 grief, İstanbul, ﬁrst, a\u0301b\u0327c, " + "ø".repeat(60));
  assert.ok(tags.length > 0);
  for (const tag of tags) assert.match(tag, CONTRACT);
});

test("ligatures and full-width letters fold to their plain letters", () => {
  assert.deepEqual(parseTags("ﬁrst job, ＰＴＳＤ"), ["first-job", "ptsd"]);
});
