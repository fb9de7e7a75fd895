import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonText } from './json-text.ts';
import { serializerCompiler } from './serializer.ts';

/** Answers go out by the route's schema; an answer the database wrote goes out as it is, checked under test. */
const Item = z.object({ id: z.string(), amount: z.string(), at: z.string().nullable() });
const List = z.object({ items: z.array(Item), total: z.number().int() });

async function appAnswering(body: unknown) {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.get('/list', { schema: { response: { 200: List } } }, async () => body as z.infer<typeof List>);
  await app.ready();
  return app;
}

describe('the response serialiser', () => {
  it('writes an object by its schema, leaving out what the schema does not name', async () => {
    const app = await appAnswering({ items: [{ id: 'a', amount: '1.00', at: null, secret: 'x' }], total: 1, extra: 2 });
    const res = await app.inject({ url: '/list' });
    expect(res.body).toBe('{"items":[{"id":"a","amount":"1.00","at":null}],"total":1}');
  });

  it("sends the database's JSON text unchanged when it fits the schema", async () => {
    const text = '{"items" : [{"id":"a","amount":"1.00","at":"2026-01-02T03:04:05.000Z"}], "total" : 1}';
    const res = await (await appAnswering(jsonText(text))).inject({ url: '/list' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(text);
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });

  it('refuses, under test, a database answer with a property too many, one missing or of another type', async () => {
    for (const text of [
      '{"items":[{"id":"a","amount":"1.00","at":null,"secret":"x"}],"total":1}',
      '{"items":[{"id":"a","at":null}],"total":1}',
      '{"items":[{"id":"a","amount":1.0,"at":null}],"total":1}',
    ]) {
      const res = await (await appAnswering(jsonText(text))).inject({ url: '/list' });
      expect(res.statusCode, text).toBe(500);
    }
  });
});
