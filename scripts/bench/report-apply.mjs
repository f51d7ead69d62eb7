// Section 8 of the bench report (scripts/bench/report.mjs): applying online, from the artefacts
// of scripts/bench/apply.sh (bytes-apply.json, apply.json, apply-journey.json, apply-uploads.jsonl,
// wrk rows `apply-*`).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const APPLY_PAGES = ['start', 'question', 'documents', 'return', 'check', 'receipt'];
const KB = (b) => (b / 1000).toFixed(1);
const MiB = (kb) => (kb / 1024).toFixed(1);
const n0 = (x) => Math.round(x).toLocaleString('en-US');
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const errors = (r) => r.non2xx + r.err_connect + r.err_read + r.err_write + r.err_timeout;

// Threads of a submission run that used up their drafts before the end (the rate is then low).
const ranOut = (art, label) => {
  const f = join(art, `${label}.ran-out`);
  return existsSync(f) ? Number(readFileSync(f, 'utf8').trim()) : 0;
};

function load(art) {
  const read = (f) => (existsSync(join(art, f)) ? readFileSync(join(art, f), 'utf8') : null);
  const json = (f) => (read(f) ? JSON.parse(read(f)) : null);
  const uploads = (read('apply-uploads.jsonl') ?? '').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  return { bytes: json('bytes-apply.json'), apply: json('apply.json'), journey: json('apply-journey.json'), uploads };
}

function paths(journey) {
  const code = journey?.procedure ?? '1.001193';
  const p = `/apply/${code}`;
  return {
    start: p, question: `${p}/p/${journey?.page ?? '…'}`, documents: `${p}/documents`, return: `${p}/p/return`,
    check: `${p}/check`, receipt: '/apply/receipt/{token}',
  };
}

// What each wrk run did, for the table of section 2 and the rows below.
export function applyRunLabel(label, art) {
  const { journey } = load(art);
  const p = paths(journey);
  if (label.startsWith('apply-save')) return `\`POST ${p.question}\` (form, cookie) → 303 → \`GET ${p.start}/p/${journey?.next_page ?? '…'}\``;
  if (label.startsWith('apply-submit')) return `\`POST ${p.start}/submit\` (a new complete draft each) → 303 → \`GET ${p.receipt}\``;
  return null;
}

const ROUTES = {
  form: 'through the documents page\'s form (multipart, as without JS; the front end streams it on)',
  api: 'straight to the portal API (`POST /portal/v1/drafts/{id}/documents/0/files`, raw body)',
};

// Adds the summary rows: row(section, measure, result, budget, pass).
export function applyRows(art, wrk, row) {
  const { bytes, uploads, journey } = load(art);
  const p = paths(journey);
  if (bytes) {
    for (const page of APPLY_PAGES) {
      const on = bytes.first[page], off = bytes.nojs[page];
      if (!on || !off) continue;
      const w = on.wire;
      const label = `${page} \`${p[page]}\`${on.status !== 200 ? ` (HTTP ${on.status})` : ''}`;
      row('8 apply, bytes', `${label}, JavaScript off`, `HTML ${KB(off.wire.html)} · CSS ${KB(off.wire.css)} · JS ${KB(off.wire.js)} · WASM ${KB(off.wire.wasm)} = **${KB(off.wire.total)} KB**`,
        '≤ 15 KB', off.wire.total <= 15000);
      const onText = `HTML ${KB(w.html)} · CSS ${KB(w.css)} · JS ${KB(w.js)} · WASM ${KB(w.wasm)} · other ${KB(w.other)} = **${KB(w.total)} KB** (${on.islands ?? '?'} island(s))`;
      if (page === 'documents') row('8 apply, bytes', `${label}, JavaScript on, with its island`, onText, '≤ 120 KB', w.total <= 120000);
      else row('8 apply, bytes', `${label}, JavaScript on`, onText);
    }
  }
  for (const [kind, what] of [['save', 'step save (POST a question page, 303, GET the next page)'], ['submit', 'submission (POST submit, 303, GET the receipt)']]) {
    for (const c of [50, 200]) {
      const r = wrk[`apply-${kind}-c${c}`];
      if (!r) continue;
      const budgeted = c === 200;
      const short = ranOut(art, `apply-${kind}-c${c}`) ? ' · the drafts ran out before the end: the rate is a lower bound' : '';
      row('8 apply, load', `${what}, ${c} connections`,
        `${n0(r.rps)} req/s (≈ ${n0(r.rps / 2)} ${kind === 'save' ? 'steps' : 'submissions'}/s) · p50 ${ms(r.p50_ms)} ms · **p99 ${ms(r.p99_ms)} ms** · ${errors(r)} errors · ${n0(r.requests)} requests in ${r.duration_s.toFixed(1)} s${short}`,
        budgeted ? 'p99 ≤ 50 ms, 0 errors' : '0 errors', budgeted ? r.p99_ms <= 50 && errors(r) === 0 : errors(r) === 0);
    }
  }
  for (const u of uploads) {
    const mb = (u.uploads * u.upload_bytes) / 1e6;
    const growth = u.hwm_kb - u.rss_idle_kb;
    row('8 apply, uploads', `${u.uploads} uploads of ${(u.upload_bytes / 1e6).toFixed(0)} MB at once, ${ROUTES[u.kind] ?? u.kind}`,
      `${(mb / u.upload_s).toFixed(1)} MB/s (${mb.toFixed(0)} MB in ${u.upload_s.toFixed(2)} s) · ${u.uploads_stored} of ${u.uploads} stored · `
        + `peak RSS over idle **+${MiB(growth)} MiB** (idle ${MiB(u.rss_idle_kb)}, peak ${MiB(u.hwm_kb)}${u.hwm_reset ? '' : ' (not reset: includes earlier peaks)'}, `
        + `sampled max ${MiB(u.rss_sampled_max_kb)}, after ${MiB(u.rss_after_kb)} MiB)`,
      'all stored, ≤ 64 MiB over idle', u.uploads_stored === u.uploads && growth <= 64 * 1024);
  }
}

// The section's details: pushes markdown lines into md; table(head, body) as report.mjs has it.
export function applyDetails(art, wrk, md, table) {
  const { bytes, apply, journey, uploads } = load(art);
  if (!bytes && !apply && !uploads.length) return;
  const p = paths(journey);
  md.push('## 8. Applying online', '');
  md.push(`One fresh database and file store (\`scripts/bench/apply.sh\`), procedure ${journey?.procedure ?? '?'}; the server is started afresh for each upload run and for the load runs. `
    + `${journey ? `${n0(journey.drafts_made)} drafts were made first through the portal API in ${journey.prep_s} s ` : ''}`
    + '(every page answered, a small PDF for every mandatory document; `scripts/bench/apply_prep.py`). '
    + 'Pages: measured as in section 1, with the draft\'s cookie in the browser (the receipt is a sent draft\'s). '
    + 'Load: wrk with `scripts/bench/apply.lua`, form posts as a browser without JS sends them, each followed by the page its 303 '
    + 'leads to; latencies are per request (the POSTs and the GETs alike). Every submission sends a different complete draft '
    + '(a run ends early when its drafts are used up). Uploads: 20 curl processes at once, each a 10 MB file to its own '
    + 'draft, first through the documents page\'s form (`multipart/form-data`, as without JS), which the front end streams on to '
    + 'the portal, then straight to the portal API; peak RSS is VmHWM, reset before each run (`/proc/<pid>/clear_refs`), '
    + 'minus the RSS just before it.', '');
  if (bytes) {
    const body = [];
    for (const [label, set] of [['JavaScript on', bytes.first], ['JavaScript off', bytes.nojs]]) {
      for (const page of APPLY_PAGES) {
        const r = set[page];
        if (!r) continue;
        body.push([label, `${page} \`${p[page]}\``, r.status, ...['html', 'css', 'js', 'wasm', 'other'].map((k) => KB(r.wire[k])),
          `**${KB(r.wire.total)}**`, r.requests.filter((q) => !q.fromCache && q.wire > 0).length, r.islands ?? '?']);
      }
    }
    table(['', 'Page', 'Status', 'HTML', 'CSS', 'JS', 'WASM', 'other', 'Total KB', 'Requests', 'Islands'], body);
  }
  const runs = Object.values(wrk).filter((r) => r.label.startsWith('apply-'));
  if (runs.length) {
    table(['Run', 'What', 'Conn.', 'Requests', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'Errors'],
      runs.map((r) => [r.label, applyRunLabel(r.label, art), r.conns, n0(r.requests), n0(r.rps), ms(r.p50_ms), ms(r.p90_ms),
        ms(r.p99_ms), ms(r.max_ms), errors(r)]));
  }
  if (uploads.length) {
    const cell = (f) => uploads.map(f);
    table(['Uploads', ...cell((u) => u.kind)], [
      ['files × size', ...cell((u) => `${u.uploads} × ${n0(u.upload_bytes)} B`)],
      ['wall time, all at once', ...cell((u) => `${u.upload_s.toFixed(2)} s`)],
      ['stored (the answer names a file of the size sent)', ...cell((u) => `${u.uploads_stored} of ${u.uploads}`)],
      ['RSS just before', ...cell((u) => `${MiB(u.rss_idle_kb)} MiB`)],
      ['peak RSS (VmHWM after reset)', ...cell((u) => `${MiB(u.hwm_kb)} MiB${u.hwm_reset ? '' : ' (not reset)'}`)],
      ['max RSS sampled every 0.05 s', ...cell((u) => `${MiB(u.rss_sampled_max_kb)} MiB`)],
      ['RSS after', ...cell((u) => `${MiB(u.rss_after_kb)} MiB`)],
    ]);
  }
  if (apply) md.push(`Dossiers made by the submission runs: ${apply.dossiers}.`, '');
}
