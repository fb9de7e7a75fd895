import { createHash } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { type SniffedType, sniffFileType } from '../../core/file-type.ts';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, notFound } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { getProject } from './project-read.ts';
import { agreements, attachments } from './schema.ts';

/** 框架协议 / 投资协议 / 补充协议 of a project, with their signed files. */

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Which extensions each sniffed type may carry: the name must agree with the bytes. */
const EXTENSIONS: Record<SniffedType, { ext: string[]; type: string }> = {
  'application/pdf': { ext: ['pdf'], type: 'application/pdf' },
  'image/png': { ext: ['png'], type: 'image/png' },
  'image/jpeg': { ext: ['jpg', 'jpeg'], type: 'image/jpeg' },
  'image/webp': { ext: ['webp'], type: 'image/webp' },
  zip: { ext: ['docx', 'xlsx', 'ofd'], type: 'application/octet-stream' },
  ole: { ext: ['doc', 'xls'], type: 'application/octet-stream' },
};

export function fileKind(filename: string, data: Buffer): string | null {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const sniffed = sniffFileType(data);
  if (sniffed === null) return null;
  const kind = EXTENSIONS[sniffed];
  return kind.ext.includes(ext) ? kind.type : null;
}

type AgreementRow = typeof agreements.$inferSelect;

async function withFiles(tx: Tx, rows: AgreementRow[]) {
  const out = [];
  for (const a of rows) {
    const files = await tx.db
      .select({
        id: attachments.id,
        filename: attachments.filename,
        contentType: attachments.contentType,
        size: attachments.size,
        sha256: attachments.sha256,
        uploadedBy: attachments.uploadedBy,
        createdAt: attachments.createdAt,
      })
      .from(attachments)
      .where(and(eq(attachments.agreementId, a.id), isNull(attachments.deletedAt)))
      .orderBy(asc(attachments.createdAt));
    out.push({
      id: a.id,
      projectId: a.projectId,
      kind: a.kind as 'framework' | 'investment' | 'supplementary',
      title: a.title,
      signedOn: a.signedOn,
      note: a.note,
      files: files.map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
      version: a.version,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    });
  }
  return out;
}

export async function listAgreements(tx: Tx, actor: Actor, projectId: string) {
  await getProject(tx, actor, projectId);
  const rows = await tx.db
    .select()
    .from(agreements)
    .where(and(eq(agreements.projectId, projectId), isNull(agreements.deletedAt)))
    .orderBy(asc(agreements.signedOn), asc(agreements.createdAt));
  return { items: await withFiles(tx, rows) };
}

/** The agreement if the caller may see its project, else 404. */
async function getAgreement(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx.db
    .select()
    .from(agreements)
    .where(and(eq(agreements.id, id), isNull(agreements.deletedAt)));
  if (!row) throw notFound();
  await getProject(tx, actor, row.projectId);
  return (await withFiles(tx, [row]))[0];
}

export async function createAgreement(
  tx: Tx,
  actor: Actor,
  projectId: string,
  input: { kind: string; title: string; signedOn: string | null; note: string },
) {
  await getProject(tx, actor, projectId);
  const [row] = await tx.db
    .insert(agreements)
    .values({ ...input, zoneId: actor.zoneId, projectId })
    .returning({ id: agreements.id });
  const after = await getAgreement(tx, actor, row.id);
  await record(tx, actor, { action: 'create', entity: 'agreement', entityId: row.id, after });
  return after;
}

export async function updateAgreement(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { version: number; kind?: string; title?: string; signedOn?: string | null; note?: string },
) {
  const before = await getAgreement(tx, actor, id);
  const { version, ...patch } = input;
  await updateVersioned(tx, agreements, id, version, patch);
  const after = await getAgreement(tx, actor, id);
  await record(tx, actor, { action: 'update', entity: 'agreement', entityId: id, before, after });
  return after;
}

export async function deleteAgreement(tx: Tx, actor: Actor, id: string, version?: number) {
  const before = await getAgreement(tx, actor, id);
  await updateVersioned(tx, agreements, id, version, { deletedAt: sql`now()` });
  await record(tx, actor, { action: 'delete', entity: 'agreement', entityId: id, before });
}

export async function attachFile(tx: Tx, actor: Actor, id: string, file: { filename: string; data: Buffer }) {
  await getAgreement(tx, actor, id);
  if (file.data.length === 0) throw fieldError('file', t('文件是空的', 'The file is empty'));
  if (file.data.length > MAX_FILE_BYTES) {
    throw new AppError(413, t('文件不能超过 20 MB', 'The file must not exceed 20 MB'));
  }
  const type = fileKind(file.filename, file.data);
  if (!type) {
    throw fieldError(
      'file',
      t('只接受 PDF、图片（JPG/PNG）、Word、Excel 或 OFD 文件', 'Only PDF, JPG/PNG, Word, Excel or OFD files'),
      415,
    );
  }
  const [row] = await tx.db
    .insert(attachments)
    .values({
      zoneId: actor.zoneId,
      agreementId: id,
      filename: file.filename.slice(0, 300),
      contentType: type,
      size: file.data.length,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      data: file.data,
      uploadedBy: actor.displayName,
    })
    .returning({ id: attachments.id });
  await record(tx, actor, {
    action: 'create',
    entity: 'attachment',
    entityId: row.id,
    after: { agreementId: id, filename: file.filename },
  });
  return getAgreement(tx, actor, id);
}

/** A file, only to those who may see its project. */
export async function readFile(tx: Tx, actor: Actor, fileId: string) {
  const [f] = await tx.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, fileId), isNull(attachments.deletedAt)));
  if (!f) throw notFound();
  await getAgreement(tx, actor, f.agreementId);
  return f;
}

export async function deleteFile(tx: Tx, actor: Actor, fileId: string) {
  const f = await readFile(tx, actor, fileId);
  await tx.db.update(attachments).set({ deletedAt: sql`now()` }).where(eq(attachments.id, fileId));
  await record(tx, actor, {
    action: 'delete',
    entity: 'attachment',
    entityId: fileId,
    before: { filename: f.filename },
  });
}
