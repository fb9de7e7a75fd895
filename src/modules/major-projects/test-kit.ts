import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client, TestZone } from '../../test/harness.ts';

/** Test helpers of the major-projects suites: multipart uploads and the spec's example files. */

export const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../spec/examples');
export const example = (name: string) => fs.readFileSync(path.join(EXAMPLES, name));

/** POSTs one file as multipart/form-data (field `file`) with the client's session. */
export function upload(
  client: Client,
  url: string,
  filename: string,
  data: Buffer,
  contentType = 'application/octet-stream',
) {
  const boundary = `----gaoxin${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return client.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'accept-language': client.lang,
      ...(client.cookie ? { cookie: client.cookie } : {}),
    },
    payload: Buffer.concat([head, data, tail]),
  });
}

export const importLedger = (client: Client, ledger: string, filename: string, data: Buffer, dryRun = false) =>
  upload(client, `/api/v1/ledgers/${ledger}/import${dryRun ? '?dryRun=true' : ''}`, filename, data);

export const csv = (rows: (string | number)[][]) => Buffer.from(`${rows.map((r) => r.join(',')).join('\n')}\n`);

/** Imports the spec's worked example into the client's zone, in the README's order. */
export async function importExamples(client: Client) {
  for (const [ledger, file] of [
    ['major-projects', 'major-projects.csv'],
    ['major-projects', 'major-projects-yi.csv'],
    ['major-project-progress', 'major-project-progress.csv'],
  ]) {
    const res = await importLedger(client, ledger, file, example(file));
    if (res.statusCode !== 200) throw new Error(`${file}: ${res.body}`);
  }
}

/** The rows of this module's tables, to prove an operation wrote nothing. */
export const MODULE_TABLES = [
  'major_projects',
  'major_project_plans',
  'major_project_milestones',
  'major_project_list_rows',
  'major_project_reports',
  'major_project_report_revisions',
  'major_project_issues',
  'major_project_issue_steps',
  'departments',
];
export function moduleState(snap: Record<string, string>) {
  return Object.fromEntries(MODULE_TABLES.map((t) => [t, snap[t]]));
}

/** PUT with the client's session (the harness client speaks GET/POST/PATCH/DELETE). */
export const put = (client: Client, url: string, body: unknown) => client.request('PUT', url, body);

/**
 * A staff member of the coordinating department (统筹部门), who acts on every project of the zone;
 * the department is created (or found by name) and made the coordinating one by an admin.
 */
export async function coordinator(zone: TestZone, name = '经济发展局'): Promise<Client> {
  const admin = await zone.as(['admin']);
  const deps = (await admin.get(`/api/v1/departments?q=${encodeURIComponent(name)}`)).json().items as {
    id: string;
    name: string;
  }[];
  const dep: { id: string } =
    deps.find((d) => d.name === name) ?? (await admin.post('/api/v1/departments', { name })).json();
  const settings = (await admin.get('/api/v1/major-projects/settings')).json();
  const res = await put(admin, '/api/v1/major-projects/settings', { ...settings, coordinatingDepartmentId: dep.id });
  if (res.statusCode !== 200) throw new Error(`settings: ${res.body}`);
  return zone.as(['staff'], { departmentId: dep.id });
}
