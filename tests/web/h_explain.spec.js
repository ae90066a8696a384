// Explanation requests for a missing report from the overview's report grid (issue 16 §3): a
// leader opens the form on a "Chưa nộp" cell, asks with a note, sees the flash and the request on
// the body's page; a head sees no form, and a forged POST with its own CSRF token gets 403.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { env, launch, newPage, signIn, cliJson, csrfOf } = require('./lib.js');

test('a leader asks a body to explain a missing report; a head may not', async () => {
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await signIn(page, 'chutich');
    await page.goto(`${env.base}/`);
    const ask = page.locator('details.ask-explanation').first();
    assert.ok(await ask.count(), 'a missing report cell carries the explanation form');
    const form = ask.locator('form');
    const body = await form.locator('input[name="body"]').getAttribute('value');
    const cycle = await form.locator('input[name="cycle"]').getAttribute('value');
    const period = await form.locator('input[name="period"]').getAttribute('value');
    await ask.locator('summary').click();
    await form.locator('input[name="reason"]').fill('Đề nghị nêu rõ lý do chưa gửi báo cáo');
    await Promise.all([page.waitForLoadState('load'), form.locator('button[type="submit"]').click()]);
    const flash = await page.textContent('body');
    assert.match(flash, /Đã gửi yêu cầu giải trình GT\d+ đến .+ về việc chưa gửi Báo cáo/);

    const made = cliJson('explain', 'list').find((e) => e.body === body && e.cycle === cycle && e.period === period);
    assert.ok(made, 'the request is stored');
    assert.equal(made.reason, 'Đề nghị nêu rõ lý do chưa gửi báo cáo');
    await page.goto(`${env.base}/co-quan/${body}`);
    const section = page.locator('section.explanations');
    const text = await section.textContent();
    assert.ok(text.includes(made.id), 'the body page lists the request');
    assert.ok(text.includes(made.subject), 'with what it is about');
    assert.ok(text.includes('Chờ trả lời'));

    const head = await newPage(browser);
    await signIn(head, 'head_vhxh');
    await head.goto(`${env.base}/`);
    assert.equal(await head.locator('details.ask-explanation').count(), 0, 'a head sees no form');
    const token = await csrfOf(head);
    assert.ok(token);
    const forged = await head.request.post(`${env.base}/giai-trinh`, {
      headers: { origin: env.base, 'content-type': 'application/x-www-form-urlencoded' },
      data: `csrf=${encodeURIComponent(token)}&body=${body}&cycle=${cycle}&period=${period}`,
    });
    assert.equal(forged.status(), 403);
  } finally {
    await browser.close();
  }
});
