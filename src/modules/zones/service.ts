import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/tx.ts';
import { fieldError } from '../../server/errors.ts';
import { t } from '../../server/lang.ts';
import { zones } from './schema.ts';

export interface ZoneInput {
  code: string;
  name: string;
  regionCode?: string | null;
  level?: 'national' | 'provincial';
}

export const ZONE_CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** A GB/T 2260 administrative division code: six digits (a grant's 000000 is the whole country). */
export const isRegionCode = (v: string) => /^\d{6}$/.test(v);

/** System scope: zones are created by the platform's operators, not inside a zone. */
export async function createZone(tx: Tx, input: ZoneInput) {
  if (!ZONE_CODE.test(input.code)) {
    throw fieldError(
      'code',
      t('园区代码为 1–32 位字母、数字、下划线或连字符', 'Zone code: 1–32 letters, digits, _ or -'),
    );
  }
  if (input.regionCode && !isRegionCode(input.regionCode)) {
    throw fieldError('regionCode', t('行政区划代码应为 6 位数字', 'Region code must be 6 digits'));
  }
  if (await findZone(tx, input.code)) {
    throw fieldError('code', t(`园区代码 ${input.code} 已存在`, `Zone code ${input.code} already exists`), 409);
  }
  const [row] = await tx.db
    .insert(zones)
    .values({
      code: input.code,
      name: input.name,
      regionCode: input.regionCode ?? null,
      level: input.level ?? 'national',
      version: 1,
    })
    .returning();
  return row;
}

export async function findZone(tx: Tx, code: string) {
  const [row] = await tx.db.select().from(zones).where(eq(zones.code, code));
  return row ?? null;
}
