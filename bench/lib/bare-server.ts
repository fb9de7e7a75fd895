import Fastify from 'fastify';

/** The reference under load: a bare Fastify route on the same machine, answering a small JSON object. */
const app = Fastify({ logger: false });
const body = { items: [{ id: '00000000-0000-4000-8000-000000000000', name: '衡阳高新区', total: 1 }], total: 1 };
app.get('/bare', async () => body);
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
process.stdout.write(`${JSON.stringify({ ready: true, port: typeof addr === 'object' && addr ? addr.port : 0 })}\n`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
