import type { FastifyReply } from 'fastify';
import { type Table, writeXlsx } from '../ledger/xlsx.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A table sent as an .xlsx download; the Chinese file name survives every browser (RFC 5987). */
export async function sendXlsx(reply: FastifyReply, filename: string, table: Table) {
  const buf = await writeXlsx(table);
  return reply
    .type(XLSX)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(buf);
}
