import net from 'node:net';

/**
 * A TCP proxy to the PostgreSQL server that a test can break in two ways:
 * `cut` drops every open connection and refuses new ones (the server "is
 * down"); `stall` keeps every connection open, new ones too, but lets nothing
 * through either way (a server or network that stopped answering: packets
 * lost, nothing reset). `restore` ends either: a cut proxy accepts and
 * forwards again on the same port; a stalled one delivers what it held, in
 * order, to connections still open, as a network would once it came back.
 */
export class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private held: [net.Socket, Buffer][] | null = null;
  port = 0;
  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ]) {
        this.sockets.add(from);
        from.on('data', (data) => this.forward(to, data));
        from.on('close', () => {
          this.sockets.delete(from);
          to.destroy();
        });
        from.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  private forward(to: net.Socket, data: Buffer) {
    if (this.held) this.held.push([to, data]);
    else if (!to.destroyed) to.write(data);
  }

  /** Connections reset, new ones refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Nothing passes, nothing is reset: connections (and new ones) wait. */
  stall(): void {
    this.held ??= [];
  }

  async restore(): Promise<void> {
    const held = this.held;
    if (held) {
      this.held = null;
      for (const [to, data] of held) if (!to.destroyed) to.write(data);
      return;
    }
    await this.start();
  }

  stop = () => this.cut();
}
