// A fault-injecting fake of the Zalo Bot API for tests/faults/outbound.sh (Node, no dependencies):
// sendMessage answers at random 500, 429 with parameters.retry_after, a reset, a hang or 200
// {"ok":true,"result":{"message_id","date"}} (see fault_common.js for the faults and the report).
// Zalo chats are all private here. Listens on 127.0.0.1:PORT (argv[2]), token argv[3].
'use strict';
const {start, reply} = require('./fault_common.js');

const port = Number(process.argv[2] || 0);
let nextId = 1;

start({
  name: 'fault_zalo',
  token: process.argv[3] || 'FAULTTOKEN',
  isGroup: () => false,
  validate(body) {
    const text = typeof body.text === 'string' ? body.text : '';
    if (!body.chat_id || text.length < 1 || [...text].length > 2000) return 'bad chat_id or text';
    return null;
  },
  answer: {
    ok: (res) => reply(res, 200, {ok: true, result: {message_id: 'z' + (nextId++), date: Date.now()}}),
    e500: (res) => reply(res, 500, {ok: false, error_code: 500, description: 'Internal'}),
    e429: (res, a) => reply(res, 429, {ok: false, error_code: 429, description: 'Too Many Requests',
                                       parameters: {retry_after: a.retry_after}}),
    bad: (res, why) => reply(res, 400, {ok: false, error_code: 400, description: why}),
    unauthorized: (res) => reply(res, 401, {ok: false, error_code: 401, description: 'Unauthorized'}),
    notFound: (res) => reply(res, 404, {ok: false, error_code: 404, description: 'Not Found'}),
  },
  methods: {
    getMe: (body, res) => reply(res, 200, {ok: true, result: {id: 'bot1', display_name: 'Đôn đốc'}}),
    getUpdates(body, res) {  // nothing ever arrives: answer at the end of the long poll
      setTimeout(() => reply(res, 200, {ok: false, error_code: 408, description: 'Request timeout'}),
                 Math.min(Number(body.timeout || 1), 30) * 1000);
    },
    setWebhook: (body, res) => reply(res, 200, {ok: true, result: {}}),
    deleteWebhook: (body, res) => reply(res, 200, {ok: true, result: {}}),
  },
}, port);
