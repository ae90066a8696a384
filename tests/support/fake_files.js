// A fake of the platforms' file downloads for the attachment tests (Node, no dependencies), on
// 127.0.0.1:PORT (argv[2]) with the bot token argv[3]:
//   GET  /bot<TOKEN>/getFile?file_id=ID  Telegram's getFile: {ok, result: {file_id, file_size,
//        file_path}} for a registered file; 400 {ok:false, description} otherwise
//   GET  /file/bot<TOKEN>/<file_path>    the file's bytes (Telegram's file URL)
//   GET  /zalo/<name>                    the file's bytes (a stand-in for Zalo's CDN URL)
//   POST /bot<TOKEN>/sendMessage         accepted (the confirmations dondoc sends)
// Control API:
//   POST /control/file {"id","path","text"?,"size"?,"type"?,"status"?,"delay_ms"?}
//        registers a file (its bytes: text, or `size` bytes of 'x'); status answers the download
//        with that HTTP status instead; delay_ms waits first
//   GET  /control/log -> ["GET /file/...", ...] every request, in order
'use strict';
const http = require('http');

const port = Number(process.argv[2] || 0);
const token = process.argv[3] || 'TESTTOKEN';
const files = {};    // id -> file
const byPath = {};   // path -> file
const log = [];

function reply(res, status, obj) {
  const text = JSON.stringify(obj);
  res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text)});
  res.end(text);
}

function bytesOf(f) {
  return f.text !== undefined ? Buffer.from(f.text, 'utf8') : Buffer.alloc(f.size || 0, 'x');
}

function serveFile(f, res) {
  const send = () => {
    if (f.status) return reply(res, f.status, {ok: false, description: 'refused'});
    const b = bytesOf(f);
    res.writeHead(200, {'Content-Type': f.type || 'application/octet-stream', 'Content-Length': b.length});
    res.end(b);
  };
  if (f.delay_ms) setTimeout(send, f.delay_ms); else send();
}

function handle(req, res, body) {
  const url = new URL(req.url, 'http://127.0.0.1');
  log.push(req.method + ' ' + url.pathname);
  if (url.pathname === '/control/file' && req.method === 'POST') {
    const f = JSON.parse(body);
    files[f.id] = f;
    byPath[f.path] = f;
    return reply(res, 200, {ok: true});
  }
  if (url.pathname === '/control/log') return reply(res, 200, log);
  if (url.pathname === '/bot' + token + '/getFile') {
    const f = files[url.searchParams.get('file_id')];
    if (!f) return reply(res, 400, {ok: false, error_code: 400, description: 'Bad Request: invalid file_id'});
    return reply(res, 200, {ok: true, result: {file_id: f.id, file_unique_id: 'u' + f.id,
                                               file_size: bytesOf(f).length, file_path: f.path}});
  }
  if (url.pathname === '/bot' + token + '/sendMessage') {
    return reply(res, 200, {ok: true, result: {message_id: log.length, date: 0}});
  }
  const prefix = '/file/bot' + token + '/';
  if (url.pathname.startsWith(prefix) && byPath[url.pathname.slice(prefix.length)]) {
    return serveFile(byPath[url.pathname.slice(prefix.length)], res);
  }
  if (url.pathname.startsWith('/zalo/') && byPath[url.pathname]) return serveFile(byPath[url.pathname], res);
  if (url.pathname.startsWith('/bot' + token + '/')) return reply(res, 200, {ok: true, result: {}});
  reply(res, 404, {ok: false, error_code: 404, description: 'Not Found'});
}

http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => handle(req, res, body));
}).listen(port, '127.0.0.1');
