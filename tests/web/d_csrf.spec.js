// Every POST needs the session's CSRF token: without it (or with a wrong one) it is refused with 403
// and changes nothing; with it, accepted.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { env, launch, newPage, signIn, csrfOf } = require('./lib.js');

test('a POST without the CSRF token is refused', async () => {
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await signIn(page, 'vanphong');
    const headers = { origin: env.base, 'content-type': 'application/x-www-form-urlencoded' };
    const none = await page.request.post(`${env.base}/dang-xuat`, { headers, data: '' });
    assert.equal(none.status(), 403);
    const wrong = await page.request.post(`${env.base}/dang-xuat`, { headers, data: 'csrf=AAAAAAAAAAAAAAAA' });
    assert.equal(wrong.status(), 403);
    // Still signed in: the refused sign-out did nothing.
    const res = await page.goto(`${env.base}/`);
    assert.equal(res.status(), 200);
    assert.ok(!page.url().includes('/dang-nhap'));
    const token = await csrfOf(page);
    assert.ok(token, 'the page carries a CSRF token');
    const foreign = await page.request.post(`${env.base}/dang-xuat`, {
      headers: { ...headers, origin: 'http://evil.example' }, data: `csrf=${encodeURIComponent(token)}`,
    });
    assert.equal(foreign.status(), 403, 'a foreign Origin is refused even with the token');
  } finally {
    await browser.close();
  }
});
