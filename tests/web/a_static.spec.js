// The static files come from the binary: CSS and htmx served with their types, the fingerprinted
// URLs that pages link are cached for a year, and the stylesheet carries the colour code.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { env, launch, newPage, signIn } = require('./lib.js');

test('static assets are served from the binary', async () => {
  const css = await fetch(`${env.base}/static/dondoc.css`);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /^text\/css/);
  assert.ok(css.headers.get('etag'), 'an ETag');
  const text = await css.text();
  for (const k of ['done_on_time', 'done_late', 'in_progress', 'overdue', 'not_started']) {
    assert.ok(text.includes(`.s-${k}`), `.s-${k} in dondoc.css`);
  }
  const again = await fetch(`${env.base}/static/dondoc.css`, { headers: { 'if-none-match': css.headers.get('etag') } });
  assert.equal(again.status, 304);
  const js = await fetch(`${env.base}/static/htmx.min.js`);
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type'), /javascript/);
  assert.match(await js.text(), /version:"2\.0\.\d+"/);
  assert.equal((await fetch(`${env.base}/static/../CMakeLists.txt`)).status, 404);
  assert.equal((await fetch(`${env.base}/static/nope.css`)).status, 404);
});

test('a signed-in page links fingerprinted, immutable assets and loads no inline script', async () => {
  const browser = await launch();
  try {
    const page = await newPage(browser);
    const cspErrors = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text()); });
    await signIn(page, 'admin1');
    const href = await page.locator('link[rel="stylesheet"]').first().getAttribute('href');
    assert.match(href, /^\/static\/dondoc\.[0-9a-f]{8}\.css$/);
    const res = await fetch(env.base + href);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control'), /max-age=31536000.*immutable/);
    // The stylesheet is applied: a status badge or tile takes its colour from it.
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, 'rgb(246, 247, 249)');
    assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script');
    assert.deepEqual(cspErrors, []);
    // Chromium asks for gzip: the overview (from the page memo, compressed once around the CSRF
    // slots, the layout and the token compressed per answer) and the task list come compressed
    // and render whole.
    for (const path of ['/', '/', '/nhiem-vu']) {
      const answer = await page.goto(env.base + path);
      const headers = await answer.allHeaders();
      assert.equal(headers['content-encoding'], 'gzip', path);
      assert.match(headers['vary'], /Accept-Encoding/);
      assert.match((await answer.body()).toString(), /<\/html>\s*$/, `${path} decoded whole`);
      assert.equal(await page.locator('main').count(), 1);
    }
  } finally {
    await browser.close();
  }
});
