/** A real HTTP server on loopback for handler tests (no mocked fetch). */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  readonly status: number;
  readonly body: string;
  readonly delayMs?: number;
  readonly contentType?: string;
}

export interface TestServer {
  readonly url: (path: string) => string;
  readonly requests: { method: string; path: string; body: string }[];
  readonly close: () => Promise<void>;
}

export async function startServer(
  routes: Record<string, Route | ((req: IncomingMessage, body: string) => Route)>,
): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      requests.push({ method: req.method ?? 'GET', path, body });
      const entry = routes[path];
      const route =
        typeof entry === 'function' ? entry(req, body) : (entry ?? { status: 404, body: 'not found' });
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(route.status, { 'content-type': route.contentType ?? 'application/json' });
        res.end(route.body);
      };
      if (route.delayMs) setTimeout(send, route.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
