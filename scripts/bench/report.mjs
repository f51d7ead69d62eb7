// Turns the artefacts of one scripts/bench.sh run into the results table (stdout) and
// bench/RESULTS.md.
//
//   node scripts/bench/report.mjs <artefact-dir> <results.md | ->
//
// Whatever sits between `<!-- notes:begin -->` and `<!-- notes:end -->` in the existing results
// file (profiles, causes, before/after) is carried over to the new one.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { applyDetails, applyRows, applyRunLabel } from './report-apply.mjs';
import { trackDetails, trackRows, trackRunLabel } from './report-track.mjs';

const [art, out] = process.argv.slice(2);
if (!art || !out) {
  console.error('usage: report.mjs <artefact-dir> <results.md | ->');
  process.exit(2);
}

// ---------------------------------------------------------------- inputs
const read = (f) => (existsSync(join(art, f)) ? readFileSync(join(art, f), 'utf8') : null);
const json = (f) => { const s = read(f); return s ? JSON.parse(s) : null; };
const jsonl = (f) => (read(f) ?? '').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const tsv = (f) => (read(f) ?? '').split('\n').filter((l) => l.trim()).map((l) => l.split('\t'));

const metaRows = tsv('meta.tsv');
const meta = Object.fromEntries(metaRows);
const warnings = metaRows.filter(([k]) => k === 'warning').map(([, v]) => v);
const load = tsv('load.tsv');
const build = tsv('build.tsv');
const status = Object.fromEntries(tsv('status.tsv'));
const bytes = json('bytes.json');
const wrk = Object.fromEntries(jsonl('wrk.jsonl').map((r) => [r.label, r]));
const memory = json('memory.json');
const criterion = jsonl('criterion.jsonl');
const latency = jsonl('search-latency.jsonl');
const transport = Object.fromEntries(jsonl('transport.jsonl').map((r) => [r.mode, r]));
const PAGES = ['home', 'results', 'procedure', 'apply', 'track'];
const PATHS = {
  home: '/', results: '/procedures?q=khai%20sinh', procedure: '/procedures/1.001193',
  apply: '/apply/1.001193', track: '/track',
};
const lighthouse = Object.fromEntries(PAGES.map((p) => [p, json(`lighthouse-${p}.json`)]).filter(([, v]) => v));

// ---------------------------------------------------------------- formatting
const KB = (b) => (b / 1000).toFixed(1);
const n0 = (x) => Math.round(x).toLocaleString('en-US');
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const us = (ns) => (ns / 1000).toFixed(1);
const ok = (pass) => (pass === null || pass === undefined ? '—' : pass === 'warn' ? '⚠️' : pass ? '✅' : '❌');
const notBuilt = (page) => status[page] && status[page] !== '200';
const pageLabel = (page) => `${page} \`${PATHS[page]}\`${notBuilt(page) ? ` (HTTP ${status[page]}: not built yet)` : ''}`;

// ---------------------------------------------------------------- the one table
const rows = []; // [section, measure, result, budget, verdict]
const row = (section, measure, result, budget = '—', pass = null) => rows.push([section, measure, result, budget, ok(pass)]);

if (bytes) {
  for (const page of PAGES) {
    const r = bytes.first[page];
    if (!r) continue;
    const w = r.wire;
    const unused = r.islands === 0 && w.js + w.wasm > 0 ? ` — page has no island: the ${KB(w.js + w.wasm)} KB of JS + WASM are unused` : '';
    const split = `HTML ${KB(w.html)} · CSS ${KB(w.css)} · JS ${KB(w.js)} · WASM ${KB(w.wasm)} · other ${KB(w.other)} = **${KB(w.total)} KB**${unused}`;
    if (page === 'results') {
      row('1 bytes, first visit', `${pageLabel(page)}: render-critical (HTML + CSS)`, `${KB(w.html + w.css)} KB`, '≤ 30 KB', w.html + w.css <= 30000);
      row('1 bytes, first visit', `${pageLabel(page)}: total with islands' JS + wasm`, split, '≤ 90 KB', w.total <= 90000);
    } else {
      row('1 bytes, first visit', pageLabel(page), split);
    }
  }
  const rep = bytes.repeat.results;
  if (rep) {
    row('1 bytes, repeat visit', `${pageLabel('results')}, warm cache`,
      `${KB(rep.wire.total)} KB (HTML ${KB(rep.wire.html)}; ${rep.requests.filter((q) => q.fromCache).length} from cache)`,
      '≤ 15 KB', rep.wire.total <= 15000);
  }
  const nojs = bytes.nojs?.results;
  if (nojs) {
    const w = nojs.wire;
    row('1 bytes, JS disabled', `${pageLabel('results')}, JavaScript off (whether the journeys work is e2e's \`nojs\` project)`,
      `JS ${KB(w.js)} KB · WASM ${KB(w.wasm)} KB${w.js + w.wasm ? ' fetched (preload links, unusable without JS)' : ''} → ${KB(w.total)} KB in all`,
      'works with 0 bytes of JS', w.js === 0 ? (w.wasm === 0 ? true : 'warn') : false);
  }
}

const ratioRow = (page, c, budgeted) => {
  const s = wrk[`ssr-${page}-c${c}`], g = wrk[`nginx-${page}-c${c}`];
  if (!s || !g) return;
  const ratio = s.rps / g.rps;
  row('2 SSR vs nginx', `${pageLabel(page)}, ${c} connections`,
    `SSR ${n0(s.rps)} req/s (p50 ${ms(s.p50_ms)} / p99 ${ms(s.p99_ms)} ms) · nginx ${n0(g.rps)} req/s (p50 ${ms(g.p50_ms)} / p99 ${ms(g.p99_ms)} ms) · **ratio ${ratio.toFixed(3)}**`,
    budgeted ? '≥ 0.5 × nginx' : '—', budgeted ? ratio >= 0.5 : null);
};
for (const c of [50, 200]) ratioRow('results', c, true);
for (const c of [50, 200]) ratioRow('procedure', c, false);
// The page cache off: every request rendered (not the product as served; shows the render cost).
for (const [page, c, hdr] of [['results', 50, ''], ['results', 200, ''], ['procedure', 50, ''], ['results', 50, 'br']]) {
  const s = wrk[`nocache-ssr-${page}${hdr ? `-${hdr}` : ''}-c${c}`], g = wrk[`nginx-${page}${hdr ? `-${hdr}` : ''}-c${c}`];
  if (!s || !g) continue;
  row('2 SSR vs nginx', `${pageLabel(page)}, ${c} conn.${hdr ? ', Accept-Encoding: br' : ''}, **page cache off** (every request rendered${hdr ? ' and compressed' : ''})`,
    `SSR ${n0(s.rps)} req/s (p50 ${ms(s.p50_ms)} / p99 ${ms(s.p99_ms)} ms) · nginx ${n0(g.rps)} req/s · ratio ${(s.rps / g.rps).toFixed(3)}`);
}
if (wrk['ssr-results-br-c50'] && wrk['nginx-results-br-c50']) {
  const s = wrk['ssr-results-br-c50'], g = wrk['nginx-results-br-c50'];
  row('2 SSR vs nginx', `${pageLabel('results')}, 50 conn., Accept-Encoding: br (both send stored brotli bytes)`,
    `SSR ${n0(s.rps)} req/s (p99 ${ms(s.p99_ms)} ms) · nginx ${n0(g.rps)} req/s · ratio ${(s.rps / g.rps).toFixed(3)}`);
}

if (latency.length > 1) {
  const qs = latency.filter((l) => l.query !== undefined);
  const worst = qs.reduce((a, b) => (b.p99_us > a.p99_us ? b : a));
  const worstP50 = qs.reduce((a, b) => (b.p50_us > a.p50_us ? b : a));
  row('3 search, 10k', `per-call p99, worst of ${qs.length} queries (in-process, one thread)`,
    `${(worst.p99_us / 1000).toFixed(3)} ms (“${worst.query}”); worst p50 ${(worstP50.p50_us / 1000).toFixed(3)} ms`,
    '≤ 2 ms', qs.every((q) => q.p99_us <= 2000));
} else if (criterion.length) {
  const worst = criterion.filter((c) => !c.id.endsWith('/mix')).reduce((a, b) => (b.mean_hi_ns > a.mean_hi_ns ? b : a));
  row('3 search, 10k', 'criterion mean, worst query (per-call p99 not available)', `${us(worst.mean_ns)} µs (${worst.id})`, '≤ 2 ms (p99)', null);
}
const mix = criterion.find((c) => c.id.endsWith('/mix'));
if (mix) row('3 search, 10k', 'criterion `search_10k/mix` (all queries once)', `${us(mix.mean_ns)} µs [${us(mix.mean_lo_ns)} – ${us(mix.mean_hi_ns)}]`);
const catalogueLabel = `${memory?.procedures ? n0(memory.procedures) : '10k'}-procedure catalogue`;
for (const c of [200, 50]) {
  const r = wrk[`10k-ssr-results-c${c}`];
  if (r) {
    row('3 search, 10k', `${pageLabel('results')}, same URL every time (answered by the page cache), ${catalogueLabel}, ${c} conn.`,
      `${n0(r.rps)} req/s · p50 ${ms(r.p50_ms)} ms · **p99 ${ms(r.p99_ms)} ms**`,
      c === 200 ? 'p99 ≤ 50 ms' : '—', c === 200 ? r.p99_ms <= 50 : null);
  }
  const m = wrk[`10k-ssr-results-querymix-c${c}`];
  if (m) {
    row('3 search, 10k', `results page, query mix of benches/search.rs (never the same URL: a render and a search behind every request), ${catalogueLabel}, ${c} conn.`,
      `${n0(m.rps)} req/s · p50 ${ms(m.p50_ms)} ms · **p99 ${ms(m.p99_ms)} ms**`,
      c === 200 ? 'p99 ≤ 50 ms' : '—', c === 200 ? m.p99_ms <= 50 : null);
  }
}
const api1 = wrk['10k-api-search-c1'];
if (api1) row('3 search, 10k', '`GET /portal/v1/procedures?q=khai%20sinh`, 1 connection (search + JSON + HTTP)', `p50 ${ms(api1.p50_ms)} ms · p99 ${ms(api1.p99_ms)} ms · ${n0(api1.rps)} req/s`);

const lhScores = (r) => {
  const c = (k) => (r.categories[k]?.score == null ? null : Math.round(r.categories[k].score * 100));
  const a = (k) => r.audits[k]?.numericValue;
  return { perf: c('performance'), a11y: c('accessibility'), bp: c('best-practices'), seo: c('seo'),
    lcp: a('largest-contentful-paint'), tbt: a('total-blocking-time'), cls: a('cumulative-layout-shift'),
    fcp: a('first-contentful-paint'), si: a('speed-index'), error: r.runtimeError?.code };
};
for (const page of PAGES) {
  const r = lighthouse[page];
  if (!r) continue;
  const s = lhScores(r);
  if (s.error) {
    row('4 Lighthouse mobile', pageLabel(page), `no score: ${s.error}${notBuilt(page) ? ' — not built yet' : ''}`, 'Perf ≥ 98, A11y/BP/SEO 100', notBuilt(page) ? null : false);
    continue;
  }
  row('4 Lighthouse mobile', pageLabel(page),
    `Perf **${s.perf}** · A11y **${s.a11y}** · BP **${s.bp}** · SEO **${s.seo}** · LCP ${(s.lcp / 1000).toFixed(2)} s · TBT ${Math.round(s.tbt)} ms · CLS ${s.cls.toFixed(3)}`,
    'Perf ≥ 98, A11y/BP/SEO 100', s.perf >= 98 && s.a11y === 100 && s.bp === 100 && s.seo === 100);
}

if (memory) {
  row('5 memory, 10k', 'server peak RSS under the load of (2) (VmHWM, reset after start-up)',
    `**${(memory.hwm_load_kb / 1024).toFixed(1)} MiB**${memory.hwm_reset ? '' : ' (reset failed: includes start-up)'} · start-up peak ${(memory.hwm_start_kb / 1024).toFixed(1)} MiB · idle ${(memory.rss_idle_kb / 1024).toFixed(1)} MiB · ${memory.threads} threads`);
}
for (const [what, secs, note] of build) {
  row('6 build', what, secs === 'failed' ? `failed (${note})` : `${secs} s${note ? ` (${note})` : ''}`);
}
// 7: the embedded portal over loopback HTTP (as before issue 7) and in-process, side by side.
const MiB = (kb) => `${(kb / 1024).toFixed(1)} MiB`;
const MODES = [['loopback', 'loopback HTTP'], ['inproc', 'in-process']];
for (const c of [50, 200]) {
  const [l, i] = MODES.map(([m]) => wrk[`transport-${m}-querymix-c${c}`]);
  if (!l || !i) continue;
  row('7 portal transport', `results page, query mix (a search behind every request), ${catalogueLabel}, ${c} conn.`,
    MODES.map(([, name], k) => { const r = [l, i][k]; return `${name} ${n0(r.rps)} req/s (p50 ${ms(r.p50_ms)} / **p99 ${ms(r.p99_ms)}** ms)`; }).join(' · ')
      + ` · in-process/loopback ${(i.rps / l.rps).toFixed(2)}×`);
}
if (transport.loopback && transport.inproc) {
  const t = transport.inproc;
  row('7 portal transport', `RSS ${t.settle_s} s after a ${t.burst} burst of 1,000 connections, every URL different (query mix), fresh server`,
    MODES.map(([m, name]) => { const r = transport[m]; return `${name} **${MiB(r.rss_settled_kb)}** (idle ${MiB(r.rss_idle_kb)}, burst peak ${MiB(r.hwm_burst_kb)}), ${r.self_conns_settled} connections to itself (${r.self_conns_after} right after)`; }).join(' · '));
}

applyRows(art, wrk, row);
trackRows(art, wrk, row);

// ---------------------------------------------------------------- details
const md = [];
const table = (head, body) => {
  md.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
  for (const r of body) md.push(`| ${r.join(' | ')} |`);
  md.push('');
};

md.push('# `make bench` results', '');
md.push(`Run **${meta.date ?? '?'}** on commit \`${meta.git ?? '?'}\` — generated by \`scripts/bench.sh\`; do not edit by hand`
  + ' except between the notes markers at the end.', '');
md.push(`**Machine:** ${meta.cpu ?? '?'}, ${meta.cores ?? '?'} cores, ${meta.memory ?? '?'} RAM; ${meta.os ?? '?'}. `
  + `Shared with other builds — load average (1/5/15 min) at each phase below.`);
md.push(`**Toolchain:** ${meta.rustc ?? '?'}; ${meta.tools ?? '?'}. Server binary built ${meta.server_binary ?? '?'}.`);
md.push(`**Run:** wrk \`-t${meta.wrk_threads} -d${meta.wrk_duration}\`${meta.quick === '1' ? ' (**quick mode**: short runs, indicative only)' : ''}; whole run ${meta.elapsed_s ?? '?'} s.`, '');

if (warnings.length) md.push(...warnings.map((w) => `> **Warning:** ${w}`), '');
md.push('## Summary against the budget (issue 3)', '');
table(['', 'Measure', 'Result', 'Budget', ''], rows);
md.push('KB = 1000 bytes. Bytes are as received over the wire (brotli, headers included), see below.', '');

if (bytes) {
  md.push('## 1. Bytes over the wire', '');
  md.push('Headless Chromium (Playwright + CDP), 360×740 viewport, fresh context per page (empty cache), '
    + '`Accept-Encoding` as Chromium sends it (the server answers brotli), page loaded until `networkidle` so the islands\' JS and wasm '
    + 'are in. Bytes = `Network.loadingFinished.encodedDataLength` (compressed body + response headers); "body" = without headers.', '');
  const cols = ['html', 'css', 'js', 'wasm', 'other'];
  const body = [];
  for (const [label, set] of [['first visit', bytes.first], ['repeat visit (warm cache)', bytes.repeat], ['JavaScript disabled', bytes.nojs ?? {}]]) {
    for (const page of PAGES) {
      const r = set[page];
      if (!r) continue;
      body.push([label, pageLabel(page), r.status, ...cols.map((k) => KB(r.wire[k])), `**${KB(r.wire.total)}**`, KB(r.body.total),
        r.requests.filter((q) => !q.fromCache && q.wire > 0).length, r.islands ?? '?', r.hydrated ? 'yes' : 'no']);
    }
  }
  table(['Visit', 'Page', 'Status', 'HTML', 'CSS', 'JS', 'WASM', 'other', 'Total KB', 'Body only KB', 'Requests on the wire', 'Islands on the page', 'Islands\' JS ran'], body);
  const first = bytes.first.results;
  if (first) {
    md.push('Requests of the first visit to the results page:', '');
    table(['URL', 'Kind', 'Encoding', 'Bytes (wire)', 'Body'], first.requests.map((q) => [`\`${q.url}\``, q.kind, q.encoding || '—', q.wire, q.body]));
  }
}

const wrkRows = Object.values(wrk);
if (wrkRows.length) {
  md.push('## 2. SSR throughput and latency (wrk)', '');
  md.push('wrk runs on the same 2 cores as the server (it takes part of the CPU on both sides). Both sides are requested '
    + 'without `Accept-Encoding` (uncompressed HTML) except the `br` rows. nginx: `worker_processes auto`, `sendfile`, access log off, '
    + 'the HTML saved from the server (byte-identical) with the server\'s own response headers added (`add_header`); it also sends '
    + '`Server`, `Last-Modified`, `Accept-Ranges`. Runs are interleaved server/nginx so that background load hits both. '
    + 'The `ref-*` rows are reference points: axum with no rendering (`/healthz`), the portal API alone, and the 404 page '
    + '(full layout, no portal call). `10k-*` rows: server with the 10,000-procedure catalogue. '
    + 'Since commit 9f1ad00 the server keeps rendered catalogue pages for 30 s (with their brotli/gzip forms, made once), '
    + 'so a fixed URL measures the page cache; `nocache-*` rows are the same server with `PAGE_CACHE_SECONDS=0`: every request '
    + 'rendered (with the portal answer still cached for 60 s). `10k-ssr-results-querymix-*` requests the queries of benches/search.rs with random letter case (the search folds case: '
    + 'same work, but no two URLs alike), so every request runs a search over the 10k catalogue. '
    + '`transport-loopback-*` / `transport-inproc-*`: the embedded portal called over loopback HTTP / in-process (section 7).', '');
  table(['Run', 'URL', 'Conn.', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'B/resp.', 'Errors', 'load1 before'],
    wrkRows.map((r) => [r.label, r.script?.endsWith('mix.lua') ? '`/procedures?q=<query mix, random case>`' : r.script?.endsWith('apply.lua') ? applyRunLabel(r.label, art) : r.script?.endsWith('track.lua') ? trackRunLabel(r.label) : `\`${r.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, '')}\`${r.header ? ` (${r.header})` : ''}`, r.conns, n0(r.rps), ms(r.p50_ms), ms(r.p90_ms),
      ms(r.p99_ms), ms(r.max_ms), n0(r.bytes_per_req),
      /404/.test(r.label) && r.non2xx === r.requests ? '(all 404, expected)' : (r.non2xx + r.err_connect + r.err_read + r.err_write + r.err_timeout) || 0,
      r.load1_before]));
}

if (criterion.length || latency.length) {
  md.push('## 3. Search over 10,000 procedures', '');
  md.push('**criterion** (`cargo bench --features ssr --bench search`, `search_10k` group, warm-up 1 s, 100 samples): mean time per '
    + 'call with its 95 % confidence interval, and the p50/p99 of the 100 per-sample means (each sample averages many calls, '
    + 'so this is not a per-call tail). **Per call** (`scripts/bench/search_latency.rs`, the same queries on the same '
    + 'synthetic catalogue, each call timed alone, ≥ 2,000 calls and ≥ 0.4 s per query after 200 warm-up calls): '
    + 'the distribution the ≤ 2 ms budget is about. Single thread, in-process: no HTTP, no JSON.', '');
  const pct = (arr, p) => { const s = [...arr].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(s.length * p) - 1)]; };
  const critByQuery = new Map(criterion.map((c) => [c.id.replace(/^search_10k\//, ''), c]));
  const latByQuery = new Map(latency.filter((l) => l.query !== undefined).map((l) => [l.query, l]));
  const keyFor = (q) => (q === '<all> page 3' ? '<all>' : q.startsWith('cấp giấy phép +') ? 'cấp giấy phép' : q);
  const queries = latency.length ? [...latByQuery.keys()] : [...critByQuery.keys()];
  const body = queries.map((q) => {
    const c = critByQuery.get(keyFor(q)); const l = latByQuery.get(q);
    return [`\`${q}\``, l ? n0(l.hits) : '', c ? `${us(c.mean_ns)} [${us(c.mean_lo_ns)} – ${us(c.mean_hi_ns)}]` : '',
      c ? us(pct(c.samples, 0.5)) : '', c ? us(pct(c.samples, 0.99)) : '',
      l ? l.p50_us.toFixed(1) : '', l ? l.p90_us.toFixed(1) : '', l ? `**${l.p99_us.toFixed(1)}**` : '', l ? l.max_us.toFixed(0) : '',
      l ? ok(l.p99_us <= 2000) : ''];
  });
  if (mix) body.push(['`search_10k/mix` (every query once)', '', `${us(mix.mean_ns)} [${us(mix.mean_lo_ns)} – ${us(mix.mean_hi_ns)}]`, us(pct(mix.samples, 0.5)), us(pct(mix.samples, 0.99)), '', '', '', '', '']);
  table(['Query', 'Hits', 'criterion mean µs [95 % CI]', 'crit. p50 of sample means µs', 'crit. p99 of sample means µs',
    'per-call p50 µs', 'p90 µs', 'p99 µs', 'max µs', '≤ 2 ms'], body);
  const info = latency.find((l) => l.index_build_ms !== undefined);
  if (info) md.push(`Building the index of ${n0(info.procedures)} procedures: ${info.index_build_ms.toFixed(0)} ms (once, at start-up).`, '');
  md.push('`max` is dominated by the scheduler on a shared machine (the other engineer\'s builds); p99 is the budget line.', '');
}

if (Object.keys(lighthouse).length) {
  md.push('## 4. Lighthouse (mobile preset: simulated slow 4G, 4× CPU slowdown)', '');
  const body = [];
  for (const page of PAGES) {
    const r = lighthouse[page];
    if (!r) continue;
    const s = lhScores(r);
    if (s.error) { body.push([pageLabel(page), '—', '—', '—', '—', '—', '—', '—', '—', `${s.error}${notBuilt(page) ? ' (not built yet)' : ''}`]); continue; }
    body.push([pageLabel(page), s.perf, s.a11y, s.bp, s.seo, `${(s.fcp / 1000).toFixed(2)} s`, `${(s.lcp / 1000).toFixed(2)} s`,
      `${Math.round(s.tbt)} ms`, s.cls.toFixed(3), ok(s.perf >= 98 && s.a11y === 100 && s.bp === 100 && s.seo === 100)]);
  }
  table(['Page', 'Performance', 'Accessibility', 'Best Practices', 'SEO', 'FCP', 'LCP', 'TBT', 'CLS', 'Budget'], body);
  const failing = [];
  for (const page of PAGES) {
    const r = lighthouse[page];
    if (!r || r.runtimeError) continue;
    for (const cat of ['accessibility', 'best-practices', 'seo', 'performance']) {
      for (const ref of r.categories[cat]?.auditRefs ?? []) {
        const a = r.audits[ref.id];
        if (!a || a.score === null || a.score >= 1) continue;
        if (['informative', 'notApplicable', 'manual'].includes(a.scoreDisplayMode)) continue;
        if (cat === 'performance' && !(ref.weight > 0)) continue; // insights without weight: not what the score is made of
        const items = (a.details?.items ?? []).slice(0, 5).map((it) => {
          const node = it.node ?? {};
          const bits = [node.selector && `\`${node.selector}\``, node.snippet && `\`${node.snippet.slice(0, 140)}\``,
            it.url && `\`${it.url}\``, it.source && `source ${it.source}`, it.description && it.description.slice(0, 160),
            node.explanation && node.explanation.split('\n')[0].slice(0, 160)].filter(Boolean);
          return bits.join(' — ');
        }).filter(Boolean);
        failing.push(`- **${page}** · ${cat} · \`${ref.id}\` (score ${a.score}${ref.weight ? `, weight ${ref.weight}` : ''}): ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ''}`
          + (items.length ? `\n${items.map((i) => `  - ${i}`).join('\n')}` : ''));
      }
    }
  }
  md.push('Failing audits (score < 1; for Performance only the weighted metrics):', '');
  md.push(...(failing.length ? failing : ['- none']), '');
  md.push(`Full reports: \`target/bench/${basename(art)}/lighthouse-<page>.json\` (open in https://googlechrome.github.io/lighthouse/viewer/).`, '');
}

if (memory) {
  md.push('## 5. Memory (10,000-procedure catalogue)', '');
  table(['', 'Value'], [
    ['procedures served', n0(memory.procedures)],
    ['start-up (fresh database: import + index) until `/healthz` answers', `${memory.startup_s.toFixed(1)} s`],
    ['peak RSS during start-up (VmHWM)', `${(memory.hwm_start_kb / 1024).toFixed(1)} MiB`],
    ['RSS idle after start-up', `${(memory.rss_idle_kb / 1024).toFixed(1)} MiB`],
    ['**peak RSS under load** (VmHWM after reset; results + procedure pages at 50 and 200 connections, then the query mix)', `**${(memory.hwm_load_kb / 1024).toFixed(1)} MiB**`],
    ['max RSS sampled every 0.2 s during the load', `${(memory.rss_sampled_max_kb / 1024).toFixed(1)} MiB`],
    ['RSS after the load', `${(memory.rss_end_kb / 1024).toFixed(1)} MiB`],
    ['threads', memory.threads],
  ]);
}

md.push('## 6. Build and setup', '');
if (build.length) table(['What', 'Seconds', 'Note'], build.map(([w, s, n]) => [w, s, n ?? '']));
md.push('Fresh-machine times (`make test` and a cold release build on a fresh clone) are measured by the lead and reported in the '
  + 'README; they are `label<TAB>seconds<TAB>note` lines in `bench/build-times.tsv`, copied here on every run.', '');

if (transport.loopback && transport.inproc) {
  md.push('## 7. Embedded portal: loopback HTTP vs in-process', '');
  md.push('Two servers with the same catalogue, started fresh side by side (`scripts/bench/transport.sh`): `loopback` calls its '
    + 'embedded portal over HTTP on its own address (`PORTAL_IN_PROCESS=false`, how it worked before issue 7, now with the bounded '
    + 'pool), `inproc` calls the portal\'s router in-process (the default). Each gets a burst of 1,000 connections running the query '
    + 'mix (every URL different, so neither cache answers); then the query mix at 50 and 200 connections, interleaved '
    + '(`transport-*` rows of section 2). "Connections to itself": established TCP connections to the server\'s own port once wrk has '
    + 'stopped, i.e. its client pool.', '');
  const burst = (m) => wrk[`transport-${m}-burst-c1000`];
  const err = (r) => (r ? r.non2xx + r.err_connect + r.err_read + r.err_write + r.err_timeout : '');
  const line = (label, f) => [label, ...MODES.map(([m]) => f(transport[m], burst(m)))];
  table(['', ...MODES.map(([, name]) => name)], [
    line('RSS idle, before the burst', (t) => MiB(t.rss_idle_kb)),
    line(`burst (${transport.inproc.burst}, 1,000 conn.): req/s · p99 · errors`, (t, b) => (b ? `${n0(b.rps)} · ${ms(b.p99_ms)} ms · ${err(b)}` : '—')),
    line(`peak RSS during the burst (VmHWM${transport.inproc.hwm_reset ? ' after reset' : ', reset failed: includes start-up'})`, (t) => MiB(t.hwm_burst_kb)),
    line('RSS right after the burst', (t) => MiB(t.rss_after_kb)),
    line(`**RSS ${transport.inproc.settle_s} s after the burst**`, (t) => `**${MiB(t.rss_settled_kb)}**`),
    line('open file descriptors: idle → right after → later', (t) => `${t.fds_idle} → ${t.fds_after} → ${t.fds_settled}`),
    line('connections to itself: right after → later', (t) => `${t.self_conns_after} → ${t.self_conns_settled}`),
  ]);
}

applyDetails(art, wrk, md, table);
trackDetails(art, wrk, md, table);

md.push('## Machine load during the run', '');
table(['Phase', 'At (s)', 'Load average 1 / 5 / 15 min', 'Other processes > 20 % of a CPU (0.5 s sample)',
  'SHA-256 of 64 MiB (ms)', 'Pipe round trip, p50 (µs)'], load.map(([p, l, b, t, h, r]) => [p, t ?? '', l, b, h ?? '', r ?? '']));
md.push('The last two columns are the host\'s speed at that moment (`scripts/bench/host_speed.py`): one core, and how long '
  + 'a sleeping process takes to wake. This shared host\'s wake-ups have taken 7–51 µs from one quarter-hour to the next '
  + '(`perf bench sched pipe`, session 13), and the rows at 200 connections moved with them.', '');
md.push('The load average counts this benchmark too (wrk + server keep both cores busy during the wrk phases); the last column '
  + 'is the sign of outside work (the other engineer\'s builds) competing for the cores.', '');

// ---------------------------------------------------------------- notes carried over
let notes = '';
if (out !== '-' && existsSync(out)) {
  const m = readFileSync(out, 'utf8').match(/<!-- notes:begin -->[\s\S]*?<!-- notes:end -->/);
  if (m) notes = m[0];
}
md.push('## Notes (kept across runs)', '');
md.push(notes || '<!-- notes:begin -->\n_Profiles, causes of misses and before/after numbers go here; `scripts/bench.sh` keeps this block._\n<!-- notes:end -->', '');

const text = md.join('\n');
if (out !== '-') { mkdirSync(dirname(out), { recursive: true }); writeFileSync(out, text); }

// stdout: the one table, readable in a terminal
const plain = (s) => s.replace(/\*\*/g, '').replace(/`/g, '');
console.log('');
for (const r of rows) {
  console.log(`${r[4]}  ${plain(r[0]).padEnd(22)} ${plain(r[1])}\n      ${plain(r[2])}${r[3] !== '—' ? `   [budget ${r[3]}]` : ''}`);
}
console.log('');
