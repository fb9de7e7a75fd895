import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cell, openSheet, readSheet, type Sheet, UnreadableFile } from './read.ts';

/** The reader this one replaced: exceljs loading the whole workbook. Its answers are the reference. */
async function exceljsSheet(data: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const value = (v: ExcelJS.CellValue): Cell => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (v instanceof Date) return v;
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return value(v.result as ExcelJS.CellValue);
    if ('text' in v) return value(v.text as ExcelJS.CellValue);
    if ('error' in v) return null;
    return String(v);
  };
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    const v = value(cell.value);
    headers[col - 1] = v === null ? '' : v instanceof Date ? v.toISOString() : String(v);
  });
  const rows: Sheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const v = value(cell.value);
      cells[col - 1] = typeof v === 'string' && v.trim() === '' ? null : v;
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    if (cells.some((c) => c !== null)) rows.push({ rowNumber, cells });
  });
  return { headers, rows };
}

/** A zip written by hand (deflated or stored entries), to build the .xlsx variants other writers produce. */
function zip(files: Record<string, string>, method: 0 | 8 = 8): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const raw = Buffer.from(text, 'utf8');
    const data = method === 8 ? zlib.deflateRawSync(raw) : raw;
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(raw.length, 24);
    dir.writeUInt16LE(nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(dir, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook in the shape of Excel's own files, with a namespace prefix when asked (as .NET writers do). */
function workbook(opts: {
  sheetData: string;
  strings?: string[];
  styles?: string;
  date1904?: boolean;
  prefix?: string;
}) {
  const p = opts.prefix ? `${opts.prefix}:` : '';
  const xmlns = opts.prefix ? `xmlns:${opts.prefix}="${NS}"` : `xmlns="${NS}"`;
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><${p}workbook ${xmlns} xmlns:r="${REL}">${opts.date1904 ? `<${p}workbookPr date1904="1"/>` : ''}<${p}sheets><${p}sheet name="台账" sheetId="7" r:id="rId9"/><${p}sheet name="其他" sheetId="1" r:id="rId1"/></${p}sheets></${p}workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="${REL}/worksheet" Target="/xl/worksheets/ledger.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0"?><${p}worksheet ${xmlns}><${p}sheetData><${p}row r="1"><${p}c r="A1" t="inlineStr"><${p}is><${p}t>WRONG SHEET</${p}t></${p}is></${p}c></${p}row></${p}sheetData></${p}worksheet>`,
    'xl/worksheets/ledger.xml': `<?xml version="1.0"?><${p}worksheet ${xmlns}><${p}dimension ref="A1:D5"/><${p}sheetData>${opts.sheetData}</${p}sheetData><${p}rowBreaks count="0"/></${p}worksheet>`,
    'xl/sharedStrings.xml': `<?xml version="1.0"?><${p}sst ${xmlns}>${(opts.strings ?? []).join('')}</${p}sst>`,
    'xl/styles.xml':
      opts.styles ??
      `<?xml version="1.0"?><${p}styleSheet ${xmlns}><${p}numFmts count="1"><${p}numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></${p}numFmts><${p}cellStyleXfs count="1"><${p}xf numFmtId="14"/></${p}cellStyleXfs><${p}cellXfs count="4"><${p}xf numFmtId="0"/><${p}xf numFmtId="14" applyNumberFormat="1"/><${p}xf numFmtId="176"/><${p}xf numFmtId="4"/></${p}cellXfs></${p}styleSheet>`,
  };
  return files;
}

describe('reading ledgers', () => {
  it('reads what exceljs read: strings, numbers, dates, rich text, formulas, booleans, gaps', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['项目编号', '总投资（万元）', '签约日期', ' 备注 ', null, 'TRUE?']);
    ws.addRow(['A-1', 1200.5, new Date(Date.UTC(2024, 2, 15)), 'a < b & "c"', null, true]);
    ws.addRow([
      'A-2',
      '1,200.5',
      '2024年5月20日',
      { richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] },
    ]);
    ws.addRow([]);
    ws.addRow(['   ', null]);
    ws.addRow(['A-3', { formula: 'B2*2', result: 2401 }, { formula: 'TODAY()', result: 'x' }, 'line\r\nbreak']);
    ws.getCell('F7').value = { text: '链接', hyperlink: 'https://example.com' };
    ws.getCell('J8').value = 'far';
    ws.getCell('B8').value = 0.1;
    ws.getCell('C8').value = -3e-7;
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const mine = await readSheet(data, 'a.xlsx');
    expect(mine).toEqual(await exceljsSheet(data));
    expect(mine.rows.map((r) => r.rowNumber)).toEqual([2, 3, 6, 7, 8]);
  });

  it('reads a 3,000-row ledger as exceljs did, and each pass reads it again', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['项目编号', '项目名称', '总投资(万元)', '签约日期']);
    for (let i = 0; i < 3000; i++) {
      ws.addRow([`P-${i}`, `项目${i % 700}`, i * 10.25, i % 3 ? new Date(Date.UTC(2020, 0, 1 + i)) : null]);
    }
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const source = await openSheet(data, 'big.xlsx');
    const passes: number[] = [];
    for (let pass = 0; pass < 2; pass++) {
      let n = 0;
      for await (const batch of source.rows()) n += batch.length;
      passes.push(n);
    }
    expect(passes).toEqual([3000, 3000]);
    expect(await readSheet(data, 'big.xlsx')).toEqual(await exceljsSheet(data));
  });

  it('reads the variants other writers produce: prefixes, inline strings, stored entries, 1904 dates, no cell refs', async () => {
    const sheetData = (p: string) =>
      [
        `<${p}row r="1"><${p}c r="A1" t="s"><${p}v>0</${p}v></${p}c><${p}c r="B1" t="s"><${p}v>1</${p}v></${p}c><${p}c r="C1" t="inlineStr"><${p}is><${p}t>签约日期</${p}t></${p}is></${p}c><${p}c r="D1" t="s"><${p}v>2</${p}v></${p}c></${p}row>`,
        `<${p}row r="2" spans="1:4"><${p}c r="A2" t="s"><${p}v>3</${p}v></${p}c><${p}c r="B2" s="3"><${p}v>1200.5</${p}v></${p}c><${p}c r="C2" s="1"><${p}v>45366</${p}v></${p}c><${p}c r="D2" t="inlineStr"><${p}is><${p}r><${p}t xml:space="preserve">甲 </${p}t></${p}r><${p}r><${p}rPr/><${p}t>乙</${p}t></${p}r></${p}is></${p}c></${p}row>`,
        `<${p}row r="3"/>`,
        // No r on the row or its cells: the next row, cells from A.
        `<${p}row><${p}c t="str"><${p}f>A2</${p}f><${p}v>X&amp;Y</${p}v></${p}c><${p}c s="2"><${p}v>45367</${p}v></${p}c><${p}c t="b"><${p}v>0</${p}v></${p}c><${p}c t="e"><${p}v>#N/A</${p}v></${p}c></${p}row>`,
        `<${p}row r="6"><${p}c r="A6" t="s"><${p}v>4</${p}v></${p}c><${p}c r="C6" t="d"><${p}v>2024-03-15T00:00:00Z</${p}v></${p}c><${p}c r="D6" s="1"/></${p}row>`,
      ].join('');
    const strings = (p: string) => [
      `<${p}si><${p}t>项目编号</${p}t></${p}si>`,
      `<${p}si><${p}r><${p}t>总投资</${p}t></${p}r><${p}r><${p}t>（万元）</${p}t></${p}r></${p}si>`,
      `<${p}si><${p}t>备注</${p}t><${p}rPh sb="0" eb="2"><${p}t>ビコウ</${p}t></${p}rPh></${p}si>`,
      `<${p}si><${p}t>A-1_x000D_</${p}t></${p}si>`,
      `<${p}si><${p}t>&#x4E2D;&#25991;</${p}t></${p}si>`,
    ];
    const expected = (date1904: boolean): Sheet => {
      const day = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + (date1904 ? 1462 * 86_400_000 : 0));
      return {
        headers: ['项目编号', '总投资（万元）', '签约日期', '备注'],
        rows: [
          { rowNumber: 2, cells: ['A-1\r', 1200.5, day('2024-03-15'), '甲 乙'] },
          { rowNumber: 4, cells: ['X&Y', day('2024-03-16'), 'FALSE', null] },
          { rowNumber: 6, cells: ['中文', null, new Date('2024-03-15T00:00:00Z'), null] },
        ],
      };
    };
    for (const prefix of ['', 'x']) {
      const p = prefix ? `${prefix}:` : '';
      const files = workbook({ sheetData: sheetData(p), strings: strings(p), prefix });
      expect(await readSheet(zip(files), 'a.xlsx')).toEqual(expected(false));
      expect(await readSheet(zip(files, 0), 'stored.bin')).toEqual(expected(false));
      const old = workbook({ sheetData: sheetData(p), strings: strings(p), prefix, date1904: true });
      expect(await readSheet(zip(old), 'b.xlsx')).toEqual(expected(true));
    }
  });

  it('refuses broken files with UnreadableFile, never another error', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow(['项目编号']);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    // The sheet's compressed data overwritten (0xff: a deflate block of the reserved type).
    const garbled = Buffer.from(good);
    const at = garbled.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length;
    garbled.fill(0xff, at, at + 8);
    const broken = [
      garbled,
      good.subarray(0, good.length - 30),
      good.subarray(0, 200),
      Buffer.concat([Buffer.from('PK'), Buffer.alloc(100)]),
      zip({ 'xl/workbook.xml': '<workbook><sheets/></workbook>' }),
    ];
    for (const data of broken) {
      const read = async () => {
        const s = await openSheet(data, 'x.xlsx');
        for await (const _ of s.rows());
      };
      await expect(read()).rejects.toBeInstanceOf(UnreadableFile);
    }
  });

  it('answers any damaged workbook with rows or UnreadableFile, never another error', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['项目编号', '签约日期', '总投资(万元)']);
    for (let i = 0; i < 50; i++) ws.addRow([`D-${i}`, new Date(Date.UTC(2024, 0, 1 + i)), i * 1.5]);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(good.length), { nil: undefined }),
        async (edits, cut) => {
          const data = Buffer.from(good.subarray(0, cut ?? good.length));
          for (const [at, byte] of edits) if (at < data.length) data[at] = byte;
          try {
            await readSheet(data, 'x.xlsx');
          } catch (err) {
            if (!(err instanceof UnreadableFile)) throw err;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads CSV with a BOM, skips empty and blank lines, and numbers rows as before', async () => {
    const data = Buffer.from('\uFEFF项目编号,名称\r\n\r\nA-1,"x, y"\r\n , \r\nA-2,\r\n', 'utf8');
    expect(await readSheet(data, 'a.csv')).toEqual({
      headers: ['项目编号', '名称'],
      rows: [
        { rowNumber: 2, cells: ['A-1', 'x, y'] },
        { rowNumber: 4, cells: ['A-2', null] },
      ],
    });
    await expect(openSheet(Buffer.from(''), 'e.csv')).rejects.toBeInstanceOf(UnreadableFile);
    const bad = async () => readSheet(Buffer.from('a,b\n"x,y\n'), 'bad.csv');
    await expect(bad()).rejects.toBeInstanceOf(UnreadableFile);
  });
});
