import { createHash } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { cleanFileName, sniffFileType } from '../../core/file-type.ts';
import { can } from '../../core/policy.ts';
import type { Tx } from '../../db/tx.ts';
import { AppError, forbidden, notFound } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { assertActsOnProject } from './access.ts';
import type { FileMeta } from './api-work.ts';
import { assertMayReport, assertVisibleProject, monthOf, monthStart } from './common.ts';
import { type FileType, majorProjectFiles } from './schema.ts';

/**
 * Photos (形象进度) and documents of a project. They live in the database
 * (bytea), so every app process serves them and a backup holds them. The type is
 * decided by the file's first bytes, never by its name or the browser's claim.
 */

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const PROJECT_FILE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];

/** Photos and PDFs only: containers and office formats are not project evidence. */
export function sniff(data: Buffer): FileType | null {
  const type = sniffFileType(data);
  return type !== null && PROJECT_FILE_TYPES.includes(type) ? (type as FileType) : null;
}

export const cleanName = cleanFileName;

type Row = Omit<typeof majorProjectFiles.$inferSelect, 'data'>;
const META = {
  id: majorProjectFiles.id,
  zoneId: majorProjectFiles.zoneId,
  projectId: majorProjectFiles.projectId,
  month: majorProjectFiles.month,
  filename: majorProjectFiles.filename,
  contentType: majorProjectFiles.contentType,
  size: majorProjectFiles.size,
  sha256: majorProjectFiles.sha256,
  caption: majorProjectFiles.caption,
  uploadedBy: majorProjectFiles.uploadedBy,
  uploadedByName: majorProjectFiles.uploadedByName,
  createdAt: majorProjectFiles.createdAt,
  deletedAt: majorProjectFiles.deletedAt,
};

const toMeta = (r: Row): FileMeta => ({
  id: r.id,
  projectId: r.projectId,
  month: r.month ? monthOf(r.month) : null,
  filename: r.filename,
  contentType: r.contentType,
  size: r.size,
  sha256: r.sha256,
  caption: r.caption,
  uploadedByName: r.uploadedByName,
  createdAt: r.createdAt.toISOString(),
});

export async function uploadFile(
  tx: Tx,
  actor: Actor,
  projectId: string,
  file: { data: Buffer; filename: string; month?: string; caption?: string },
): Promise<FileMeta> {
  await assertMayReport(tx, actor, projectId);
  if (file.data.length === 0) throw new AppError(400, t('文件是空的', 'The file is empty'));
  if (file.data.length > MAX_FILE_BYTES) {
    throw new AppError(413, t('文件不能超过 10 MB', 'A file may be at most 10 MB'));
  }
  const type = sniff(file.data);
  if (!type) {
    throw new AppError(
      415,
      t('只接受 JPEG、PNG、WebP 图片或 PDF 文件', 'Only JPEG, PNG or WebP images and PDF files are accepted'),
    );
  }
  const [row] = await tx.db
    .insert(majorProjectFiles)
    .values({
      zoneId: actor.zoneId,
      projectId,
      month: file.month ? monthStart(file.month) : null,
      filename: cleanName(file.filename),
      contentType: type,
      size: file.data.length,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      caption: file.caption ?? '',
      data: file.data,
      uploadedBy: actor.userId,
      uploadedByName: actor.displayName,
    })
    .returning(META);
  const meta = toMeta(row);
  await record(tx, actor, { action: 'create', entity: 'major_project.file', entityId: row.id, after: meta });
  return meta;
}

export async function listFiles(tx: Tx, actor: Actor, projectId: string, month?: string) {
  await assertVisibleProject(tx, actor, projectId);
  const conds = [eq(majorProjectFiles.projectId, projectId), isNull(majorProjectFiles.deletedAt)];
  if (month) conds.push(eq(majorProjectFiles.month, monthStart(month)));
  const rows = await tx.db
    .select(META)
    .from(majorProjectFiles)
    .where(and(...conds))
    .orderBy(desc(majorProjectFiles.createdAt));
  return { items: rows.map(toMeta) };
}

/** The file's bytes, only for those who may see the project. */
export async function readFile(tx: Tx, actor: Actor, projectId: string, fileId: string) {
  await assertVisibleProject(tx, actor, projectId);
  const [row] = await tx.db
    .select()
    .from(majorProjectFiles)
    .where(
      and(
        eq(majorProjectFiles.id, fileId),
        eq(majorProjectFiles.projectId, projectId),
        isNull(majorProjectFiles.deletedAt),
      ),
    );
  if (!row) throw notFound();
  return { meta: toMeta(row), data: row.data };
}

/** Soft delete: by the uploader, or by staff who manage major projects. */
export async function deleteFile(tx: Tx, actor: Actor, projectId: string, fileId: string) {
  const { meta } = await readFile(tx, actor, projectId, fileId);
  const [row] = await tx.db.select(META).from(majorProjectFiles).where(eq(majorProjectFiles.id, fileId));
  if (row.uploadedBy !== actor.userId) {
    if (!can(actor.roles, 'major.write')) throw forbidden();
    await assertActsOnProject(tx, actor, projectId);
  }
  await tx.db.update(majorProjectFiles).set({ deletedAt: new Date() }).where(eq(majorProjectFiles.id, fileId));
  await record(tx, actor, { action: 'delete', entity: 'major_project.file', entityId: fileId, before: meta });
}
