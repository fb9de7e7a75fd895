import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import type { Cell, SheetRow } from './read.ts';

/**
 * A streaming reader for the first sheet of an .xlsx: the zip's directory is
 * read from the upload, the sheet's XML inflated a chunk at a time and cut
 * into <row> elements, so neither the workbook nor the sheet is ever held
 * whole (exceljs loaded a 100,000-row ledger whole: 1.6 GB). Only the shared
 * strings and the styles' date formats are kept, as exceljs keeps them.
 * Cell values are what exceljs gives: numbers, strings, Dates for numbers in
 * a date format, TRUE/FALSE, errors as empty.
 */

export class XlsxError extends Error {}

interface Entry {
  method: number;
  compressedSize: number;
  offset: number;
}

const CHUNK = 64 * 1024;
/** An element (a row, a shared string) longer than this is not a ledger: refuse rather than grow without end. */
const MAX_ELEMENT = 16 * 1024 * 1024;
/** The inflated size of the sheet (streamed): far above a 50 MB upload's honest content, far below a zip bomb's. */
const MAX_PART = 2 * 1024 * 1024 * 1024;
/** The shared strings are held: a million-row ledger's are ~100 MB of XML. */
const MAX_STRINGS = 256 * 1024 * 1024;

function zipDirectory(buf: Buffer): Map<string, Entry> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxError('not a zip file');
  let count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if ((count === 0xffff || at === 0xffffffff) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === 0x07064b50) {
    const z = Number(buf.readBigUInt64LE(eocd - 12));
    if (buf.readUInt32LE(z) === 0x06064b50) {
      count = Number(buf.readBigUInt64LE(z + 32));
      at = Number(buf.readBigUInt64LE(z + 48));
    }
  }
  const out = new Map<string, Entry>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new XlsxError('broken zip directory');
    const method = buf.readUInt16LE(at + 10);
    let compressedSize = buf.readUInt32LE(at + 20);
    let size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    let offset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    // Zip64: the sizes and offset that overflow 32 bits follow in this order.
    for (let e = at + 46 + nameLength; e + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = buf.readUInt16LE(e);
      const length = buf.readUInt16LE(e + 2);
      if (id === 1) {
        let q = e + 4;
        const next = () => {
          const v = Number(buf.readBigUInt64LE(q));
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (offset === 0xffffffff) offset = next();
      }
      e += 4 + length;
    }
    // Part names are case-insensitive (OPC); some writers add a leading slash or backslashes.
    out.set(name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase(), { method, compressedSize, offset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

function entryData(buf: Buffer, e: Entry): Buffer {
  if (buf.readUInt32LE(e.offset) !== 0x04034b50) throw new XlsxError('broken zip entry');
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  if (start + e.compressedSize > buf.length) throw new XlsxError('truncated zip entry');
  if (e.method !== 0 && e.method !== 8) throw new XlsxError(`unsupported zip compression (${e.method})`);
  return buf.subarray(start, start + e.compressedSize);
}

/** A part's text a chunk at a time (UTF-8 sequences split across chunks are joined). */
async function* partText(buf: Buffer, e: Entry, max = MAX_PART): AsyncGenerator<string> {
  const data = entryData(buf, e);
  const decoder = new StringDecoder('utf8');
  if (e.method === 0) {
    for (let i = 0; i < data.length; i += CHUNK) yield decoder.write(data.subarray(i, i + CHUNK));
    return;
  }
  const inflater = zlib.createInflateRaw({ chunkSize: CHUNK });
  inflater.end(data);
  let total = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > max) throw new XlsxError('a part of the workbook is too large');
      yield decoder.write(chunk);
    }
  } catch (err) {
    if (err instanceof XlsxError) throw err;
    throw new XlsxError(`broken compressed data (${(err as Error).message})`);
  } finally {
    inflater.destroy();
  }
}

function partWhole(buf: Buffer, e: Entry): string {
  const data = entryData(buf, e);
  try {
    return (e.method === 0 ? data : zlib.inflateRawSync(data, { maxOutputLength: 256 * 1024 * 1024 })).toString('utf8');
  } catch (err) {
    throw new XlsxError(`broken compressed data (${(err as Error).message})`);
  }
}

/** The namespace prefix the part's root element uses (`x:` in some writers' files), or ''. */
const prefixOf = (xml: string, root: string) => new RegExp(`<([A-Za-z_][\\w.-]*:)?${root}[\\s>/]`).exec(xml)?.[1] ?? '';

/**
 * The complete `<tag …>…</tag>` (or `<tag …/>`) elements of a streamed part,
 * in order; only the text since the last complete element is kept.
 */
async function* elements(chunks: AsyncIterable<string>, root: string, tag: string): AsyncGenerator<string[]> {
  let text = '';
  let prefix: string | null = null;
  let open = '';
  let close = '';
  for await (const chunk of chunks) {
    text += chunk;
    if (prefix === null) {
      const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${root}[\\s>/]`).exec(text);
      if (!m) {
        if (text.length > MAX_ELEMENT) throw new XlsxError(`no <${root}> in the part`);
        continue;
      }
      prefix = m[1] ?? '';
      open = `<${prefix}${tag}`;
      close = `</${prefix}${tag}>`;
    }
    const found: string[] = [];
    let pos = 0;
    for (;;) {
      const i = text.indexOf(open, pos);
      if (i < 0) {
        pos = Math.max(pos, text.length - open.length);
        break;
      }
      const after = text.charCodeAt(i + open.length);
      if (Number.isNaN(after)) {
        pos = i;
        break;
      }
      // <rowBreaks> is not a <row>.
      if (after !== 0x20 && after !== 0x3e && after !== 0x2f && after !== 0x09 && after !== 0x0a && after !== 0x0d) {
        pos = i + open.length;
        continue;
      }
      const gt = text.indexOf('>', i);
      if (gt < 0) {
        pos = i;
        break;
      }
      if (text.charCodeAt(gt - 1) === 0x2f) {
        found.push(text.slice(i, gt + 1));
        pos = gt + 1;
        continue;
      }
      const end = text.indexOf(close, gt);
      if (end < 0) {
        pos = i;
        break;
      }
      found.push(text.slice(i, end + close.length));
      pos = end + close.length;
    }
    text = text.slice(pos);
    if (text.length > MAX_ELEMENT) throw new XlsxError(`an element <${tag}> is too large`);
    if (found.length > 0) yield found;
  }
}

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** ECMA-376 escapes characters XML cannot carry as _xHHHH_ (a line break written by Excel is _x000D_). */
const XSTRING = /_x([0-9A-Fa-f]{4})_/g;

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
}

function xmlText(raw: string): string {
  let s = raw;
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  if (s.includes('&'))
    s = s.replace(ENTITY, (_, name: string, dec: string, hex: string) =>
      name ? NAMED[name] : codePoint(dec ? Number(dec) : Number.parseInt(hex, 16)),
    );
  if (s.includes('_x')) s = s.replace(XSTRING, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return s;
}

const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(ATTRIBUTE)) out[m[1]] = xmlText(m[2] ?? m[3]);
  return out;
}

const runPatterns = new Map<string, { phonetic: RegExp; text: RegExp }>();

/** The text of an <si> or <is>: its <t> elements, phonetic runs (<rPh>) left out. */
function runText(xml: string, p: string): string {
  let re = runPatterns.get(p);
  if (!re) {
    re = {
      phonetic: new RegExp(`<${p}rPh\\b[\\s\\S]*?</${p}rPh>`, 'g'),
      text: new RegExp(`<${p}t(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${p}t>)`, 'g'),
    };
    runPatterns.set(p, re);
  }
  const body = xml.includes('rPh') ? xml.replace(re.phonetic, '') : xml;
  let out = '';
  for (const m of body.matchAll(re.text)) if (m[1]) out += m[1];
  return xmlText(out);
}

/** Excel's built-in date and time formats (14–22, 45–47, and the CJK ones 27–36, 50–58). */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47]);
for (let i = 50; i <= 58; i++) BUILTIN_DATES.add(i);

/** A format code shows a date when, outside quotes, brackets and escapes, it has y, m, d, h or s (as exceljs decides). */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*\]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  return /[ymdhs]/i.test(bare);
}

/** Which cell styles (the index a cell's `s` names) show their number as a date. */
function dateStyles(xml: string): boolean[] {
  const p = prefixOf(xml, 'styleSheet');
  const formats = new Map<number, string>();
  for (const m of xml.matchAll(new RegExp(`<${p}numFmt\\s[^>]*>`, 'g'))) {
    const a = attributes(m[0]);
    formats.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const section = new RegExp(`<${p}cellXfs\\b[\\s\\S]*?</${p}cellXfs>`).exec(xml)?.[0] ?? '';
  const out: boolean[] = [];
  for (const m of section.matchAll(new RegExp(`<${p}xf\\b[^>]*>`, 'g'))) {
    const id = Number(attributes(m[0]).numFmtId ?? 0);
    const custom = formats.get(id);
    out.push(custom !== undefined ? isDateFormat(custom) : BUILTIN_DATES.has(id));
  }
  return out;
}

function relationships(xml: string): { id: string; type: string; target: string }[] {
  return [...xml.matchAll(/<(?:[\w.-]+:)?Relationship\s[^>]*>/g)].map((m) => {
    const a = attributes(m[0]);
    return { id: a.Id ?? '', type: a.Type ?? '', target: a.Target ?? '' };
  });
}

const resolvePart = (dir: string, target: string) =>
  (target.startsWith('/') ? path.posix.normalize(target) : path.posix.join(dir, target))
    .replace(/^\//, '')
    .toLowerCase();

/** The markup of a sheet with a namespace prefix (`x:`) or none. */
interface Markup {
  p: string;
  cellOpen: string;
  cellClose: string;
  /** The text of a cell's <v>, if it has one. */
  value(inner: string): string | undefined;
}

function markup(p: string): Markup {
  const open = `<${p}v>`;
  const close = `</${p}v>`;
  const general = new RegExp(`<${p}v(?:\\s[^>]*)?>([\\s\\S]*?)</${p}v>`);
  return {
    p,
    cellOpen: `<${p}c`,
    cellClose: `</${p}c>`,
    value(inner) {
      const i = inner.indexOf(open);
      if (i >= 0) {
        const end = inner.indexOf(close, i);
        return end < 0 ? undefined : inner.slice(i + open.length, end);
      }
      return general.exec(inner)?.[1];
    },
  };
}

/** One attribute of the tag in s[from, to), found without a regex (r, s and t are never escaped). */
function attribute(s: string, from: number, to: number, name: string): string | undefined {
  let i = from;
  for (;;) {
    i = s.indexOf(`${name}=`, i);
    if (i < 0 || i >= to) return undefined;
    const before = s.charCodeAt(i - 1);
    // A whole name: after whitespace (not the end of xr:uid=, say).
    if (before === 0x20 || before === 0x09 || before === 0x0a || before === 0x0d) break;
    i += name.length + 1;
  }
  const quote = s[i + name.length + 1];
  if (quote !== '"' && quote !== "'") return undefined;
  const start = i + name.length + 2;
  const end = s.indexOf(quote, start);
  return end < 0 || end > to ? undefined : s.slice(start, end);
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n - 1;
}

export interface XlsxSheet {
  /** The first sheet's rows as exceljs shows them: numbered from 1, empty rows left out. */
  rows(): AsyncGenerator<SheetRow[]>;
}

/** Opens an .xlsx held in memory; reads the shared strings and styles, not yet the sheet. */
export async function openXlsx(buf: Buffer): Promise<XlsxSheet> {
  try {
    return await open(buf);
  } catch (err) {
    // Offsets pointing outside the buffer (a cut-short or forged file) surface as RangeError.
    if (err instanceof RangeError) throw new XlsxError('not a readable zip file');
    throw err;
  }
}

async function open(buf: Buffer): Promise<XlsxSheet> {
  const dir = zipDirectory(buf);
  const part = (name: string) => dir.get(name);
  const whole = (name: string) => {
    const e = part(name);
    return e ? partWhole(buf, e) : null;
  };
  const main =
    relationships(whole('_rels/.rels') ?? '').find((r) => r.type.endsWith('/officeDocument'))?.target ??
    'xl/workbook.xml';
  const workbookName = resolvePart('', main);
  const workbook = whole(workbookName);
  if (workbook === null) throw new XlsxError('no workbook in the file');
  const base = path.posix.dirname(workbookName);
  const rels = relationships(whole(`${base}/_rels/${path.posix.basename(workbookName)}.rels`) ?? '');
  const target = (type: string) => {
    const r = rels.find((x) => x.type.endsWith(`/${type}`));
    return r ? resolvePart(base, r.target) : null;
  };
  let sheetName: string | null = null;
  for (const m of workbook.matchAll(/<(?:[\w.-]+:)?sheet\s[^>]*>/g)) {
    const a = attributes(m[0]);
    const id = Object.entries(a).find(([k]) => k === 'id' || k.endsWith(':id'))?.[1];
    const rel = rels.find((r) => r.id === id);
    if (rel?.type.endsWith('/worksheet')) {
      sheetName = resolvePart(base, rel.target);
      break;
    }
  }
  sheetName ??= part(`${base}/worksheets/sheet1.xml`) ? `${base}/worksheets/sheet1.xml` : null;
  const sheet = sheetName ? part(sheetName) : undefined;
  if (!sheet) throw new XlsxError('the workbook has no sheet');
  entryData(buf, sheet);
  const date1904 = /<(?:[\w.-]+:)?workbookPr\s[^>]*date1904\s*=\s*["'](?:1|true)["']/.test(workbook);
  const stylesName = target('styles');
  const styles = stylesName ? whole(stylesName) : null;
  const isDate = styles ? dateStyles(styles) : [];
  const strings: string[] = [];
  const sstName = target('sharedStrings');
  const sst = sstName ? part(sstName) : undefined;
  if (sst) {
    let p: string | null = null;
    for await (const batch of elements(partText(buf, sst, MAX_STRINGS), 'sst', 'si')) {
      p ??= prefixOf(batch[0], 'si');
      for (const si of batch) strings.push(runText(si, p));
    }
  }
  const sheetEntry = sheet;

  /** A cell's value from its type (`t`), style (`s`) and content, as exceljs gives it. */
  function cellValue(type: string | undefined, style: string | undefined, inner: string, x: Markup): Cell {
    if (type === 'inlineStr') return runText(inner, x.p);
    const v = x.value(inner);
    if (v === undefined) return null;
    switch (type ?? 'n') {
      case 's': {
        const s = strings[Number(v)];
        return s === undefined ? null : s;
      }
      case 'str':
        return xmlText(v);
      case 'b':
        return v.trim() === '1' || v.trim() === 'true' ? 'TRUE' : 'FALSE';
      case 'e':
        return null;
      case 'd': {
        const d = new Date(v.trim());
        return Number.isNaN(d.getTime()) ? xmlText(v) : d;
      }
      default: {
        const n = Number(v);
        if (v.trim() === '' || Number.isNaN(n)) return xmlText(v);
        if (style !== undefined && isDate[Number(style)]) {
          const d = new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
          // A serial no date can hold stays a number (and fails the column's check, not the import).
          if (!Number.isNaN(d.getTime())) return d;
        }
        return n;
      }
    }
  }

  /** One <row>: its number and cells, found with indexOf (the hot loop of a large import; regexes cost 3×). */
  function rowOf(row: string, x: Markup, lastRow: number): SheetRow & { empty: boolean } {
    const tagEnd = row.indexOf('>');
    const r = Number(attribute(row, 0, tagEnd, 'r'));
    const rowNumber = Number.isInteger(r) && r > 0 ? r : lastRow + 1;
    const cells: Cell[] = [];
    if (row.charCodeAt(tagEnd - 1) === 0x2f) return { rowNumber, cells, empty: true };
    let col = -1;
    let i = tagEnd + 1;
    for (;;) {
      const start = row.indexOf(x.cellOpen, i);
      if (start < 0) break;
      const after = row.charCodeAt(start + x.cellOpen.length);
      if (after !== 0x20 && after !== 0x3e && after !== 0x2f && after !== 0x09 && after !== 0x0a && after !== 0x0d) {
        i = start + x.cellOpen.length;
        continue;
      }
      const gt = row.indexOf('>', start);
      if (gt < 0) break;
      const selfClosing = row.charCodeAt(gt - 1) === 0x2f;
      let inner: string | null = null;
      if (selfClosing) i = gt + 1;
      else {
        const end = row.indexOf(x.cellClose, gt);
        if (end < 0) break;
        inner = row.slice(gt + 1, end);
        i = end + x.cellClose.length;
      }
      const ref = attribute(row, start, gt, 'r');
      col = ref ? columnIndex(ref) : col + 1;
      if (col < 0 || col > 16383) continue;
      const v =
        inner === null ? null : cellValue(attribute(row, start, gt, 't'), attribute(row, start, gt, 's'), inner, x);
      while (cells.length < col) cells.push(null);
      cells[col] = typeof v === 'string' && v.trim() === '' ? null : v;
    }
    return { rowNumber, cells, empty: false };
  }

  return {
    async *rows() {
      let x: Markup | null = null;
      let lastRow = 0;
      for await (const batch of elements(partText(buf, sheetEntry), 'worksheet', 'row')) {
        x ??= markup(prefixOf(batch[0], 'row'));
        const out: SheetRow[] = [];
        for (const row of batch) {
          const { rowNumber, cells, empty } = rowOf(row, x, lastRow);
          lastRow = rowNumber;
          if (!empty) out.push({ rowNumber, cells });
        }
        yield out;
      }
    },
  };
}
