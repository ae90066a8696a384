// Explanation requests for a missing report from the overview's report grid (issue 16 §3): a
// leader clicks "Yêu cầu giải trình" in a "Chưa nộp" cell, which fetches the form into the cell
// (htmx, GET /giai-trinh), asks with a note, sees the flash and the request on the body's page;
// without JavaScript the same link opens the form as a page; a head sees no link, may not open the
// form, and a forged POST with its own CSRF token gets 403.
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
    assert.equal(await page.locator('section.reports form').count(), 0, 'the grid carries no form');
    const link = page.locator('a.ask-explanation').first();
    assert.ok(await link.count(), 'a missing report cell links to the explanation form');
    const href = await link.getAttribute('href');
    const params = new URL(href, env.base).searchParams;
    const [body, cycle, period] = ['body', 'cycle', 'period'].map((k) => params.get(k));
    assert.ok(body && cycle && period, `the link names the cell: ${href}`);
    await link.click();
    const ask = page.locator('td.report-missing > details.ask-explanation[open]');
    await ask.waitFor();
    assert.equal(await ask.count(), 1, 'one form, in the cell clicked');
    const same = page.locator(`a.ask-explanation[href="${href}"]`);
    assert.equal(await same.count(), 0, 'the form took the link\'s place');
    const form = ask.locator('form');
    assert.equal(await form.locator('input[name="body"]').getAttribute('value'), body);
    assert.equal(await form.locator('input[name="cycle"]').getAttribute('value'), cycle);
    assert.equal(await form.locator('input[name="period"]').getAttribute('value'), period);
    // The session's token, masked afresh by each answer (BREACH): as long as the page's, and
    // accepted by the POST below.
    const masked = await form.locator('input[name="csrf"]').getAttribute('value');
    assert.match(masked, /^[0-9a-f]{128}$/);
    assert.notEqual(masked, await csrfOf(page));
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

    // Without JavaScript the link is a page with the same form.
    const plain = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN' });
    const noJs = await plain.newPage();
    await signIn(noJs, 'chutich');
    await noJs.goto(`${env.base}${href}`);
    const pageForm = noJs.locator('main details.ask-explanation form');
    assert.equal(await pageForm.locator('input[name="period"]').getAttribute('value'), period);
    assert.match(await noJs.title(), /Yêu cầu giải trình/);
    await plain.close();

    const head = await newPage(browser);
    await signIn(head, 'head_vhxh');
    await head.goto(`${env.base}/`);
    assert.equal(await head.locator('.ask-explanation').count(), 0, 'a head sees no link nor form');
    const opened = await head.request.get(`${env.base}${href}`);
    assert.equal(opened.status(), 403);
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
