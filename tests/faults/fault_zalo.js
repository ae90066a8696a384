// A fault-injecting fake of the Zalo Bot API's sendMessage for tests/faults/outbound.sh (Node, no
// dependencies). Listens on 127.0.0.1:PORT (argv[2]), token argv[3]. Each sendMessage attempt is,
// at random: answered 500, answered 429 with parameters.retry_after, reset (socket destroyed, no
// answer), left hanging (no answer ever), or accepted (200, recorded). Nothing is recorded for a
// failed attempt, so a message accepted twice is a real duplicate of the sender.
//   GET /control/report?pace_ms=1000&global=30 -> counts and pacing / retry_after violations
// Fault rates: env FAULT_500, FAULT_429, FAULT_RESET, FAULT_HANG (fractions; defaults below).
'use strict';
const http = require('http');

const port = Number(process.argv[2] || 0);
const token = process.argv[3] || 'FAULTTOKEN';
const rate = {
  e500: Number(process.env.FAULT_500 || 0.08),
  e429: Number(process.env.FAULT_429 || 0.05),
  reset: Number(process.env.FAULT_RESET || 0.04),
  hang: Number(process.env.FAULT_HANG || 0.01),
};
const attempts = [];  // {t, chat_id, text, outcome, retry_after?}
const counts = {attempts: 0, accepted: 0, e500: 0, e429: 0, reset: 0, hang: 0};
let nextId = 1;

function reply(res, status, obj) {
  res.writeHead(status, {'Content-Type': 'application/json'});
  res.end(JSON.stringify(obj));
}

function sendMessage(body, req, res) {
  const chat_id = String(body.chat_id || '');
  const text = String(body.text || '');
  const a = {t: Date.now(), chat_id, text, outcome: 'accepted'};
  attempts.push(a);
  counts.attempts++;
  let r = Math.random();
  if ((r -= rate.e500) < 0) {
    a.outcome = 'e500';
  } else if ((r -= rate.e429) < 0) {
    a.outcome = 'e429';
    a.retry_after = 1 + Math.floor(Math.random() * 3);
  } else if ((r -= rate.reset) < 0) {
    a.outcome = 'reset';
  } else if ((r -= rate.hang) < 0) {
    a.outcome = 'hang';
  }
  counts[a.outcome]++;
  switch (a.outcome) {
    case 'e500': return reply(res, 500, {ok: false, error_code: 500, description: 'Internal'});
    case 'e429':
      return reply(res, 429, {ok: false, error_code: 429, description: 'Too Many Requests',
                              parameters: {retry_after: a.retry_after}});
    case 'reset': return req.socket.destroy();
    case 'hang': return;  // the client must time out
  }
  if (text.length < 1 || [...text].length > 2000 || !chat_id) {
    a.outcome = 'bad';
    return reply(res, 400, {ok: false, error_code: 400, description: 'bad chat_id or text'});
  }
  reply(res, 200, {ok: true, result: {message_id: 'z' + (nextId++), date: Date.now()}});
}

// Duplicates, per-chat pacing (attempts of one chat closer than pace_ms, 5% slack), global pace
// (more than `global` attempts in any 950 ms window; max_per_second counts exact 1 s windows),
// and attempts for a chat before a 429's retry_after had passed.
function report(paceMs, global) {
  const acceptedTexts = new Map();
  const lastByChat = new Map();
  const retryUntil = new Map();
  let pacing = 0, retryAfter = 0, globalViol = 0, maxPerSecond = 0;
  let lo = 0, lo2 = 0;
  for (let i = 0; i < attempts.length; i++) {
    const a = attempts[i];
    if (a.outcome === 'accepted') acceptedTexts.set(a.text, (acceptedTexts.get(a.text) || 0) + 1);
    const last = lastByChat.get(a.chat_id);
    if (last !== undefined && a.t - last < paceMs * 0.95) pacing++;
    lastByChat.set(a.chat_id, a.t);
    const until = retryUntil.get(a.chat_id);
    if (until !== undefined && a.t < until - 50) retryAfter++;
    if (a.outcome === 'e429') retryUntil.set(a.chat_id, a.t + a.retry_after * 1000);
    while (attempts[lo].t <= a.t - 1000) lo++;
    maxPerSecond = Math.max(maxPerSecond, i - lo + 1);
    // The same 5% slack for clock and network jitter: more than `global` within 950 ms.
    while (attempts[lo2].t <= a.t - 950) lo2++;
    if (i - lo2 + 1 > global) globalViol++;
  }
  let duplicated = 0;
  for (const n of acceptedTexts.values()) if (n > 1) duplicated += n - 1;
  return Object.assign({}, counts, {distinct_accepted: acceptedTexts.size, duplicated,
    pacing_violations: pacing, global_violations: globalViol, max_per_second: maxPerSecond,
    retry_after_violations: retryAfter, accepted_texts: [...acceptedTexts.keys()]});
}

const server = http.createServer((req, res) => {
  let data = '';
  req.on('data', (c) => { data += c; if (data.length > 1 << 20) req.destroy(); });
  req.on('end', () => {
    const [path, query] = req.url.split('?');
    if (path === '/control/report') {
      const q = new URLSearchParams(query || '');
      return reply(res, 200, report(Number(q.get('pace_ms') || 1000), Number(q.get('global') || 30)));
    }
    let body = {};
    try { body = data ? JSON.parse(data) : {}; } catch (e) {
      return reply(res, 400, {ok: false, error_code: 400, description: 'malformed JSON'});
    }
    const m = path.match(/^\/bot([^/]+)\/([A-Za-z]+)$/);
    if (!m || m[1] !== token) return reply(res, 401, {ok: false, error_code: 401, description: 'Unauthorized'});
    if (m[2] === 'sendMessage') return sendMessage(body, req, res);
    if (m[2] === 'getMe') return reply(res, 200, {ok: true, result: {id: 'bot1', display_name: 'Đôn đốc'}});
    if (m[2] === 'getUpdates') {  // nothing ever arrives: answer at the end of the long poll
      return setTimeout(() => reply(res, 200, {ok: false, error_code: 408, description: 'Request timeout'}),
                        Math.min(Number(body.timeout || 1), 30) * 1000);
    }
    reply(res, 200, {ok: true, result: {}});
  });
});
server.listen(port, '127.0.0.1', () => console.log('fault_zalo listening on ' + server.address().port));
setTimeout(() => process.exit(0), 30 * 60 * 1000).unref();  // never outlives a run
