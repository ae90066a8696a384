// Starts telegram-test-api (the npm fake Telegram Bot API, pinned in package-lock.json) on
// 127.0.0.1:PORT (argv[2]) for the end-to-end tests, and records every bot API call except
// getUpdates so a test can see what the bot sent (telegram-test-api keeps no trace of
// answerCallbackQuery). Besides the package's own routes (/bot<TOKEN>/<method> for the bot,
// /sendMessage, /sendCallback, /getUpdates, /getUpdatesHistory for the client), it serves:
//   GET /control/calls -> [{"method","token","body","at"}] bot API calls in arrival order
'use strict';
const TelegramServer = require('telegram-test-api');

const port = Number(process.argv[2] || 0);
const server = new TelegramServer({port, host: '127.0.0.1', storeTimeout: 3600});
const calls = [];

const app = server.webServer;
function wrapped(req, res, next) {
  if (req.method === 'GET' && req.url === '/control/calls') {
    const text = JSON.stringify(calls);
    res.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text)});
    return res.end(text);
  }
  const m = req.url.split('?')[0].match(/^\/bot([^/]+)\/([A-Za-z]+)$/);
  if (m && m[2] !== 'getUpdates') {
    // express.json() has parsed the body by the time the answer is written.
    res.on('finish', () => calls.push({method: m[2], token: m[1], body: req.body, at: Date.now()}));
  }
  return app(req, res, next);
}
wrapped.settings = app.settings;
server.webServer = wrapped;

server.start().then(() => {
  console.log('telegram-test-api listening on ' + port);
}, (err) => {
  console.error('telegram-test-api: ' + err);
  process.exit(1);
});
setTimeout(() => process.exit(0), 15 * 60 * 1000).unref();  // never outlives a test run
