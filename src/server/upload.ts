import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import { t } from './lang.ts';

export type Upload = { filename: string; data: Buffer };

const MALFORMED = t(
  '上传内容格式不正确（multipart 解析失败）',
  'The upload is malformed (multipart could not be parsed)',
);

/**
 * Reads the one file of a multipart request into memory. Every way the body can be wrong
 * (not multipart, no file, cut short, over the size) is the caller's fault and answers 4xx:
 * the parser throws plain Errors for broken bodies, which would otherwise become 500s.
 */
export async function readUpload(req: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!req.isMultipart()) {
    throw new AppError(415, t('请以 multipart/form-data 上传文件', 'Upload the file as multipart/form-data'));
  }
  const mb = Math.round(maxBytes / 1024 / 1024);
  try {
    const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (!part) throw new AppError(400, t('没有收到文件（字段 file）', 'No file was received (field file)'));
    const data = await part.toBuffer();
    return { filename: part.filename || 'upload', data };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { code?: string; statusCode?: number };
    if (e.code === 'FST_REQ_FILE_TOO_LARGE' || e.statusCode === 413) {
      throw new AppError(413, t(`文件不能超过 ${mb} MB`, `A file may be at most ${mb} MB`));
    }
    throw new AppError(400, MALFORMED);
  }
}
