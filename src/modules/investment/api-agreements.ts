import { z } from 'zod';
import { Id, Timestamp, Version } from '../../server/schemas.ts';
import { DateStr } from './api.ts';
import { AGREEMENT_KINDS } from './vocab.ts';

/** Schemas of agreements (框架协议 / 投资协议 / 补充协议) and their files. */

export const AgreementKind = z.enum(AGREEMENT_KINDS);
export const Agreement = z
  .object({
    id: Id,
    projectId: Id,
    kind: AgreementKind,
    title: z.string(),
    signedOn: z.string().nullable(),
    note: z.string(),
    files: z.array(
      z.object({
        id: Id,
        filename: z.string(),
        contentType: z.string(),
        size: z.number().int(),
        sha256: z.string(),
        uploadedBy: z.string(),
        createdAt: Timestamp,
      }),
    ),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Agreement' });
export const AgreementList = z.object({ items: z.array(Agreement) });
export const AgreementCreate = z.strictObject({
  kind: AgreementKind,
  title: z.string().trim().min(1).max(200),
  signedOn: DateStr.nullable().default(null),
  note: z.string().trim().max(2000).default(''),
});
export const AgreementUpdate = z.strictObject({
  version: Version,
  kind: AgreementKind.optional(),
  title: z.string().trim().min(1).max(200).optional(),
  signedOn: DateStr.nullable().optional(),
  note: z.string().trim().max(2000).optional(),
});
