// What the tracking specs share: a dossier sent through the portal API (every page of the form
// answered from the form's own declaration, as scripts/lib/complete_draft.py does, with a real
// PDF uploaded for each mandatory document), and the officer API that moves it along.
import { expect, type APIRequestContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { birthNoticePdf } from './apply';

/// The procedure the Rust tests and the contract run send (1.004873, marital status).
export const PROCEDURE = '1.004873';
export const PHONE = '0912345678';
/// The officer's token: scripts/e2e.sh gives the server `OFFICER_TOKENS` with it.
export const OFFICER_TOKEN = process.env.E2E_OFFICER_TOKEN ?? 'e2e-officer-token-0123456789abcdef';

type Field = { id: string; kind: string; required?: boolean; rules?: { pattern?: string; min?: number }; options?: { value: string }[]; holder?: { sex?: string } };

function answer(field: Field, province: { code: string; units: { code: string }[] }): [string, string][] {
  const one = (v: string): [string, string][] => [[field.id, v]];
  switch (field.kind) {
    case 'text':
      return one(({ digits: '12345', reference: '12/2024/QĐ-UBND' } as Record<string, string>)[field.rules?.pattern ?? ''] ?? 'Nguyễn Văn An');
    case 'textarea':
      return one('Đề nghị cơ quan xác nhận để làm thủ tục theo quy định.');
    case 'integer':
    case 'decimal':
      return one(String(Math.max(1, Math.trunc(field.rules?.min ?? 1))));
    case 'date':
      return one('1990-01-15');
    case 'select':
    case 'radio':
    case 'checkboxes': {
      // An optional box (Zalo notifications) is left unticked, as most people leave it.
      if (field.kind === 'checkboxes' && !field.required) return [];
      const values = (field.options ?? []).map((o) => o.value);
      return one(values.includes('male') ? 'male' : values[0]);
    }
    case 'yes_no':
      return one('no');
    case 'phone':
      return one(PHONE);
    case 'email':
      return one('an.nguyen@example.vn');
    case 'citizen_id':
      return one(field.holder?.sex === 'female' ? '025190012345' : '025090012345');
    case 'enterprise_code':
      return one('0101234567');
    case 'address':
      return [
        [`${field.id}.province`, province.code],
        [`${field.id}.commune`, province.units[0].code],
        [`${field.id}.street`, 'Số 1 đường Hùng Vương'],
      ];
    default:
      throw new Error(`no answer for a ${field.kind} field`);
  }
}

export type Receipt = { dossier_code: string; tracking_token: string };

/// A dossier sent through the API, returned by post or at the counter.
export async function sendDossier(request: APIRequestContext, byPost: boolean): Promise<Receipt> {
  const api = '/portal/v1';
  const form = await (await request.get(`${api}/procedures/${PROCEDURE}/form`)).json();
  const province = await (await request.get(`${api}/province`)).json();
  const procedure = await (await request.get(`${api}/procedures/${PROCEDURE}`)).json();
  const draft = (await (await request.post(`${api}/drafts`, { data: { procedure_code: PROCEDURE } })).json()).id;
  for (const page of form.pages) {
    const fields: Record<string, string[]> = {};
    for (const field of page.fields) for (const [name, value] of answer(field, province)) (fields[name] ??= []).push(value);
    if (page.id === 'return' && byPost) fields['return_method'] = ['post'];
    const saved = await request.put(`${api}/drafts/${draft}/sections/${page.id}`, { data: { fields } });
    expect(saved.status(), `page ${page.id}`).toBe(200);
  }
  const pdf = birthNoticePdf();
  for (const [slot, doc] of (procedure.documents as { mandatory: boolean }[]).entries()) {
    if (!doc.mandatory) continue;
    const up = await request.post(`${api}/drafts/${draft}/documents/${slot}/files?name=scan.pdf`, {
      headers: { 'content-type': 'application/octet-stream' },
      data: pdf.buffer,
    });
    expect(up.status(), `upload to slot ${slot}`).toBe(201);
  }
  const sent = await request.post(`${api}/drafts/${draft}/submit?lang=vi`);
  expect(sent.status(), await sent.text()).toBe(201);
  return sent.json();
}

/// An officer's action on the dossier `code`.
export async function act(request: APIRequestContext, code: string, body: object) {
  const res = await request.post(`/portal/v1/officer/dossiers/${code}/transitions`, {
    headers: { authorization: `Bearer ${OFFICER_TOKEN}` },
    data: body,
  });
  expect(res.status(), `${JSON.stringify(body)}: ${await res.text()}`).toBe(200);
}

/// The code as a person might type it: lower case, spaces for dashes.
export const typedLoosely = (code: string) => code.toLowerCase().replaceAll('-', ' ');

/// Makes the dossier `code` overdue: its due date becomes yesterday, 17:00 in Vietnam. No officer
/// action can do this (an apology may only move the date later, and only before it passes), so,
/// as tests/track.rs does, the date is moved in the server's database: scripts/e2e.sh names its
/// SQLite file in E2E_DATABASE. Returns the date as the page shows it (dd/mm/yyyy).
export function makeOverdue(code: string): string {
  const db = process.env.E2E_DATABASE;
  if (!db) throw new Error('E2E_DATABASE is not set: run the specs through scripts/e2e.sh');
  // The code goes into the SQL text; only a dossier code's own characters may.
  if (!/^[0-9A-Z.-]+$/.test(code)) throw new Error(`not a dossier code: ${code}`);
  const vietnam = new Date(Date.now() + 7 * 3600_000 - 86_400_000);
  const [y, m, d] = [vietnam.getUTCFullYear(), vietnam.getUTCMonth() + 1, vietnam.getUTCDate()];
  const two = (n: number) => String(n).padStart(2, '0');
  const sql = `UPDATE dossiers SET new_due_date = '${y}-${two(m)}-${two(d)}T17:00:00+07:00' WHERE code = '${code}'; SELECT changes();`;
  // The server writes and empties its log at any moment, holding the write lock for a few
  // milliseconds: without a timeout the command fails at once ("database is locked"), as it
  // did once in a fresh clone's run; with one it waits its turn.
  const changed = execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, sql], { encoding: 'utf8' }).trim();
  expect(changed, `dossier ${code} in ${db}`).toBe('1');
  return `${two(d)}/${two(m)}/${y}`;
}
