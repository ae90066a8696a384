// A fault-injecting fake of the Telegram Bot API for tests/faults/outbound.sh (Node, no
// dependencies), with Telegram's own answers: sendMessage gives {"ok":true,"result":{message_id
// (per chat), from, chat{id,type}, date, text}}; 429 {"ok":false,"error_code":429,"description":
// "Too Many Requests: retry after N","parameters":{"retry_after":N}}; 500 Internal Server Error
// as JSON, or half of the time the front proxy's 502 as an HTML page; resets and hangs (see
// fault_common.js). Refused with 400 like Telegram: missing chat_id, empty text, text over 4096
// UTF-16 code units, a malformed inline keyboard or callback_data over 64 bytes. Chat ids below 0
// are groups (20 messages per minute). answerCallbackQuery is counted; a second answer to the same
// query gets Telegram's 400 "query is too old". Listens on 127.0.0.1:PORT (argv[2]), token argv[3].
'use strict';
const {start, reply} = require('./fault_common.js');

const port = Number(process.argv[2] || 0);
const nextId = new Map();  // Telegram numbers messages per chat
const answered = new Set();
const extra = {answer_callback: 0, answer_callback_repeated: 0, e502_html: 0};
const err = (res, code, description) => reply(res, code, {ok: false, error_code: code, description});

function validate(body) {
  if (body.chat_id === undefined || body.chat_id === '') return 'Bad Request: chat_id is empty';
  if (!/^-?[0-9]+$/.test(String(body.chat_id))) return 'Bad Request: chat not found';
  if (typeof body.text !== 'string' || body.text.trim() === '') {
    return 'Bad Request: message text is empty';
  }
  if (body.text.length > 4096) return 'Bad Request: message is too long';  // UTF-16 units
  if (body.reply_markup !== undefined) {
    const kb = body.reply_markup && body.reply_markup.inline_keyboard;
    if (!Array.isArray(kb) || !kb.every((row) => Array.isArray(row) && row.every((b) =>
        b && typeof b.text === 'string' && b.text !== '' && typeof b.callback_data === 'string' &&
        Buffer.byteLength(b.callback_data) >= 1 && Buffer.byteLength(b.callback_data) <= 64))) {
      return "Bad Request: can't parse inline keyboard button";
    }
  }
  return null;
}

start({
  name: 'fault_telegram',
  token: process.argv[3] || '123456789:FAULT-token',
  isGroup: (chat_id) => chat_id.startsWith('-'),
  validate,
  extra,
  answer: {
    ok(res, a) {
      const id = (nextId.get(a.chat_id) || 0) + 1;
      nextId.set(a.chat_id, id);
      const chat = a.group ? {id: Number(a.chat_id), title: 'Tổ công tác', type: 'supergroup'}
                           : {id: Number(a.chat_id), first_name: 'Cán bộ', type: 'private'};
      reply(res, 200, {ok: true, result: {
        message_id: id, from: {id: 123456789, is_bot: true, first_name: 'Đôn đốc',
                               username: 'dondoc_bot'},
        chat, date: Math.floor(a.t / 1000), text: a.text}});
    },
    e500(res) {
      if (Math.random() < 0.5) return err(res, 500, 'Internal Server Error');
      extra.e502_html++;
      reply(res, 502, '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
            '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n' +
            '</body>\r\n</html>\r\n', 'text/html');
    },
    e429: (res, a) => reply(res, 429, {ok: false, error_code: 429,
                                       description: 'Too Many Requests: retry after ' + a.retry_after,
                                       parameters: {retry_after: a.retry_after}}),
    bad: (res, why) => err(res, 400, why),
    unauthorized: (res) => err(res, 401, 'Unauthorized'),
    notFound: (res) => err(res, 404, 'Not Found'),
  },
  methods: {
    getMe: (body, res) => reply(res, 200, {ok: true, result: {
      id: 123456789, is_bot: true, first_name: 'Đôn đốc', username: 'dondoc_bot'}}),
    getUpdates(body, res) {  // nothing ever arrives: an empty result at the end of the long poll
      setTimeout(() => reply(res, 200, {ok: true, result: []}),
                 Math.min(Number(body.timeout || 0), 50) * 1000);
    },
    answerCallbackQuery(body, res) {
      const id = String(body.callback_query_id || '');
      if (!id) return err(res, 400, 'Bad Request: query_id_invalid');
      extra.answer_callback++;
      if (answered.has(id)) {
        extra.answer_callback_repeated++;
        return err(res, 400, 'Bad Request: query is too old and response timeout expired or ' +
                             'query ID is invalid');
      }
      answered.add(id);
      reply(res, 200, {ok: true, result: true});
    },
    setWebhook: (body, res) => reply(res, 200, {ok: true, result: true, description: 'Webhook was set'}),
    deleteWebhook: (body, res) => reply(res, 200, {ok: true, result: true,
                                                   description: 'Webhook was deleted'}),
  },
}, port);
