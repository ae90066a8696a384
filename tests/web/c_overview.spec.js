// After a scripted series of chat replies the overview's numbers equal `dondoc status --json`'s
// summary on the same database; approving an extension in the page moves the due date in status.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { env, launch, newPage, signIn, screenshots, cli, cliJson, chat, until } = require('./lib.js');

const KEYS = ['done_on_time', 'done_late', 'in_progress', 'overdue', 'not_started', 'blocked', 'extension_requested'];
const CHAT = 'web-chat-vhxh';

// Links the chat to vh_xh as a department head would: a code from the CLI, "DK CODE" in the chat.
async function linkChat() {
  const { code } = cliJson('link', '--body', 'vh_xh');
  await chat(CHAT, `DK ${code}`);
  await until(() => cli('outbox', '--json').includes(CHAT), 'the chat linked (its answer queued)');
}

function obligation(task, body) {
  return cliJson('status').obligations.find((o) => o.task === task && o.body === body && !o.cycle);
}

// The overview's tile of each bucket (templates/overview.mustache: li.bucket[data-key] .count).
async function overviewCounts(page) {
  const out = {};
  for (const k of KEYS) {
    const tile = page.locator(`.buckets [data-key="${k}"] .count`).first();
    assert.ok(await tile.count(), `overview shows the ${k} count`);
    out[k] = Number((await tile.textContent()).trim());
  }
  return out;
}

test('the overview equals status --json after chat replies', async () => {
  await linkChat();
  const vh = cliJson('status').obligations.filter((o) => o.body === 'vh_xh' && !o.cycle);
  assert.ok(vh.length >= 3, 'vh_xh owes at least three tasks in the demo');
  const [a, b, c] = vh;
  await chat(CHAT, `NV${a.task} xong`);
  await chat(CHAT, `NV${b.task} đang làm 50%`);
  await chat(CHAT, `NV${c.task} vướng: chưa có kinh phí`);
  await until(() => obligation(c.task, 'vh_xh').status === 'blocked', 'the replies handled');
  assert.equal(obligation(a.task, 'vh_xh').status, 'done');

  const summary = cliJson('status').summary;
  assert.ok(summary && summary.tasks, 'status --json has a summary');
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await signIn(page, 'chutich');
    await page.goto(`${env.base}/`);
    const shown = await overviewCounts(page);
    for (const k of KEYS) assert.equal(shown[k], summary.tasks[k], `overview ${k}`);
    assert.ok(shown.blocked >= 1 && shown.done_on_time + shown.done_late >= 1);
    await screenshots(page, 'overview-after-replies');
  } finally {
    await browser.close();
  }
});

test('approving an extension in the page moves the due date in status', async () => {
  // An open task of vh_xh with one dated obligation (not a yearly one, not continuous).
  const all = cliJson('status').obligations.filter((o) => o.body === 'vh_xh' && !o.cycle);
  const once = (o) => all.filter((x) => x.task === o.task).length === 1;
  const t = all.find((o) => o.due && once(o) && o.status === 'not_started');
  assert.ok(t, 'an open dated task of vh_xh');
  const before = t.due;
  await chat(CHAT, `NV${t.task} xin gia hạn đến 30/06/2027`);
  await until(() => obligation(t.task, 'vh_xh').status === 'extension_requested', 'the request handled');
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await signIn(page, 'chutich');
    await page.goto(`${env.base}/nhiem-vu/${encodeURIComponent(t.task)}`);
    await screenshots(page, 'task-extension-requested');
    const approve = page.locator('form[action$="/gia-han"] button[value="approve"]').first();
    assert.ok(await approve.count(), 'an approve button on the task page');
    await Promise.all([page.waitForLoadState('load'), approve.click()]);
    const after = await until(() => { const o = obligation(t.task, 'vh_xh'); return o.due !== before && o; }, 'the due date moved');
    assert.equal(after.due, '2027-06-30');
    assert.notEqual(after.status, 'extension_requested');
  } finally {
    await browser.close();
  }
});
