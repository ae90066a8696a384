// Webhook stream for tests/faults/shutdown.sh (Node, no dependencies):
//   node shutdown_stream.js PORT SECRET CLIENTS OUT_DIR
// CLIENTS concurrent loops POST generic-webhook events (a new connection each, ids s<K>-<n>)
// until the server refuses connections (it stopped accepting) or 30 s pass. Every request ends
// one of three ways, written to OUT_DIR: answered (OUT_DIR/answered: "id status"), refused before
// connecting (counted: not in flight), or connected but no status (OUT_DIR/no_status: "id
// error"). Prints one JSON line of counts at the end.
'use strict';
const http = require('http');
const fs = require('fs');

const [port, secret, clients, outDir] = [Number(process.argv[2]), process.argv[3],
                                         Number(process.argv[4]), process.argv[5]];
const counts = {answered: 0, by_status: {}, refused: 0, no_status: 0};
const answered = [];
const noStatus = [];
const started = Date.now();

function post(id) {
  return new Promise((resolve) => {
    const body = JSON.stringify({event_id: id, chat_id: 'stop-' + id.split('-')[0],
                                 from_name: 'Nguyễn Văn Dừng', text: 'NV2 đang làm 50%'});
    let connected = false;
    const req = http.request({host: '127.0.0.1', port, method: 'POST', path: '/webhook/generic',
                              agent: false, headers: {'Content-Type': 'application/json',
                                                      'X-Dondoc-Secret': secret,
                                                      'Content-Length': Buffer.byteLength(body)}});
    req.on('socket', (s) => s.on('connect', () => { connected = true; }));
    req.setTimeout(20000, () => req.destroy(new Error('timeout')));
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({status: res.statusCode}));
      res.on('error', (e) => resolve({error: e.code || e.message, connected: true}));
    });
    req.on('error', (e) => resolve({error: e.code || e.message, connected}));
    req.end(body);
  });
}

async function client(k) {
  for (let n = 0; Date.now() - started < 30000; n++) {
    const id = `s${k}-${n}`;
    const r = await post(id);
    if (r.status !== undefined) {
      counts.answered++;
      counts.by_status[r.status] = (counts.by_status[r.status] || 0) + 1;
      answered.push(`${id} ${r.status}`);
    } else if (!r.connected && r.error === 'ECONNREFUSED') {
      counts.refused++;
      return;  // the server stopped accepting: this client is done
    } else {
      counts.no_status++;
      noStatus.push(`${id} ${r.error}`);
      if (!r.connected) return;
    }
  }
}

Promise.all(Array.from({length: clients}, (_, k) => client(k))).then(() => {
  fs.writeFileSync(outDir + '/answered', answered.join('\n') + (answered.length ? '\n' : ''));
  fs.writeFileSync(outDir + '/no_status', noStatus.join('\n') + (noStatus.length ? '\n' : ''));
  console.log(JSON.stringify(counts));
});
