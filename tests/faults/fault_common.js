// The shared core of the fault-injecting chat-API fakes of tests/faults/outbound.sh
// (fault_zalo.js, fault_telegram.js; Node, no dependencies). A platform file gives its answers
// (shapes of success, 429, 500, ...) and extra methods; this core serves /bot<TOKEN>/<method>,
// decides each sendMessage attempt's fate at random, records every attempt, and answers
//   GET /control/report?pace_ms=1000&group_pace_ms=3000&global=30
// with the counts, every accepted message (chat_id, text, in arrival order) and the pacing checks.
// Outcomes of one sendMessage attempt: e500 (the platform's 5xx), e429 (with retry_after 1-3 s),
// reset (socket destroyed, no answer), hang (no answer ever: the client must time out), bad (the
// platform refuses the request: a sender bug, counted) or accepted. A failed attempt is recorded
// but delivers nothing, so a message accepted twice is a real duplicate of the sender.
// Fault rates: env FAULT_500, FAULT_429, FAULT_RESET, FAULT_HANG (fractions; defaults below).
'use strict';
const http = require('http');

const rates = {
  e500: Number(process.env.FAULT_500 || 0.08),
  e429: Number(process.env.FAULT_429 || 0.05),
  reset: Number(process.env.FAULT_RESET || 0.04),
  hang: Number(process.env.FAULT_HANG || 0.01),
};

function reply(res, status, obj, type) {
  const text = typeof obj === 'string' ? obj : JSON.stringify(obj);
  res.writeHead(status, {'Content-Type': type || 'application/json',
                         'Content-Length': Buffer.byteLength(text)});
  res.end(text);
}

function pickOutcome() {
  let r = Math.random();
  if ((r -= rates.e500) < 0) return 'e500';
  if ((r -= rates.e429) < 0) return 'e429';
  if ((r -= rates.reset) < 0) return 'reset';
  if ((r -= rates.hang) < 0) return 'hang';
  return 'accepted';
}

// Violations of the platform's limits: attempts of one chat closer than pace_ms (5% slack), more
// than `global` attempts in any 950 ms window (the same slack for clock and network jitter;
// max_per_second counts exact 1 s windows), a group with more than 60000/group_pace_ms attempts in
// any 57 s, and attempts for a chat before a 429's retry_after had passed (50 ms slack). Counted
// apart, not a platform limit: group attempts closer than group_pace_ms (the sender's own even
// spacing of the group's 20 per minute).
function report(attempts, counts, extra, q) {
  const paceMs = Number(q.get('pace_ms') || 1000);
  const groupPaceMs = Number(q.get('group_pace_ms') || 3000);
  const global = Number(q.get('global') || 30);
  const lastByChat = new Map();
  const groupTimes = new Map();
  const retryUntil = new Map();
  let pacing = 0, groupSpacing = 0, groupMinute = 0, retryAfter = 0, globalViol = 0, maxPerSecond = 0;
  let lo = 0, lo2 = 0;
  const samples = [];  // the first violations, for the log
  const note = (what, a, prev) => {
    const p = lastByChat.get(a.chat_id);
    if (samples.length < 10) {
      samples.push({what, chat_id: a.chat_id, t: a.t, prev, outcome: a.outcome,
                    text: a.text.slice(0, 40), chat_previous: p && p.outcome + (p.retry_after ?
                      ' retry_after ' + p.retry_after : '')});
    }
  };
  for (let i = 0; i < attempts.length; i++) {
    const a = attempts[i];
    const last = lastByChat.get(a.chat_id);
    if (last !== undefined && a.t - last.t < paceMs * 0.95) { pacing++; note('pace', a, last.t); }
    if (a.group && last !== undefined && a.t - last.t < groupPaceMs * 0.95) {
      groupSpacing++;
      note('group spacing (informational)', a, last.t);
    }
    if (a.group) {
      const ts = groupTimes.get(a.chat_id) || [];
      ts.push(a.t);
      while (ts[0] <= a.t - 60000 * 0.95) ts.shift();
      if (ts.length > Math.round(60000 / groupPaceMs)) { groupMinute++; note('group', a, ts[0]); }
      groupTimes.set(a.chat_id, ts);
    }
    const until = retryUntil.get(a.chat_id);
    if (until !== undefined && a.t < until - 50) { retryAfter++; note('retry_after', a, until); }
    if (a.outcome === 'e429') retryUntil.set(a.chat_id, a.t + a.retry_after * 1000);
    lastByChat.set(a.chat_id, a);
    while (attempts[lo].t <= a.t - 1000) lo++;
    maxPerSecond = Math.max(maxPerSecond, i - lo + 1);
    while (attempts[lo2].t <= a.t - 950) lo2++;
    if (i - lo2 + 1 > global) { globalViol++; note('global', a, attempts[lo2].t); }
  }
  const accepted = attempts.filter((a) => a.outcome === 'accepted')
                       .map((a) => ({chat_id: a.chat_id, text: a.text}));
  return Object.assign({}, counts, extra, {
    groups: new Set(attempts.filter((a) => a.group).map((a) => a.chat_id)).size,
    pacing_violations: pacing, group_spacing_short: groupSpacing,
    group_minute_violations: groupMinute,
    global_violations: globalViol, max_per_second: maxPerSecond,
    retry_after_violations: retryAfter, violation_samples: samples,
    accepted_messages: accepted});
}

// platform: {name, token, isGroup(chat_id), validate(body) -> error text or null,
//   answer: {ok(res, attempt, body), e500(res, attempt), e429(res, attempt), bad(res, why),
//            unauthorized(res), notFound(res)},
//   methods: {name: (body, res, extra) => void} (other bot API methods), extra: {} (counters)}
function start(platform, port) {
  const attempts = [];
  const counts = {attempts: 0, accepted: 0, e500: 0, e429: 0, reset: 0, hang: 0, bad: 0};

  function sendMessage(body, req, res) {
    const chat_id = body.chat_id === undefined ? '' : String(body.chat_id);
    const text = typeof body.text === 'string' ? body.text : '';
    const a = {t: Date.now(), chat_id, group: platform.isGroup(chat_id), text,
               outcome: pickOutcome()};
    if (a.outcome === 'e429') a.retry_after = 1 + Math.floor(Math.random() * 3);
    const why = platform.validate(body);
    if (why && (a.outcome === 'accepted' || a.outcome === 'hang')) a.outcome = 'bad';
    attempts.push(a);
    counts.attempts++;
    counts[a.outcome]++;
    switch (a.outcome) {
      case 'e500': return platform.answer.e500(res, a);
      case 'e429': return platform.answer.e429(res, a);
      case 'reset': return req.socket.destroy();
      case 'hang': return;  // the client must time out
      case 'bad': return platform.answer.bad(res, why);
    }
    platform.answer.ok(res, a, body);
  }

  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => { data += c; if (data.length > 1 << 20) req.destroy(); });
    req.on('end', () => {
      const [path, query] = req.url.split('?');
      if (path === '/control/report') {
        return reply(res, 200, report(attempts, counts, platform.extra || {},
                                      new URLSearchParams(query || '')));
      }
      let body = {};
      try { body = data ? JSON.parse(data) : {}; } catch (e) {
        return platform.answer.bad(res, "can't parse request JSON");
      }
      const m = path.match(/^\/bot([^/]+)\/([A-Za-z]+)$/);
      if (!m || m[1] !== platform.token) return platform.answer.unauthorized(res);
      if (m[2] === 'sendMessage') return sendMessage(body, req, res);
      const method = platform.methods[m[2]];
      if (!method) return platform.answer.notFound(res);
      method(body, res);
    });
  });
  server.listen(port, '127.0.0.1',
                () => console.log(platform.name + ' listening on ' + server.address().port));
  setTimeout(() => process.exit(0), 30 * 60 * 1000).unref();  // never outlives a run
  return server;
}

module.exports = {start, reply};
