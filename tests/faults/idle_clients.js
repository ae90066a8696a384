// Idle clients for tests/faults/fds.sh (Node, no dependencies):
//   node idle_clients.js PORT N MODE SECONDS
// opens N connections to 127.0.0.1:PORT (all at once) and holds them for SECONDS, then closes
// them and prints one JSON line: how many connected, how many the server closed (EOF or reset)
// and with which answer (a 503 is counted by status), how many were still open at the end.
// MODE idle: sends nothing. MODE partial: sends an unfinished request ("GET /healthz HTTP/1.1"
// and one header, no blank line), so the server cannot call the connection idle.
'use strict';
const net = require('net');

const [port, n, mode, seconds] = [Number(process.argv[2]), Number(process.argv[3]),
                                  process.argv[4] || 'idle', Number(process.argv[5] || 5)];
const sockets = [];
const out = {connected: 0, refused: 0, closed_by_server: 0, answers: {}, open_at_end: 0};
let ending = false;

for (let i = 0; i < n; i++) {
  const s = net.connect({port, host: '127.0.0.1'});
  let data = '';
  s.on('connect', () => {
    out.connected++;
    if (mode === 'partial') s.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  });
  s.on('data', (d) => { data += d.toString(); });
  s.on('error', (e) => { if (e.code === 'ECONNREFUSED') out.refused++; });
  s.on('close', () => {
    if (ending) return;
    out.closed_by_server++;
    const m = /^HTTP\/1\.1 (\d{3})/.exec(data);
    const key = m ? m[1] : 'none';
    out.answers[key] = (out.answers[key] || 0) + 1;
  });
  sockets.push(s);
}

setTimeout(() => {
  ending = true;
  for (const s of sockets) {
    if (!s.destroyed) out.open_at_end++;
    s.destroy();
  }
  console.log(JSON.stringify(out));
}, seconds * 1000);
