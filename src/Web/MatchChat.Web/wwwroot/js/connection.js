// The SignalR connection to /hubs/chat: start, automatic reconnect, status line.
import { state } from "./store.js";
import { accessToken } from "./session.js";
import { onTokenRefused, knownSuspended, forgetSuspended } from "./standing.js";
import { setStatus, offlineText } from "./status.js";

/** Set while the page asks the server why its token was refused: the retry is that check's, no second one starts. */
let checkingAccount = false;

/** Starts the connection again if nothing else will (see `reconnectIfStopped`). */
let restart = null;

/**
 * Connects and keeps trying for as long as the page is open.
 * `handlers`: hub event name -> function. `onConnected()` runs after every (re)connection;
 * `onReconnecting()` when the connection is lost.
 */
export function connect({ handlers, onConnected, onReconnecting }) {
  const signalR = window.signalR;
  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/chat", { accessTokenFactory: accessToken })
    .withAutomaticReconnect({
      // Keep trying for as long as the page is open: 0s, 1s, 2s, 4s, then every 8s.
      nextRetryDelayInMilliseconds: (ctx) => {
        state.lastRetryReason = ctx.retryReason;
        if (isUnauthorized(ctx.retryReason) || state.leaving) return null; // the token is no longer accepted: stop
        return [0, 1000, 2000, 4000][ctx.previousRetryCount] ?? 8000;
      },
    })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  connection.serverTimeoutInMilliseconds = 30000;
  connection.keepAliveIntervalInMilliseconds = 10000;
  state.connection = connection;

  for (const [name, handler] of Object.entries(handlers)) connection.on(name, handler);

  connection.onreconnecting(() => {
    state.connected = false;
    setStatus("reconnecting", "Connection lost. Reconnecting… your messages are safe and will be sent.");
    onReconnecting();
  });
  connection.onreconnected(() => {
    state.connected = true;
    setStatus("connected", "Connected");
    onConnected();
  });
  connection.onclose((error) => {
    state.connected = false;
    if (state.connection !== connection || state.leaving) return; // this page stopped it on purpose
    if (isUnauthorized(error) || isUnauthorized(state.lastRetryReason)) return refused(onConnected);
    setStatus("disconnected", "Not connected. Trying again…");
    setTimeout(() => start(onConnected), 5000);
  });

  // The browser knows at once when the device goes offline; SignalR notices only when its server timeout (30 s) runs out,
  // and the page said "Connected" all that while (an outside probe: 28 s). Messages written meanwhile wait as pending.
  // A server on the same network (a LAN, this machine) may still answer while the browser says offline: one quick call
  // tells, and the page goes on as connected rather than holding messages until the browser's "online".
  // Each 'offline' or 'online' makes the checks before it stale: only the latest one may say Connected and catch up.
  let check = 0;
  window.addEventListener("offline", async () => {
    if (state.connection !== connection || state.leaving) return;
    const mine = ++check;
    state.connected = false;
    setStatus("reconnecting", offlineText());
    onReconnecting();
    if (connection.state === "Connected" && await answersWithin(connection, 3000)) {
      if (mine !== check || state.connection !== connection || connection.state !== "Connected" || state.leaving) return;
      state.connected = true;
      setStatus("connected", "Connected");
      onConnected();
    }
  });
  window.addEventListener("online", async () => {
    if (state.connection !== connection || state.leaving) return;
    const mine = ++check;
    if (connection.state === "Connected") {
      // The socket SignalR still calls connected may have died with the old network (Wi-Fi to mobile): one quick call
      // tells. It answers: a blip the socket survived, so catch up here (what a reconnection would do). It does not:
      // the connection is stopped, and the usual retry opens a new one.
      if (await answersWithin(connection, 5000)) {
        if (mine !== check || state.connection !== connection || connection.state !== "Connected") return;
        state.connected = true;
        setStatus("connected", "Connected");
        onConnected();
      } else if (state.connection === connection) {
        connection.stop().catch(() => {});
      }
    } else if (connection.state === "Disconnected" && !checkingAccount) {
      start(onConnected);
    }
    // Reconnecting: SignalR's next try (at most 8 s away) comes back and says so.
  });

  restart = () => start(onConnected);
  // Suspended when this page last looked: the standing endpoint first (still suspended: the screen, with no hub call).
  if (knownSuspended()) refused(onConnected, 0);
  else start(onConnected);
}

/**
 * After a call the page made while it would not reconnect ("Delete my data": a dropped socket is not retried then) failed:
 * the connection is started again if it closed meanwhile. A deletion whose answer was lost then finds its token refused
 * and the page starts fresh; otherwise the member is back, connected.
 */
export function reconnectIfStopped() {
  if (state.connection && state.connection.state === "Disconnected" && !state.leaving && !checkingAccount && restart) restart();
}

async function answersWithin(connection, ms) {
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve(false), ms); });
  try {
    return await Promise.race([connection.invoke("GetMe").then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function start(onConnected) {
  const connection = state.connection;
  if (!connection || connection.state !== "Disconnected") return;
  setStatus("connecting", "Connecting…");
  try {
    await connection.start();
    state.connected = true;
    setStatus("connected", "Connected");
    forgetSuspended();
    await onConnected();
  } catch (err) {
    state.connected = false;
    if (isUnauthorized(err)) return refused(onConnected);
    setStatus("disconnected", "Not connected. Trying again…");
    setTimeout(() => start(onConnected), 5000);
  }
}

/** The token was refused: suspended (the page says why and keeps it), gone (a fresh page), or back in standing (connect again). */
function refused(onConnected, delay = 1000) {
  state.lastRetryReason = null;
  setStatus("connecting", "Checking your account…");
  checkingAccount = true;
  return onTokenRefused(() => {
    checkingAccount = false;
    setTimeout(() => start(onConnected), delay);
  });
}

export function isUnauthorized(err) {
  return (err && err.statusCode === 401) || /\b401\b|Unauthorized/i.test(String(err && err.message));
}

/** Stops the connection for good (after "Delete my data"): no reconnect follows. */
export function disconnect() {
  const connection = state.connection;
  state.connection = null;
  state.connected = false;
  if (connection) connection.stop().catch(() => {});
}

/** Calls a hub method. */
export function invoke(method, ...args) {
  return state.connection.invoke(method, ...args);
}
