// The host's prompter in a browser: a pane of the cue link (link/protocol.py), like `rhythm-console host`.
// Hello/welcome/state/cue/received/ack over the console's WebSocket; every cue shown once, by seq, across
// reconnects. Text from the console is only ever set as text (textContent), never parsed as HTML.
"use strict";

(() => {
  const PROTOCOL = 1;
  const CLOSE_UNAUTHORIZED = 4401;
  const CLOSE_BAD_FRAME = 4400;
  const FLASH_SECONDS = 4;
  const HISTORY_SHOWN = 40;
  const BACKOFF_FIRST = 0.25; // seconds; doubles up to BACKOFF_LAST, each wait jittered
  const BACKOFF_LAST = 5;
  const CLOCK_SAMPLES = 5;
  const CLOCK_RESYNC = 60; // seconds
  const NAME_PATTERN = /^[\w\-\u4e00-\u9fff]{1,40}$/u;

  const $ = (id) => document.getElementById(id);
  const body = document.body;
  const pageNow = () => performance.now() / 1000;

  // ------------------------------------------------------------ options (query) and token (fragment)

  const query = new URLSearchParams(location.search);
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ""));
  const wantedName = query.get("name") || "host";
  const options = {
    name: NAME_PATTERN.test(wantedName) ? wantedName : null,
    lang: query.get("lang") === "en" ? "en" : "zh",
    mirror: query.get("mirror") === "1",
    points: query.get("points") !== "0",
    token: fragment.get("token") || null,
  };

  let words = {};
  const t = (key, values) => {
    let text = Object.prototype.hasOwnProperty.call(words, key) ? words[key] : "";  // nothing until the words come
    for (const [name, value] of Object.entries(values || {})) text = text.split(`{${name}}`).join(String(value));
    return text;
  };

  // ------------------------------------------------------------ what the page knows of the show

  const show = {
    session: null,
    lastSeq: 0,
    cues: [], // by seq, each once
    seen: new Set(),
    acked: new Set(),
    state: null,
    anchor: null, // {remaining, at (console clock), received (page clock)} of the last state frame
    offset: null, // console clock minus page clock, from the round trip of GET /api/clock
    rtt: 0,
    flashSeq: null,
    shownSeq: null,
    blackout: false,
    status: "connecting",
    reason: null,
    retryAt: null,
    refusal: null, // the catalog key saying why the console will not have this page
  };

  // ------------------------------------------------------------ the countdown on the page's clock

  async function syncClock() {
    let best = null;
    for (let i = 0; i < CLOCK_SAMPLES; i++) {
      const sent = pageNow();
      let reply;
      try {
        reply = await (await fetch("/api/clock", { cache: "no-store" })).json();
      } catch {
        return;
      }
      const back = pageNow();
      const rtt = back - sent;
      if (best === null || rtt < best.rtt) best = { rtt, offset: reply.now - (sent + back) / 2 };
    }
    show.offset = best.offset;
    show.rtt = best.rtt;
    body.dataset.clockSynced = "1";
  }

  function remainingNow() {
    const anchor = show.anchor;
    if (!anchor) return null;
    if (show.state.held) return anchor.remaining;
    // Anchored to the console's instant when it has one (and the offset is known), else to the receipt
    // less half a round trip.
    const elapsed = anchor.at !== null && show.offset !== null
      ? pageNow() + show.offset - anchor.at
      : pageNow() - anchor.received + show.rtt / 2;
    // Show seconds per real second: 1 live, a replay's speed, 0 while a replay is paused (older consoles: 1).
    const rate = typeof show.state.rate === "number" ? show.state.rate : 1;
    return anchor.remaining - Math.max(0, elapsed) * rate;
  }

  // The one rule of show.countdown_phase, carried on between state frames as the terminal pane does.
  function countdownPhase(remaining, segment, held) {
    if (held) return "held";
    if (remaining <= 0) return -remaining > segment.over_tolerance ? "overrun" : "over";
    if (remaining <= segment.warning_lead) return "warning";
    return "running";
  }

  function clock(seconds) {
    const whole = Math.floor(Math.abs(seconds));
    const hours = Math.floor(whole / 3600);
    const minutes = Math.floor((whole % 3600) / 60);
    const secs = String(whole % 60).padStart(2, "0");
    return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${secs}` : `${minutes}:${secs}`;
  }

  // The segment a cue was sent in: the running one if the cue is younger than the time spent in it
  // (both on the console's clock, so a catch-up after a reload sorts cues the same way).
  function segmentOf(cue) {
    const segment = show.state && show.state.segment;
    if (!segment) return null;
    return (cue.age || 0) <= segment.budget - remainingNow() + 0.5 ? segment.id : "(an earlier segment)";
  }

  // ------------------------------------------------------------ the link

  let ws = null;
  let attempts = 0;
  let retryTimer = null;

  function setStatus(status, reason) {
    show.status = status;
    show.reason = reason || null;
    body.dataset.link = status;
    drawLink();
    drawScreens();
  }

  function connect() {
    retryTimer = null;
    setStatus("connecting");
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(`${scheme}://${location.host}/ws`);
    ws = socket;
    let error = null;
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: "hello", protocol: PROTOCOL, name: options.name, token: options.token,
                                   last_seq: show.lastSeq, session: show.session }));
    };
    socket.onmessage = (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame.type === "error") error = frame.reason;
      else receive(socket, frame);
    };
    socket.onclose = (event) => {
      if (ws !== socket) return;
      ws = null;
      if (event.code === CLOSE_UNAUTHORIZED || event.code === CLOSE_BAD_FRAME) {
        // Retrying with the same token or name would be refused again: say so and stop.
        show.refusal = event.code === CLOSE_UNAUTHORIZED ? "prompter.refused_token" : "prompter.refused_frame";
        setStatus("refused", error || event.reason);
        return;
      }
      const delay = Math.min(BACKOFF_FIRST * 2 ** attempts, BACKOFF_LAST) * (0.5 + Math.random() * 0.5);
      attempts += 1;
      show.retryAt = pageNow() + delay;
      setStatus("retrying", error || event.reason);
      retryTimer = setTimeout(connect, delay * 1000);
    };
  }

  function receive(socket, frame) {
    switch (frame.type) {
      case "welcome":
        if (frame.session !== show.session) {
          if (show.session !== null) forgetShow(); // another show: its cue numbers start again
          show.session = frame.session;
        }
        attempts = 0;
        setStatus("connected");
        syncClock().then(drawCountdown);
        break;
      case "state":
        show.state = frame;
        show.anchor = frame.segment
          ? { remaining: frame.segment.remaining, at: frame.at ?? null, received: pageNow() }
          : null;
        drawAll();
        break;
      case "cue":
        socket.send(JSON.stringify({ type: "received", seq: frame.seq }));
        if (show.seen.has(frame.seq)) return; // a resend after a reconnect: shown once already
        show.seen.add(frame.seq);
        show.lastSeq = Math.max(show.lastSeq, frame.seq);
        // The console says which segment ran when it was sent; a console too old to say: work it out.
        if (!Object.prototype.hasOwnProperty.call(frame, "segment")) frame.segment = segmentOf(frame);
        show.cues.push(frame);
        show.cues.sort((a, b) => a.seq - b.seq);
        if (frame.acked) show.acked.add(frame.seq);
        else if (frame.level === "urgent" && (frame.age || 0) < FLASH_SECONDS) show.flashSeq = frame.seq;
        drawCues();
        break;
      case "blackout":
        show.blackout = Boolean(frame.on);
        drawScreens();
        break;
      case "request_status":
        // The same request pressed again while the first waits: said as waiting, not as a refusal.
        drawRequest(frame.code === "request_pending" ? "pending" : frame.status, frame.kind, frame.text, frame.reason);
        break;
      default:
        break; // a frame of a later protocol: not for this page
    }
  }

  function forgetShow() {
    show.cues = [];
    show.seen.clear();
    show.acked.clear();
    show.lastSeq = 0;
    show.flashSeq = null;
  }

  // ------------------------------------------------------------ which cue is shown, and acking it

  // A cue from an earlier segment leaves the big area, so a stale 上链接 never stays up for minutes; so does
  // every cue once the show has ended. The terminal pane's rule (ui/host.py): a cue sent before the start
  // (no segment) stays.
  function isStale(cue) {
    const running = show.state && show.state.segment;
    return cue.segment !== null && cue.segment !== undefined && cue.segment !== (running ? running.id : null);
  }

  // The newest unacknowledged cue of this segment is shown big; once every cue is acknowledged, the newest.
  // Acknowledging goes newest first: what the manager said last matters most.
  function shownCue() {
    const current = show.cues.filter((cue) => !isStale(cue));
    const unread = current.filter((cue) => !show.acked.has(cue.seq));
    if (unread.length) return unread[unread.length - 1];
    return current.length ? current[current.length - 1] : null;
  }

  function unreadCount() {
    return show.cues.filter((cue) => !isStale(cue) && !show.acked.has(cue.seq)).length;
  }

  function ackShown() {
    const cue = shownCue();
    if (!cue || show.acked.has(cue.seq) || !ws || ws.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify({ type: "ack", seq: cue.seq }));
    show.acked.add(cue.seq);
    drawCues();
  }

  // ------------------------------------------------------------ drawing

  function fitCue() {
    const box = $("cue-box");
    const text = $("cue-text");
    const width = box.clientWidth;
    const height = box.clientHeight;
    if (!width || !height) return;
    // The largest size at which the whole text fits the box, found by measuring (a binary search).
    let low = 8;
    let high = Math.max(low + 1, Math.floor(Math.min(height, width)));
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      text.style.fontSize = `${middle}px`;
      if (text.scrollWidth <= width && text.scrollHeight <= height) low = middle;
      else high = middle;
    }
    text.style.fontSize = `${low}px`;
  }

  function drawCues() {
    const cue = shownCue();
    const area = $("cue-area");
    area.className = `level-${cue ? cue.level : "none"}`;
    area.classList.toggle("acked", Boolean(cue && show.acked.has(cue.seq)));
    if (cue && cue.seq === show.flashSeq && !show.acked.has(cue.seq)) {
      void area.offsetWidth; // restart the animation for a new urgent cue
      area.classList.add("flash");
      show.flashSeq = null;
    }
    $("cue-text").textContent = cue ? cue.text : t("host.waiting");
    body.dataset.shownSeq = cue ? String(cue.seq) : "";
    $("cue-seq").textContent = cue ? `#${cue.seq} · ${(cue.sent_wall || "").slice(11, 16)} · ${t(`level.${cue.level}`)}` : "";
    const unread = unreadCount();
    // The queue is worth a word once there is more than the cue on screen to read.
    $("cue-unread").textContent = unread > 1 ? t("prompter.unread", { count: unread }) : "";
    const ack = $("cue-ack");
    ack.textContent = cue ? (show.acked.has(cue.seq) ? `✓ ${t("host.acked")}` : t("prompter.ack_hint")) : "";
    ack.classList.toggle("acked", Boolean(cue && show.acked.has(cue.seq)));
    fitCue();
    drawHistory(cue);
    drawScreens();
  }

  function drawHistory(shown) {
    const list = $("history-list");
    const items = [];
    const earlier = show.cues.filter((cue) => cue !== shown).slice(-HISTORY_SHOWN).reverse();
    for (const cue of earlier) {
      const item = document.createElement("li");
      item.className = `level-${cue.level}`;
      if (!show.acked.has(cue.seq)) item.classList.add("unread");
      if (isStale(cue)) item.classList.add("stale");
      const when = document.createElement("span");
      when.className = "when";
      when.textContent = `#${cue.seq} ${(cue.sent_wall || "").slice(11, 16)}`;
      const text = document.createElement("span");
      text.className = "text";
      text.textContent = cue.text;
      const mark = document.createElement("span");
      mark.className = "mark";
      mark.textContent = show.acked.has(cue.seq) ? "✓" : isStale(cue) ? t("prompter.earlier_segment") : "●";
      item.append(when, text, mark);
      items.push(item);
    }
    list.replaceChildren(...items);
  }

  // Ten times a second: only what changed is written, so the page stays idle between seconds.
  let drawn = { countdown: null, phase: null };
  function drawCountdown() {
    const state = show.state;
    const segment = state && state.segment;
    let countdown = "--:--";
    let phase = state ? state.phase : "pending";
    if (segment) {
      const remaining = remainingNow();
      phase = countdownPhase(remaining, segment, state.phase === "held");
      // Whole seconds truncated, as the console's own countdown (durations.format_clock) shows them.
      countdown = remaining >= 0 ? clock(remaining) : `-${clock(-remaining)}`;
    }
    if (countdown !== drawn.countdown) $("countdown").textContent = countdown;
    if (phase !== drawn.phase) {
      body.dataset.phase = phase;
      $("phase-label").textContent = segment && phase !== "running" ? t(`phase.${phase}`) : "";
    }
    drawn = { countdown, phase };
  }

  function drawSegment() {
    const state = show.state;
    const segment = state && state.segment;
    if (segment) {
      $("segment-title").textContent = segment.title;
    } else {
      const phase = state ? state.phase : "pending";
      $("segment-title").textContent = t(phase === "ended" ? "host.ended" : phase === "pending" ? "host.no_segment" : "host.between");
    }
    drawn = { countdown: null, phase: null };
    drawCountdown();
    const upcoming = state && state.next;
    $("next").textContent = upcoming ? `${t("current.next")}${t("label.colon")}${upcoming.title}  ${clock(upcoming.budget)}` : "";
    $("show-title").textContent = state ? state.title : "";
    $("product").textContent = segment && segment.product ? segment.product : "";
    drawSay(segment);
    const points = (segment && segment.talking_points) || [];
    $("points-list").replaceChildren(...points.map((point) => {
      const item = document.createElement("li");
      item.textContent = point;
      return item;
    }));
    fitPoints();
  }

  // What the host says besides the talking points: the product's deal and selling points, the 福袋's prize
  // and 口令, the coupon (fields an older console does not send are simply absent).
  const SAY = [["list_price", "host.say.list_price"], ["offer", "host.say.offer"],
               ["selling_points", "host.say.selling_points"], ["prize", "host.say.prize"],
               ["prompt", "host.say.prompt"], ["coupon", "host.say.coupon"]];
  function drawSay(segment) {
    const lines = [];
    for (const [field, key] of SAY) {
      const value = segment ? segment[field] : null;
      const text = Array.isArray(value) ? value.join(" · ") : value;
      if (!text) continue;
      const line = document.createElement("p");
      line.className = `say-line say-${field}`;
      const label = document.createElement("span");
      label.className = "say-label";
      label.textContent = t(key);
      const said = document.createElement("span");
      said.className = "say-text";
      said.textContent = text;
      line.append(label, said);
      lines.push(line);
    }
    $("say").replaceChildren(...lines);
  }

  // The panel's text at the largest size (up to the stylesheet's) at which all of it shows.
  function fitPoints() {
    const panel = $("points");
    panel.style.fontSize = "";
    if (!panel.clientHeight || body.classList.contains("no-points")) return;
    let size = parseFloat(getComputedStyle(panel).fontSize);
    while (size > 11 && panel.scrollHeight > panel.clientHeight + 1) {
      size -= 1;
      panel.style.fontSize = `${size}px`;
    }
  }

  function drawLink() {
    let text = t(`host.link.${show.status}`);
    if (show.status === "retrying" && show.retryAt !== null) {
      text += ` ${Math.max(0, show.retryAt - pageNow()).toFixed(0)}s`;
    }
    $("link-text").textContent = text;
  }

  function drawScreens() {
    $("blackout").hidden = !show.blackout;
    const refused = show.status === "refused";
    $("refused").hidden = !refused;
    if (refused) {
      $("refused-title").textContent = t("prompter.refused");
      // The console's reason is in the console's language; the token's refusal says it all in the page's words.
      const detail = show.refusal === "prompter.refused_token" || !show.reason ? "" : ` (${show.reason})`;
      $("refused-text").textContent = `${t(show.refusal)}${detail}`;
    }
    // No show running (before the start, after the end), unless a cue waits to be read.
    const phase = show.state ? show.state.phase : null;
    const idle = !refused && (show.state === null || phase === "pending" || phase === "ended") && unreadCount() === 0;
    $("idle").hidden = !idle;
    if (idle) {
      $("idle-title").textContent = phase === "ended" ? t("host.ended") : t("prompter.no_show");
      const waiting = show.status === "connected" ? t("prompter.waiting_start") : t(`host.link.${show.status}`);
      $("idle-text").textContent = show.state ? `${show.state.title} · ${waiting}` : waiting;
    }
  }

  function drawAll() {
    drawSegment();
    drawCues();
    // When the first state was shown with its words, in ms since the page began to load (the tests wait for it).
    if (show.state && words["lang.tag"] && !body.dataset.stateAt) body.dataset.stateAt = String(Math.round(performance.now()));
  }

  function tick() {
    drawCountdown();
    if (show.status === "retrying") drawLink();
  }

  // ------------------------------------------------------------ asking the manager (扁平化)

  function requestWords(kind, text) {
    const what = t(`request.kind.${kind}`);
    return text ? t("request.with_text", { what, text }) : what;
  }

  // What became of this page's last request: sent (open), accepted, declined, refused, undone (an accepted
  // +1 minute or next the manager took back), pending (asked again while it waits), or not sent at all.
  function drawRequest(status, kind, text, reason) {
    const line = $("request-status");
    const key = status === "open" ? "request.sent" : `request.${status}`;
    line.textContent = t(key, { what: requestWords(kind, text), reason: reason || "" });
    line.dataset.status = status;
  }

  function ask(kind, text) {
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      drawRequest("not_sent", kind, text);
      return;
    }
    // The segment this page shows: a +1 minute or a next is for it, not for one the console moved on to since.
    const segment = show.state && show.state.segment ? show.state.segment.id : null;
    ws.send(JSON.stringify({ type: "request", kind, text: text || null, segment }));
  }

  function openMessage() {
    $("message").hidden = false;
    $("message-input").focus();
  }

  function sendMessage() {
    const text = $("message-input").value.trim();
    if (!text) return;
    ask("text", text);
    $("message-input").value = "";
    $("message").hidden = true;
  }

  function bindAsks() {
    for (const button of document.querySelectorAll("#asks .ask")) {
      button.addEventListener("click", (event) => {
        event.stopPropagation(); // a button is not a tap that acknowledges the cue
        if (button.dataset.kind === "text") openMessage();
        else ask(button.dataset.kind);
      });
    }
    $("message").addEventListener("click", (event) => event.stopPropagation());
    $("message-send").addEventListener("click", sendMessage);
    $("message-input").addEventListener("keydown", (event) => {
      event.stopPropagation(); // typing is not Space acknowledging a cue
      if (event.key === "Enter") sendMessage();
      else if (event.key === "Escape") $("message").hidden = true;
    });
  }

  // ------------------------------------------------------------ controls

  function togglePoints() {
    options.points = !options.points;
    body.classList.toggle("no-points", !options.points);
    $("points-toggle").textContent = t(options.points ? "prompter.points_hide" : "prompter.points_show");
    requestAnimationFrame(fitCue);
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(() => {});
  }

  let wakeLock = null;
  async function keepAwake() {
    // A tablet must not sleep mid-show; browsers without the API (or over plain http) simply do not offer it.
    if (!("wakeLock" in navigator) || wakeLock !== null || document.visibilityState !== "visible") return;
    try {
      wakeLock = await navigator.wakeLock.request("screen");
      wakeLock.addEventListener("release", () => { wakeLock = null; });
    } catch {
      wakeLock = null;
    }
  }

  function bindControls() {
    $("points-toggle").addEventListener("click", (event) => { event.stopPropagation(); togglePoints(); });
    $("fullscreen-toggle").addEventListener("click", (event) => { event.stopPropagation(); toggleFullscreen(); });
    document.addEventListener("click", () => { keepAwake(); ackShown(); });
    document.addEventListener("keydown", (event) => {
      if (event.target instanceof HTMLButtonElement && (event.key === " " || event.key === "Enter")) return;
      if (event.key === " " || event.key === "Enter") {
        event.preventDefault();
        keepAwake();
        ackShown();
      } else if (event.key === "p" || event.key === "P") {
        togglePoints();
      } else if (event.key === "f" || event.key === "F") {
        toggleFullscreen();
      }
    });
    document.addEventListener("visibilitychange", keepAwake);
    new ResizeObserver(fitCue).observe($("cue-box"));
    new ResizeObserver(fitPoints).observe($("points"));
    bindAsks();
  }

  // ------------------------------------------------------------ start

  function applyWords() {
    document.documentElement.lang = words["lang.tag"] || (options.lang === "en" ? "en" : "zh-CN");
    document.title = t("host.title");
    $("pane-name").textContent = `${t("host.as")} ${options.name || wantedName}`;
    $("history-title").textContent = t("host.earlier");
    $("points-toggle").textContent = t(options.points ? "prompter.points_hide" : "prompter.points_show");
    $("fullscreen-toggle").textContent = t("prompter.fullscreen");
    for (const button of document.querySelectorAll("#asks .ask")) button.textContent = t(`request.kind.${button.dataset.kind}`);
    $("message-input").placeholder = t("request.text_placeholder");
    $("message-send").textContent = t("request.send");
    drawLink();
    drawAll();
  }

  function start() {
    body.classList.toggle("mirror", options.mirror);
    body.classList.toggle("no-points", !options.points);
    bindControls();
    keepAwake();
    setInterval(tick, 100);
    setInterval(() => { if (show.status === "connected") syncClock(); }, CLOCK_RESYNC * 1000);
    // The words and the link are fetched together: the first state is drawn as soon as both are here.
    fetch(`/api/words?lang=${options.lang}`)
      .then((response) => response.json())
      .catch(() => ({}))
      .then((loaded) => { words = loaded; applyWords(); });
    if (options.name === null) {
      show.refusal = "prompter.bad_name";
      setStatus("refused", `name=${wantedName}`);
    } else {
      connect();
    }
  }

  // Read by the tests and benchmarks/prompter.py: the countdown as this page has it, in seconds.
  window.rhythmPrompter = Object.freeze({ remaining: remainingNow });

  start();
})();
