import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '../../test/harness.ts';

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
