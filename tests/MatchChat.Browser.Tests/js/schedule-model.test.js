// schedule-model.js: the page's weekly schedule, ranges on screen and slots on the wire.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rangesToSlots, slotsToRanges } from "../../../src/Web/MatchChat.Web/wwwroot/js/schedule-model.js";

test("a range within a day is one slot", () => {
  assert.deepEqual(rangesToSlots([{ day: 3, from: "18:00", to: "21:30" }]), { slots: [{ day: 3, from: "18:00", to: "21:30" }] });
});

test("a range past midnight becomes two slots, Saturday night into Sunday", () => {
  assert.deepEqual(rangesToSlots([{ day: 6, from: "22:00", to: "02:00" }]).slots, [
    { day: 6, from: "22:00", to: "24:00" },
    { day: 0, from: "00:00", to: "02:00" },
  ]);
});

test("a range to 00:00 ends at midnight", () => {
  assert.deepEqual(rangesToSlots([{ day: 1, from: "20:00", to: "00:00" }]).slots, [{ day: 1, from: "20:00", to: "24:00" }]);
});

test("no day, a missing time or an empty range is named", () => {
  assert.match(rangesToSlots([]).error, /at least one day/);
  assert.match(rangesToSlots([{ day: 2, from: "", to: "10:00" }], () => "Tuesday").error, /Tuesday/);
  assert.match(rangesToSlots([{ day: 2, from: "10:00", to: "10:00" }]).error, /start and an end/);
});

test("reading slots back joins the part after midnight to the day it started", () => {
  const ranges = [{ day: 6, from: "22:00", to: "02:00" }, { day: 3, from: "18:00", to: "21:30" }, { day: 1, from: "20:00", to: "00:00" }];
  const { slots } = rangesToSlots(ranges);
  assert.deepEqual(slotsToRanges(slots), ranges);
});

test("a whole day stays a whole day, also after a late evening the day before", () => {
  const slots = [{ day: 1, from: "22:00", to: "24:00" }, { day: 2, from: "00:00", to: "24:00" }];
  const ranges = slotsToRanges(slots);
  assert.deepEqual(ranges, [{ day: 1, from: "22:00", to: "00:00" }, { day: 2, from: "00:00", to: "00:00" }]);
  assert.deepEqual(rangesToSlots(ranges).slots, slots);
});
