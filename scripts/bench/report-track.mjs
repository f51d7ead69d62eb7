// Section 9 of the bench report (scripts/bench/report.mjs): following a dossier, from the
// artefacts of scripts/bench/track.sh (bytes-track.json, track.json, track-*.status, wrk rows
// `track-*`).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const KB = (b) => (b / 1000).toFixed(1);
const n0 = (x) => Math.round(x).toLocaleString('en-US');
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const errors = (r) => r.non2xx + r.err_connect + r.err_read + r.err_write + r.err_timeout;
const PAGES = { track: '/track', status: '/track/{token}' };

function load(art) {
  const read = (f) => (existsSync(join(art, f)) ? readFileSync(join(art, f), 'utf8') : null);
  const json = (f) => (read(f) ? JSON.parse(read(f)) : null);
  return { bytes: json('bytes-track.json'), track: json('track.json') };
}

// The answers of a lookup run by status (track.lua's WRK_STATUS file), and the threads that ran out.
function answers(art, label) {
  const f = join(art, `${label}.status`);
  const out = { statuses: {}, ran_out: 0 };
  if (!existsSync(f)) return out;
  for (const line of readFileSync(f, 'utf8').split('\n')) {
    const [k, v] = line.trim().split(/\s+/);
    if (!k) continue;
    if (k === 'ran_out') out.ran_out = Number(v);
    else out.statuses[k] = Number(v);
  }
  return out;
}
const answered = (a) => Object.entries(a.statuses).map(([s, n]) => `${n0(n)} × ${s}`).join(', ') || '?';
// The answer a run should get: anything else (a 429 of the limit per code above all) is an error.
const EXPECTED = { 'api-wrong': '404', 'api-right': '200', 'form-wrong': '303>error', 'form-right': '303>status' };
const unexpected = (a, key) => Object.entries(a.statuses).reduce((n, [s, k]) => n + (s === EXPECTED[key] ? 0 : k), 0);
// Runs a and b of one kind and factor (scripts/bench/track.sh: wrong, right, right, wrong).
const lookupLabels = (kind, factor) => ['a', 'b'].map((r) => `track-lookup-${kind}-${factor}${kind === 'api' && factor === 'wrong' ? '-404' : ''}-c50-${r}`);

const WHAT = {
  api: '`POST /portal/v1/dossiers/lookup` (JSON code + second factor)',
  form: '`POST /track` (the form, as without JS; the 303 not followed)',
};

// What each wrk run did, for the table of section 2.
export function trackRunLabel(label) {
  if (label.startsWith('track-lookup-warmup')) return `${WHAT.api}, right second factor: warm-up, not compared`;
  const m = label.match(/^track-lookup-(api|form)-(wrong|right)/);
  if (!m) return null;
  return `${WHAT[m[1]]}, ${m[2]} second factor, a different code each request (each once in the run)`;
}

// Adds the summary rows: row(section, measure, result, budget, pass).
export function trackRows(art, wrk, row) {
  const { bytes, track } = load(art);
  if (bytes) {
    for (const page of Object.keys(PAGES)) {
      for (const [set, label] of [[bytes.first, 'JavaScript on, first visit'], [bytes.nojs, 'JavaScript off']]) {
        const r = set?.[page];
        if (!r) continue;
        const w = r.wire;
        const what = `${page === 'status' ? `status page \`${PAGES.status}\` (${track?.timeline_events ?? '?'} timeline events)` : `\`${PAGES.track}\``}${r.status !== 200 ? ` (HTTP ${r.status})` : ''}, ${label}`;
        const text = `HTML ${KB(w.html)} · CSS ${KB(w.css)} · JS ${KB(w.js)} · WASM ${KB(w.wasm)} · other ${KB(w.other)} = **${KB(w.total)} KB** (${r.islands ?? '?'} island(s))`;
        // Issue 3's budgets: a first visit ≤ 90 KB in all; without JS, no byte of JS fetched.
        if (set === bytes.first) row('9 track, bytes', what, text, '≤ 90 KB', w.total <= 90000);
        else row('9 track, bytes', what, text, '0 B of JS + WASM', w.js + w.wasm === 0);
      }
    }
  }
  for (const c of [50, 200]) {
    const r = wrk[`track-status-c${c}`];
    if (!r) continue;
    const budgeted = c === 200;
    row('9 track, load', `status page \`/track/{token}\`, uncached (\`/track/*\` is not in the page cache: every request renders), ${c} connections`,
      `${n0(r.rps)} req/s · p50 ${ms(r.p50_ms)} ms · **p99 ${ms(r.p99_ms)} ms** · ${errors(r)} errors · ${n0(r.requests)} requests in ${r.duration_s.toFixed(1)} s`,
      budgeted ? 'p99 ≤ 50 ms, 0 errors' : '0 errors', budgeted ? r.p99_ms <= 50 && errors(r) === 0 : errors(r) === 0);
  }
  for (const kind of ['api', 'form']) {
    const sides = ['wrong', 'right'].map((f) => {
      const labels = lookupLabels(kind, f);
      const runs = labels.map((l) => wrk[l]).filter(Boolean);
      const ans = labels.map((l) => answers(art, l));
      const requests = runs.reduce((n, r) => n + r.requests, 0);
      const secs = runs.reduce((n, r) => n + r.duration_s, 0);
      const bad = ans.reduce((n, a) => n + unexpected(a, `${kind}-${f}`), 0)
        + runs.reduce((n, r) => n + r.err_connect + r.err_read + r.err_write + r.err_timeout, 0);
      const all = { statuses: {} };
      for (const a of ans) for (const [s, k] of Object.entries(a.statuses)) all.statuses[s] = (all.statuses[s] ?? 0) + k;
      return { f, runs, rps: secs ? requests / secs : 0, bad, all };
    });
    if (sides.some((x) => x.runs.length < 2)) continue;
    const [w, r] = sides;
    const side = (x) => `${x.f}: **${n0(x.rps)} req/s** (runs ${x.runs.map((q) => n0(q.rps)).join(' / ')}), p50 ${x.runs.map((q) => ms(q.p50_ms)).join(' / ')} ms, `
      + `p99 ${x.runs.map((q) => ms(q.p99_ms)).join(' / ')} ms (${answered(x.all)})`;
    const ratio = w.rps / r.rps;
    const p50 = (x) => x.runs.reduce((n, q) => n + q.p50_ms, 0) / x.runs.length;
    row('9 track, lookup', `${WHAT[kind]}, wrong second factor vs right, 50 connections, runs wrong, right, right, wrong`,
      `${side(w)} · ${side(r)} · **wrong/right: rate ${ratio.toFixed(2)}×, mean p50 ${(p50(w) / p50(r)).toFixed(2)}×**`,
      'same cost (rate ratio 0.8–1.25), only the expected answer', ratio >= 0.8 && ratio <= 1.25 && w.bad + r.bad === 0);
  }
}

// The section's details: pushes markdown lines into md; table(head, body) as report.mjs has it.
export function trackDetails(art, wrk, md, table) {
  const { bytes, track } = load(art);
  const runs = Object.values(wrk).filter((r) => r.label.startsWith('track-'));
  if (!bytes && !track && !runs.length) return;
  md.push('## 9. Following a dossier', '');
  md.push('One fresh database and file store (`scripts/bench/track.sh`), procedure ' + (track?.procedure ?? '?') + '. '
    + (track ? `${n0(track.dossiers + 1)} dossiers were sent first through the portal API in ${track.prep_s} s (\`scripts/bench/track_prep.py\`: every page answered, a small PDF for every mandatory document, submitted), `
      + `and an officer moved one of them along (${track.actions.join(', ')}: its status page's timeline). ` : '')
    + 'Pages: measured as in section 1. The status page under wrk: `/track/*` is not among the page cache\'s paths, so every request '
    + 'reads the dossier and renders the page. Lookups: `scripts/bench/track.lua`, 50 connections, a different dossier code each request; '
    + 'requests from 127.0.0.1 are not limited per client (no proxy forwarded them), and the portal\'s limit per code (10, then one a minute) '
    + `is respected: every run looks each code up once (a warm-up run through the API, then for the API and for the form wrong, right, right, wrong: 9 lookups of a code), `
    + 'and ends when its codes are used up (its rate is over that time; the rate of a side is its two runs\' requests over their time). '
    + 'A wrong second factor differs from the right one in its last digit. The form\'s 303s are told apart by where they lead '
    + '(`303>status`: a status page; `303>error`: `/track?error=1`).', '');
  if (bytes) {
    const body = [];
    for (const [label, set] of [['JavaScript on', bytes.first], ['JavaScript off', bytes.nojs]]) {
      for (const page of Object.keys(PAGES)) {
        const r = set?.[page];
        if (!r) continue;
        body.push([label, `\`${PAGES[page]}\``, r.status, ...['html', 'css', 'js', 'wasm', 'other'].map((k) => KB(r.wire[k])),
          `**${KB(r.wire.total)}**`, r.requests.filter((q) => !q.fromCache && q.wire > 0).length]);
      }
    }
    table(['', 'Page', 'Status', 'HTML', 'CSS', 'JS', 'WASM', 'other', 'Total KB', 'Requests'], body);
  }
  if (runs.length) {
    table(['Run', 'What', 'Conn.', 'Requests', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'Answers'],
      runs.map((r) => [r.label, trackRunLabel(r.label) ?? '`/track/{token}`', r.conns, n0(r.requests), n0(r.rps), ms(r.p50_ms), ms(r.p90_ms),
        ms(r.p99_ms), ms(r.max_ms), r.label.startsWith('track-lookup') ? answered(answers(art, r.label)) : `${errors(r)} errors`]));
  }
}
