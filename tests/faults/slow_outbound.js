// A slow generic outbound endpoint for tests/faults/shutdown.sh (Node, no dependencies):
//   node slow_outbound.js PORT DELAY_MS
// Answers every POST with 200 after DELAY_MS (so a send is in flight when serve is stopped) and
// records its message_id when it answers; GET /report answers {"received": [message_id, ...]}
// (each delivery, in order, so a message delivered twice appears twice).
'use strict';
const http = require('http');

const [port, delayMs] = [Number(process.argv[2]), Number(process.argv[3])];
const received = [];

http.createServer((req, res) => {
  let body = '';
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    if (req.method === 'GET') {
      res.writeHead(200, {'Content-Type': 'application/json'});
      return res.end(JSON.stringify({received}));
    }
    setTimeout(() => {
      try { received.push(JSON.parse(body).message_id); } catch (e) { received.push('bad'); }
      res.writeHead(200, {'Content-Type': 'application/json'});
      res.end('{"ok":true}');
    }, delayMs);
  });
}).listen(port, '127.0.0.1');
