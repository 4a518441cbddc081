// queue.js: a seeker's place from the ticket and the queue's QueueProgress broadcast.
import { test } from "node:test";
import assert from "node:assert/strict";
import { noteProgress, currentPlace, nobodyAvailable, forgetProgress } from "../../../src/Web/MatchChat.Web/wwwroot/js/queue.js";

const ticket = (position, served, extra = {}) => ({
  requestId: "r1", topic: "grief", status: "waiting", position, estimatedWaitSeconds: position * 10, priority: "normal", served, ...extra,
});
const progress = (served, extra = {}) => ({ topic: "grief", priority: "normal", served, secondsPerPlace: 4, ...extra });

test("the place moves up by the number served since the ticket, with the estimate from the seconds per place", () => {
  const known = new Map();
  assert.equal(noteProgress(known, progress(107)), true);
  const now = currentPlace(ticket(10, 100), known);
  assert.equal(now.position, 3);
  assert.equal(now.estimatedWaitSeconds, 12);
});

test("a broadcast older than the ticket is ignored, and an older one never replaces a newer one", () => {
  const known = new Map();
  noteProgress(known, progress(95));
  assert.equal(currentPlace(ticket(10, 100), known).position, 10);
  noteProgress(known, progress(104));
  assert.equal(noteProgress(known, progress(101)), false);
  assert.equal(currentPlace(ticket(10, 100), known).position, 6);
});

test("only the ticket's own topic and priority count", () => {
  const known = new Map();
  noteProgress(known, progress(150, { topic: "anxiety" }));
  noteProgress(known, progress(150, { priority: "urgent" }));
  assert.equal(currentPlace(ticket(10, 100), known).position, 10);
  assert.equal(currentPlace(ticket(2, 100, { priority: "urgent" }), known).position, 1);
});

test("offered, closed and older tickets (no served count) are shown as they are", () => {
  const known = new Map();
  noteProgress(known, progress(150));
  assert.equal(currentPlace(ticket(10, 100, { status: "offered" }), known).position, 10);
  assert.equal(currentPlace(ticket(10, undefined), known).position, 10);
  assert.equal(currentPlace(null, known), null);
});

test("the place never goes below 1", () => {
  const known = new Map();
  noteProgress(known, progress(500));
  assert.equal(currentPlace(ticket(3, 100), known).position, 1);
});

test("while nobody is served, a broadcast with the ticket's count gives the longer of its estimate and the ticket's", () => {
  const known = new Map();
  noteProgress(known, progress(100, { secondsPerPlace: 60 }));
  const stalled = currentPlace(ticket(30, 100), known);
  assert.equal(stalled.position, 30);
  assert.equal(stalled.estimatedWaitSeconds, 1800);
  noteProgress(known, progress(100, { secondsPerPlace: 1 }));
  assert.equal(currentPlace(ticket(30, 100), known).estimatedWaitSeconds, 300);
  noteProgress(known, progress(100, { secondsPerPlace: null }));
  assert.equal(currentPlace(ticket(30, 100), known).estimatedWaitSeconds, 300);
});

test("a ticket without an estimate keeps none while nobody is served: nobody known could take it", () => {
  const known = new Map();
  noteProgress(known, progress(100, { secondsPerPlace: 2 }));
  const none = currentPlace(ticket(3, 100, { estimatedWaitSeconds: null }), known);
  assert.equal(none.position, 3);
  assert.equal(none.estimatedWaitSeconds, null);
});

test("nobody is available only when the topic's newest broadcasts say 0, and an older server's say nothing", () => {
  const known = new Map();
  assert.equal(nobodyAvailable(known, "grief"), false);
  noteProgress(known, progress(10));
  assert.equal(nobodyAvailable(known, "grief"), false);
  noteProgress(known, progress(10, { listenersAvailable: 0 }));
  noteProgress(known, progress(3, { priority: "urgent", listenersAvailable: 0 }));
  noteProgress(known, progress(4, { topic: "anxiety", listenersAvailable: 2 }));
  assert.equal(nobodyAvailable(known, "grief"), true);
  assert.equal(nobodyAvailable(known, "anxiety"), false);
  noteProgress(known, progress(10, { listenersAvailable: 1 }));
  noteProgress(known, progress(3, { priority: "urgent", listenersAvailable: 1 }));
  assert.equal(nobodyAvailable(known, "grief"), false);
});

test("a teen reads the count of listeners who may hear teens; an adult the other", () => {
  const known = new Map();
  noteProgress(known, progress(10, { listenersAvailable: 2, teenListenersAvailable: 0 }));
  noteProgress(known, progress(3, { priority: "urgent", listenersAvailable: 2, teenListenersAvailable: 0 }));
  assert.equal(nobodyAvailable(known, "grief", true), true);
  assert.equal(nobodyAvailable(known, "grief", false), false);
  noteProgress(known, progress(11, { listenersAvailable: 0, teenListenersAvailable: 1 }));
  noteProgress(known, progress(4, { priority: "urgent", listenersAvailable: 0, teenListenersAvailable: 1 }));
  assert.equal(nobodyAvailable(known, "grief", true), false);
  assert.equal(nobodyAvailable(known, "grief", false), true);
});

test("forgetting a topic drops only its broadcasts", () => {
  const known = new Map();
  noteProgress(known, progress(10, { listenersAvailable: 0 }));
  noteProgress(known, progress(3, { priority: "urgent", listenersAvailable: 0 }));
  noteProgress(known, progress(4, { topic: "anxiety", listenersAvailable: 0 }));
  forgetProgress(known, "grief");
  assert.equal(nobodyAvailable(known, "grief"), false);
  assert.equal(nobodyAvailable(known, "anxiety"), true);
});


test("while nobody is served, the wait per place grows with the time since the served count was first heard", () => {
  const known = new Map();
  const t0 = 1_000_000;
  noteProgress(known, progress(100, { secondsPerPlace: 20 }), t0);
  assert.equal(currentPlace(ticket(1, 100, { estimatedWaitSeconds: 20 }), known, t0 + 5_000).estimatedWaitSeconds, 20);
  // A minute on, with no broadcast since (they come at most every 15 s): at least that minute, not "less than a minute".
  assert.equal(currentPlace(ticket(1, 100, { estimatedWaitSeconds: 20 }), known, t0 + 60_000).estimatedWaitSeconds, 60);
  // A broadcast with the same count keeps the time it was first heard; a new count starts again.
  noteProgress(known, progress(100, { secondsPerPlace: 30 }), t0 + 90_000);
  assert.equal(currentPlace(ticket(2, 100), known, t0 + 150_000).estimatedWaitSeconds, 300);
  noteProgress(known, progress(101, { secondsPerPlace: 30 }), t0 + 151_000);
  assert.equal(currentPlace(ticket(2, 100), known, t0 + 152_000).estimatedWaitSeconds, 30);
});
