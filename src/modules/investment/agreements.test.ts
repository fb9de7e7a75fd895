import { describe, expect, it } from 'vitest';
import { type Client, KINDS, makeZone, useApp } from '../../test/harness.ts';
import { fileKind } from './agreements.ts';

const P = '/api/v1/investment';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

function upload(c: Client, url: string, filename: string, data: Buffer) {
  const boundary = '----gaoxin-agreement';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { cookie: c.cookie ?? '', 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

describe('file kinds', () => {
  it('trusts the bytes, not the name', () => {
    expect(fileKind('协议.pdf', PDF)).toBe('application/pdf');
    expect(fileKind('协议.pdf', Buffer.from('<html>'))).toBeNull();
    expect(fileKind('evil.html', PDF)).toBeNull();
    expect(fileKind('scan.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
  });
});

describe.each(KINDS)('agreements on %s', (kind) => {
  const h = useApp(kind);

  it('keeps a project`s agreements with their files, served only to those who see the project', async () => {
    const zone = await makeZone(h);
    const admin = await zone.as(['admin']);
    const ag = (await admin.post('/api/v1/departments', { name: '某招商机构', kind: 'agency' })).json().id;
    const p = (
      await admin.post(`${P}/projects`, {
        code: 'AGR-1',
        name: '协议项目',
        companyName: '协议企业',
        channel: 'staff',
        totalInvestment: '1',
      })
    ).json();
    const a = await admin.post(`${P}/projects/${p.id}/agreements`, {
      kind: 'investment',
      title: '投资合作协议',
      signedOn: '2025-07-11',
    });
    expect(a.statusCode).toBe(201);
    const up = await upload(admin, `${P}/agreements/${a.json().id}/files`, '投资合作协议.pdf', PDF);
    expect(up.statusCode).toBe(201);
    const file = up.json().files[0];
    expect(file).toMatchObject({ filename: '投资合作协议.pdf', contentType: 'application/pdf', size: PDF.length });
    const bad = await upload(admin, `${P}/agreements/${a.json().id}/files`, 'x.pdf', Buffer.from('<script>'));
    expect(bad.statusCode).toBe(415);
    const got = await admin.app.inject({
      method: 'GET',
      url: `${P}/files/${file.id}`,
      headers: { cookie: admin.cookie ?? '' },
    });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.rawPayload.equals(PDF)).toBe(true);
    // An agency that did not bring the project, and another zone, see nothing.
    const agency = await zone.as(['agency'], { departmentId: ag });
    const other = await (await makeZone(h)).as(['admin']);
    for (const c of [agency, other]) {
      expect((await c.get(`${P}/files/${file.id}`)).statusCode).toBe(404);
      expect((await c.get(`${P}/projects/${p.id}/agreements`)).statusCode).toBe(404);
      expect((await upload(c, `${P}/agreements/${a.json().id}/files`, 'y.pdf', PDF)).statusCode).toBe(404);
    }
    const list = (await admin.get(`${P}/projects/${p.id}/agreements`)).json().items;
    expect(list).toMatchObject([{ kind: 'investment', title: '投资合作协议', files: [{ id: file.id }] }]);
    expect((await admin.delete(`${P}/files/${file.id}`)).statusCode).toBe(204);
    expect((await admin.get(`${P}/projects/${p.id}/agreements`)).json().items[0].files).toEqual([]);
  });
});
