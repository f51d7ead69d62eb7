// Bytes over the wire per page, the way headless Chromium receives them (CDP Network events).
//
//   node scripts/bench/bytes.mjs <base-url> <out.json> [--repeat=name] [--cookie=name=value@/path] name=/path ...
//
// Each page is loaded in a fresh browser context (empty HTTP cache), with
// Accept-Encoding as Chromium sends it (gzip, deflate, br, zstd) and waits for
// `networkidle` so the islands' JS + wasm have been fetched. For every response we keep
// CDP's `Network.loadingFinished.encodedDataLength` (bytes received: headers + body, as
// compressed on the wire) and the body part alone (encodedDataLength minus header bytes as
// reported by Chromium in `Network.responseReceivedExtraInfo`), classified as
// html / css / js / wasm / other.
// The page named by --repeat=<name> is then loaded a second time in the same context
// (warm cache: what a repeat visit costs). Every page is also loaded once with JavaScript
// disabled (fresh context): what a browser without JS downloads.
// --cookie puts a cookie (for the path given) in every context first: the apply pages render
// the draft named by their session cookie (scripts/bench/apply.sh).
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';

const [base, out, ...rest] = process.argv.slice(2);
let repeat = null;
const pages = [];
const cookies = [];
for (const arg of rest) {
  if (arg.startsWith('--repeat=')) repeat = arg.slice('--repeat='.length);
  else if (arg.startsWith('--cookie=')) {
    const [pair, path] = arg.slice('--cookie='.length).split('@');
    const i = pair.indexOf('=');
    cookies.push({ name: pair.slice(0, i), value: pair.slice(i + 1), domain: new URL(base).hostname, path: path || '/' });
  } else {
    const i = arg.indexOf('=');
    pages.push({ name: arg.slice(0, i), path: arg.slice(i + 1) });
  }
}
if (!base || !out || pages.length === 0) {
  console.error('usage: bytes.mjs <base-url> <out.json> [--repeat=name] name=/path ...');
  process.exit(2);
}

function kind(r) {
  const url = r.url.split('?')[0];
  const mime = (r.mimeType || '').toLowerCase();
  if (r.type === 'Document') return 'html';
  if (mime === 'application/wasm' || url.endsWith('.wasm')) return 'wasm';
  if (r.type === 'Stylesheet' || mime === 'text/css') return 'css';
  if (r.type === 'Script' || mime.includes('javascript')) return 'js';
  return 'other';
}

async function load(context, url) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const reqs = new Map();
  const get = (id) => { if (!reqs.has(id)) reqs.set(id, { id }); return reqs.get(id); };
  cdp.on('Network.requestWillBeSent', (e) => {
    const r = get(e.requestId); r.url = e.request.url; r.type = e.type;
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = get(e.requestId);
    r.url = e.response.url; r.type = e.type; r.status = e.response.status;
    r.mimeType = e.response.mimeType;
    r.encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1] ?? '';
    r.fromCache = !!(e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker);
  });
  cdp.on('Network.responseReceivedExtraInfo', (e) => {
    const r = get(e.requestId);
    r.headerBytes = (e.headersText ?? '').length
      || Object.entries(e.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0) + 20;
  });
  cdp.on('Network.requestServedFromCache', (e) => { get(e.requestId).fromCache = true; });
  cdp.on('Network.loadingFinished', (e) => { get(e.requestId).wire = e.encodedDataLength; });
  cdp.on('Network.loadingFailed', (e) => { get(e.requestId).failed = e.errorText; });
  const resp = await page.goto(url, { waitUntil: 'networkidle', timeout: 60000 });
  // The islands hydrate in requestIdleCallback; give a late wasm fetch a chance to start.
  await page.waitForTimeout(500);
  await page.waitForLoadState('networkidle');
  // Whether the islands' bundle ran (it defines window.__hydrateIsland), for the record.
  const hydrated = await page.evaluate(() => typeof window.__hydrateIsland === 'function').catch(() => false);
  // How many islands the page has (the only reason to download the JS + wasm).
  const islands = await page.locator('leptos-island').count().catch(() => null);
  const status = resp ? resp.status() : 0;
  await cdp.detach();
  await page.close();
  const requests = [...reqs.values()].filter((r) => r.url && !r.url.startsWith('data:'));
  const totals = { html: 0, css: 0, js: 0, wasm: 0, other: 0 };
  const bodies = { html: 0, css: 0, js: 0, wasm: 0, other: 0 };
  for (const r of requests) {
    r.kind = kind(r);
    r.wire = r.wire ?? 0;
    r.body = Math.max(0, r.wire - (r.headerBytes ?? 0));
    totals[r.kind] += r.wire;
    bodies[r.kind] += r.body;
  }
  const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);
  return {
    url, status, hydrated, islands, wire: { ...totals, total: sum(totals) }, body: { ...bodies, total: sum(bodies) },
    requests: requests.map(({ url, kind, status, encoding, wire, body, fromCache, failed }) =>
      ({ url: url.replace(base, ''), kind, status, encoding, wire, body, fromCache, failed })),
  };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const result = { first: {}, repeat: {}, nojs: {} };
try {
  for (const { name, path } of pages) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    if (cookies.length) await context.addCookies(cookies);
    result.first[name] = await load(context, base + path);
    if (name === repeat) result.repeat[name] = await load(context, base + path);
    await context.close();
    const nojs = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
    if (cookies.length) await nojs.addCookies(cookies);
    result.nojs[name] = await load(nojs, base + path);
    await nojs.close();
  }
} finally {
  await browser.close();
}
writeFileSync(out, JSON.stringify(result, null, 2));
for (const [label, set] of [['first', result.first], ['repeat', result.repeat], ['no-js', result.nojs]]) {
  for (const [name, r] of Object.entries(set)) {
    const w = r.wire;
    console.error(`bytes ${label.padEnd(6)} ${name.padEnd(10)} status ${r.status}  html ${w.html} css ${w.css} js ${w.js} wasm ${w.wasm} other ${w.other} = ${w.total} B (${r.requests.length} requests)`);
  }
}
