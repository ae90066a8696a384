// A fake Zalo Bot Platform API for the end-to-end tests (Node, no dependencies). Listens on
// 127.0.0.1:PORT (argv[2]) and serves /bot<TOKEN>/<method>: getMe, getUpdates (long poll, no
// offset: each event is handed out once), setWebhook, deleteWebhook, getWebhookInfo, sendMessage.
// Control API for tests:
//   POST /control/inject  {"chat_id","text","display_name"?,"message_id"?,"chat_type"?}
//   POST /control/fail    {"mode":"429"|"500"|"hang","count":N,"retry_after"?}  next N sendMessage
//   GET  /control/sent    -> [{"chat_id","text","message_id"}] delivered messages, in order
'use strict';
const http = require('http');

const port = Number(process.argv[2] || 0);
const token = process.argv[3] || 'TESTTOKEN';
const queue = [];        // events waiting for getUpdates
const waiters = [];      // pending long polls
const sent = [];
let failures = [];       // [{mode, retry_after}]
let webhook = {url: '', secret_token: ''};
let nextId = 1;

function reply(res, status, obj) {
  const text = JSON.stringify(obj);
  res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text)});
  res.end(text);
}

function deliver() {
  while (queue.length && waiters.length) {
    const w = waiters.shift();
    clearTimeout(w.timer);
    reply(w.res, 200, {ok: true, result: queue.shift()});
  }
}

function handleApi(method, body, res) {
  switch (method) {
    case 'getMe':
      return reply(res, 200, {ok: true, result: {id: 'bot1', account_name: 'dondoc', display_name: 'Đôn đốc'}});
    case 'getUpdates': {
      if (webhook.url) return reply(res, 409, {ok: false, error_code: 409, description: 'webhook is set'});
      const timeout = Math.min(Number(body.timeout || 0), 50) * 1000;
      const w = {res, timer: setTimeout(() => {
        const i = waiters.indexOf(w);
        if (i >= 0) waiters.splice(i, 1);
        reply(res, 200, {ok: false, error_code: 408, description: 'Request timeout'});
      }, timeout)};
      waiters.push(w);
      return deliver();
    }
    case 'setWebhook':
      if (!body.url || !body.secret_token || body.secret_token.length < 8 || body.secret_token.length > 256) {
        return reply(res, 400, {ok: false, error_code: 400, description: 'bad url or secret_token'});
      }
      webhook = {url: body.url, secret_token: body.secret_token};
      return reply(res, 200, {ok: true, result: {url: body.url}});
    case 'deleteWebhook':
      webhook = {url: '', secret_token: ''};
      return reply(res, 200, {ok: true, result: {}});
    case 'getWebhookInfo':
      return reply(res, 200, {ok: true, result: {url: webhook.url}});
    case 'sendMessage': {
      const f = failures.shift();
      if (f && f.mode === 'hang') return;  // never answers
      if (f && f.mode === '429') {
        return reply(res, 429, {ok: false, error_code: 429, description: 'Too Many Requests',
                                parameters: {retry_after: f.retry_after || 1}});
      }
      if (f && f.mode === '500') return reply(res, 500, {ok: false, error_code: 500, description: 'Internal'});
      if (typeof body.text !== 'string' || body.text.length < 1 || [...body.text].length > 2000 || !body.chat_id) {
        return reply(res, 400, {ok: false, error_code: 400, description: 'bad chat_id or text'});
      }
      const message_id = 'z' + (nextId++);
      sent.push({chat_id: String(body.chat_id), text: body.text, message_id, at: Date.now()});
      return reply(res, 200, {ok: true, result: {message_id, date: Date.now()}});
    }
    default:
      return reply(res, 404, {ok: false, error_code: 404, description: 'unknown method'});
  }
}

function handleControl(path, body, res) {
  if (path === '/control/inject') {
    const message_id = body.message_id || ('m' + (nextId++));
    queue.push({event_name: 'message.text.received', message: {
      message_id, from: {id: 'u-' + body.chat_id, display_name: body.display_name || 'Người dùng'},
      chat: {id: String(body.chat_id), chat_type: body.chat_type || 'PRIVATE'},
      date: Date.now(), text: body.text}});
    deliver();
    return reply(res, 200, {ok: true, message_id});
  }
  if (path === '/control/fail') {
    for (let i = 0; i < (body.count || 1); i++) failures.push({mode: String(body.mode), retry_after: body.retry_after});
    return reply(res, 200, {ok: true});
  }
  if (path === '/control/sent') return reply(res, 200, sent);
  return reply(res, 404, {ok: false});
}

const server = http.createServer((req, res) => {
  let data = '';
  req.on('data', (c) => { data += c; if (data.length > 1 << 20) req.destroy(); });
  req.on('end', () => {
    let body = {};
    try { body = data ? JSON.parse(data) : {}; } catch (e) {
      return reply(res, 400, {ok: false, error_code: 400, description: 'malformed JSON'});
    }
    const url = req.url.split('?')[0];
    if (url.startsWith('/control/')) return handleControl(url, body, res);
    const m = url.match(/^\/bot([^/]+)\/([A-Za-z]+)$/);
    if (!m || m[1] !== token) return reply(res, 401, {ok: false, error_code: 401, description: 'Unauthorized'});
    handleApi(m[2], body, res);
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log('fake_zalo listening on ' + server.address().port);
});
setTimeout(() => process.exit(0), 15 * 60 * 1000).unref();  // never outlives a test run
