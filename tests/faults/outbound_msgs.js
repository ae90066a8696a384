// The messages of tests/faults/outbound.sh and the check of what the fake platform accepted
// (Node, no dependencies). Message i (1..N) goes to chat i % CHATS; every line of it starts with
// "Tin nhắn số i (k/L):" so each line of each part can be traced; every 50th message is long
// (60 lines, split by the sender: 2 parts on Telegram, 3 on Zalo). Telegram: every 10th chat is a
// group (negative id, is_group 1, 20 messages/min) and every 20th message carries a callback id
// (answerCallbackQuery before the text).
//   node outbound_msgs.js sql CHANNEL N CHATS              -> SQL inserting the outbox rows (bot answers to one chat)
//   node outbound_msgs.js check CHANNEL N CHATS REPORT.json -> the counts; exit 1 on a violation
// Env for check: SENT, FAILED, PENDING (outbox rows), ELAPSED (s).
'use strict';
const fs = require('fs');

const [mode, channel, nArg, chatsArg, reportFile] = process.argv.slice(2);
const n = Number(nArg), chats = Number(chatsArg);
const telegram = channel === 'telegram';

function chatOf(i) {
  const c = i % chats;
  if (!telegram) return {id: 'chat-' + c, group: false};
  if (c % 10 === 9) return {id: String(-1001700000000 - c), group: true};
  return {id: String(700000000 + c), group: false};
}
const linesOf = (i) => (i % 50 === 25 ? 60 : 1);
function textOf(i) {
  const l = linesOf(i), out = [];
  for (let k = 1; k <= l; k++) {
    out.push(`Tin nhắn số ${i} (${k}/${l}): đề nghị đồng chí báo cáo tiến độ nhiệm vụ chuyển đổi số.`);
  }
  return out.join('\n');
}
const q = (s) => "'" + s.replace(/'/g, "''") + "'";

if (mode === 'sql') {
  const rows = ['BEGIN;'];
  for (let i = 1; i <= n; i++) {
    const c = chatOf(i);
    const cb = telegram && i % 20 === 7 ? 'cb-' + i : '';
    // Answers addressed to one chat, in no commune (0): the sender delivers them as they are.
    rows.push('INSERT INTO outbox(commune, key, recipient, kind, channel, chat_id, is_group, ' +
              `text, callback_id, not_before, created_at) VALUES (0, 'fault-${i}', '', 'confirmation', ` +
              `'${channel}', ${q(c.id)}, ${c.group ? 1 : 0}, ${q(textOf(i))}, ${q(cb)}, ` +
              "'2000-01-01T00:00+07:00', '2000-01-01T00:00+07:00');");
  }
  rows.push('COMMIT;');
  process.stdout.write(rows.join('\n') + '\n');  // no process.exit: it would cut a piped stdout
} else {
  check();
}

function check() {

const r = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
const seen = new Map();  // "i/k" -> times accepted
let wrongChat = 0, foreign = 0, parts = 0;
for (const m of r.accepted_messages) {
  parts++;
  for (const line of m.text.split('\n')) {
    if (line === '') continue;
    const g = line.match(/^Tin nhắn số (\d+) \((\d+)\/(\d+)\):/);
    if (!g) { foreign++; continue; }
    const key = g[1] + '/' + g[2];
    seen.set(key, (seen.get(key) || 0) + 1);
    if (chatOf(Number(g[1])).id !== m.chat_id) wrongChat++;
  }
}
let missing = 0, duplicated = 0, delivered = 0, expectedParts = 0;
for (let i = 1; i <= n; i++) {
  let complete = true;
  for (let k = 1; k <= linesOf(i); k++) {
    const c = seen.get(i + '/' + k) || 0;
    if (c === 0) complete = false;
    if (c > 1) duplicated += c - 1;
  }
  if (complete) delivered++; else missing++;
  expectedParts += linesOf(i) > 1 ? (telegram ? 2 : 3) : 1;
}
const env = process.env;
const groups = telegram ? `, ${r.groups} of them groups` : '';
console.log(`[${channel}] messages ${n} to ${chats} chats${groups}, delivered ${delivered}, ` +
            `missing ${missing}, duplicated ${duplicated}, wrong chat ${wrongChat} ` +
            `(db: sent ${env.SENT}, failed ${env.FAILED}, pending ${env.PENDING}) in ${env.ELAPSED} s`);
console.log(`[${channel}] attempts ${r.attempts}: 5xx x${r.e500}` +
            (telegram ? ` (502 html x${r.e502_html})` : '') +
            `, 429 x${r.e429}, reset x${r.reset}, hang x${r.hang}, refused x${r.bad}, ` +
            `accepted ${r.accepted} parts (expected ${expectedParts}), foreign lines ${foreign}` +
            (telegram ? `; answerCallbackQuery ${r.answer_callback} (repeated ${r.answer_callback_repeated})` : ''));
console.log(`[${channel}] pacing: per-chat violations ${r.pacing_violations}, group 20/min ` +
            `violations ${r.group_minute_violations}, global violations ${r.global_violations} ` +
            `(max ${r.max_per_second}/s), retry_after violations ${r.retry_after_violations}` +
            (telegram ? `; group attempts < 3 s apart ${r.group_spacing_short} (not a violation)` : ''));
if (r.group_spacing_short) {
  for (const v of r.violation_samples.filter((v) => v.what.startsWith('group spacing'))) {
    console.log(`[${channel}]   note: group ${v.chat_id} attempt ${v.t - v.prev} ms after the ` +
                `previous one (${v.chat_previous})`);
  }
}
const bad = missing || duplicated || wrongChat || foreign || r.bad || r.pacing_violations ||
  r.group_minute_violations || r.global_violations || r.retry_after_violations ||
  Number(env.SENT) !== n || parts !== r.accepted;
if (bad) {
  for (const v of r.violation_samples || []) {
    console.log(`[${channel}]   ${v.what}: chat ${v.chat_id} at ${v.t} (${v.outcome}, ` +
                `${v.t - v.prev} ms after ${v.prev}; the chat's previous attempt: ${v.chat_previous}) ` +
                `"${v.text}"`);
  }
  console.log(`[${channel}] outbound: FAILED`);
  process.exitCode = 1;
  return;
}
console.log(`[${channel}] outbound: ok`);
}
