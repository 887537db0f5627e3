// A TCP proxy between a Marquee process and its database, so a test can make the database
// "go away" (cut: every connection dropped, new ones closed at once) and come back (restore)
// without touching the database server that other test files share.
import net from 'node:net';

export type Upstream = { host: string; port: number } | { socketPath: string };

export interface TcpProxy {
  host: string;
  port: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(upstream: Upstream): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let isCut = false;

  const server = net.createServer((client) => {
    if (isCut) {
      client.destroy();
      return;
    }
    const backend = 'socketPath' in upstream ? net.connect(upstream.socketPath) : net.connect(upstream.port, upstream.host);
    for (const socket of [client, backend]) {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
      socket.on('error', () => undefined); // a reset on one side just closes the pair
    }
    client.once('close', () => backend.destroy());
    backend.once('close', () => client.destroy());
    client.pipe(backend);
    backend.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    cut() {
      isCut = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      isCut = false;
    },
    async close() {
      isCut = true;
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
