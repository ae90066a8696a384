// The chat platform of tests/faults/two_serve.sh (Node, no dependencies): the generic channel's
// outbound endpoint, which receives {"message_id":"outbox:<id>.<part>","chat_id","text",...} and
// answers 200. Each `serve` process of the run is given its own path (outbound_url
// http://127.0.0.1:PORT/<who>/generic, <who> naming the process and its incarnation), so every
// accepted message is recorded with who sent it:
//   <unix ms> <who> <message_id> <chat_id>
// one line each, appended to the file argv[3] as it arrives (the file survives this process).
// Every request is accepted, after DELAY_MS (env, default 30) so that a SIGKILL can fall while a
// message is in flight. GET /control/count answers the number accepted so far. Listens on
// 127.0.0.1:argv[2].
'use strict';
const fs = require('fs');
const http = require('http');

const port = Number(process.argv[2] || 0);
const out = fs.openSync(process.argv[3] || 'two_serve_sent.txt', 'a');
const delayMs = Number(process.env.DELAY_MS || 30);
let accepted = 0;

function reply(res, status, obj) {
  const text = JSON.stringify(obj);
  res.writeHead(status, {'Content-Type': 'application/json',
                         'Content-Length': Buffer.byteLength(text)});
  res.end(text);
}

const server = http.createServer((req, res) => {
  let data = '';
  req.on('data', (c) => { data += c; if (data.length > 1 << 20) req.destroy(); });
  req.on('end', () => {
    if (req.url === '/control/count') return reply(res, 200, {accepted});
    const m = req.url.match(/^\/([A-Za-z0-9_-]+)\/generic$/);
    if (!m || req.method !== 'POST') return reply(res, 404, {ok: false, error: 'not found'});
    let body;
    try { body = JSON.parse(data); } catch (e) { return reply(res, 400, {ok: false}); }
    const id = String(body.message_id || '');
    const chat = String(body.chat_id || '');
    if (!/^outbox:[0-9]+\.[0-9]+$/.test(id) || chat === '' || /\s/.test(chat) ||
        typeof body.text !== 'string' || body.text === '') {
      return reply(res, 400, {ok: false, error: 'bad message'});
    }
    setTimeout(() => {
      // Recorded before the answer leaves: a sender killed after this line still counts as sent.
      fs.writeSync(out, Date.now() + ' ' + m[1] + ' ' + id + ' ' + chat + '\n');
      accepted++;
      reply(res, 200, {ok: true});
    }, delayMs);
  });
});
server.listen(port, '127.0.0.1', () => console.log('two_serve_fake listening on ' + port));
setTimeout(() => process.exit(0), 60 * 60 * 1000).unref();  // never outlives a run
