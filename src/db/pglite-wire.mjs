// Serves one PGlite session to many connections over the Postgres wire protocol.
//
// Why our own server: PGlite is one backend session, so a connection must have it
// to itself from its first message until the backend is idle again, or another
// connection's statement runs inside its transaction (and sees its settings,
// such as the zone that row-level security walls to). The server we used before
// passed each message on separately and only held the session inside an
// explicit transaction block: the messages of one extended-protocol query
// (Parse, Bind, Execute … Sync) could interleave with another connection's.
//
// Here a connection's complete messages run as one call, and the connection
// keeps the session until the backend reports ReadyForQuery 'I' (idle). A read
// sent as one pipeline (context, statement, Sync: read.ts) is then one call in
// the worker with no wait in between, however busy the main thread is.
import net from 'node:net';

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);

export class PgliteWireServer {
  /** @param {import('@electric-sql/pglite').PGlite} db */
  constructor(db) {
    this.db = db;
    this.server = null;
    this.connections = new Set();
    /** Connections with work to do, in arrival order. */
    this.ready = [];
    /** The connection that holds the session (mid-query or in a transaction block). */
    this.owner = null;
    this.busy = false;
  }

  /** Listens on a Unix socket path. */
  start(path) {
    return new Promise((resolve, reject) => {
      this.server = net.createServer((socket) => this.#attach(socket));
      this.server.once('error', reject);
      this.server.listen(path, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  get activeConnections() {
    return this.connections.size;
  }

  async stop() {
    await new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    for (const conn of this.connections) conn.socket.destroy();
    // Let the closes release the session (a client's open transaction is rolled back).
    while (this.busy || this.ready.length > 0) await new Promise((r) => setTimeout(r, 5));
  }

  #attach(socket) {
    socket.setNoDelay(true);
    const conn = { socket, buf: Buffer.alloc(0), started: false, closed: false, queued: false };
    this.connections.add(conn);
    socket.on('data', (data) => {
      conn.buf = conn.buf.length === 0 ? data : Buffer.concat([conn.buf, data]);
      this.#enqueue(conn);
    });
    const gone = () => {
      if (conn.closed) return;
      conn.closed = true;
      this.connections.delete(conn);
      this.#enqueue(conn);
    };
    socket.on('close', gone);
    socket.on('error', gone);
  }

  #enqueue(conn) {
    if (!conn.queued) {
      conn.queued = true;
      this.ready.push(conn);
    }
    this.#pump();
  }

  async #pump() {
    if (this.busy) return;
    this.busy = true;
    try {
      for (;;) {
        const conn = this.#next();
        if (!conn) return;
        conn.queued = false;
        try {
          if (conn.closed) await this.#release(conn);
          else await this.#serve(conn);
        } catch (err) {
          // A failure of the session itself (not an SQL error, which the backend reports to the client).
          console.error('embedded database connection failed:', err);
          conn.socket.destroy();
          if (this.owner === conn) await this.#release(conn);
        }
      }
    } finally {
      this.busy = false;
    }
  }

  /** The next connection to serve: the owner's turn only while it holds the session. */
  #next() {
    if (this.owner) {
      const i = this.ready.indexOf(this.owner);
      return i === -1 ? null : this.ready.splice(i, 1)[0];
    }
    return this.ready.shift() ?? null;
  }

  /** Runs every complete message the connection has sent, as one call. */
  async #serve(conn) {
    if (!conn.started) {
      await this.#startup(conn);
      return;
    }
    let end = 0;
    let terminate = false;
    while (conn.buf.length - end >= 5) {
      const len = conn.buf.readInt32BE(end + 1);
      if (conn.buf.length - end < 1 + len) break;
      if (conn.buf[end] === 0x58 /* X: Terminate */) {
        terminate = true;
        break;
      }
      end += 1 + len;
    }
    if (end > 0) {
      const batch = conn.buf.subarray(0, end);
      conn.buf = conn.buf.subarray(end);
      this.owner = (await this.#exec(conn, batch)) ? null : conn;
    }
    if (terminate) conn.socket.end();
  }

  /** Executes wire messages; true when the backend ended idle (ReadyForQuery 'I'). */
  async #exec(conn, bytes) {
    const tail = Buffer.alloc(6);
    let tailLen = 0;
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(new Uint8Array(bytes), {
        onRawData: (data) => {
          if (data.length === 0) return;
          // The last six bytes say whether the backend is idle: Z, length 5, status.
          if (data.length >= 6) {
            tail.set(data.subarray(data.length - 6));
            tailLen = 6;
          } else {
            tail.copyWithin(0, data.length);
            tail.set(data, 6 - data.length);
            tailLen = Math.min(6, tailLen + data.length);
          }
          if (!conn.closed && conn.socket.writable) conn.socket.write(Buffer.from(data));
        },
      }),
    );
    return tailLen === 6 && tail[0] === 0x5a && tail.readInt32BE(1) === 5 && tail[5] === 0x49;
  }

  async #startup(conn) {
    if (conn.buf.length < 8) return;
    const len = conn.buf.readInt32BE(0);
    const code = conn.buf.readInt32BE(4);
    if (code === SSL_REQUEST || code === GSS_REQUEST) {
      conn.buf = conn.buf.subarray(8);
      conn.socket.write('N');
    } else if (code === CANCEL_REQUEST) {
      // One backend, nothing to signal: a cancel request is read and dropped, as the protocol allows.
      conn.buf = conn.buf.subarray(len);
      conn.socket.end();
      return;
    } else if (code === PROTOCOL_3) {
      if (conn.buf.length < len) return;
      const packet = conn.buf.subarray(0, len);
      conn.buf = conn.buf.subarray(len);
      conn.started = true;
      await this.#exec(conn, packet);
    } else {
      conn.socket.destroy();
      return;
    }
    if (conn.buf.length > 0) this.#enqueue(conn);
  }

  /** A connection went away: if it held the session, end what it left open. */
  async #release(conn) {
    if (this.owner !== conn) return;
    this.owner = null;
    conn.closed = true;
    // A Sync ends an unfinished extended query (its answer goes nowhere); then an open block is rolled back.
    await this.db.runExclusive(() => this.db.execProtocolRawStream(new Uint8Array(SYNC), { onRawData: () => {} }));
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
  }
}
