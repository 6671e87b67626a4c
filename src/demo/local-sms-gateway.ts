import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The demo's SMS gateway: a stand-in for CM.com's JSON messaging API on a loopback port, which
 * accepts each text as CM.com does and prints it to the console instead of sending it (nothing
 * leaves the machine). For the demo only, never for production.
 */
export async function startLocalSmsGateway(print: (line: string) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let reference = '';
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          messages: { msg: Array<{ to: Array<{ number: string }>; body: { content: string }; reference: string }> };
        };
        for (const msg of body.messages.msg) {
          reference = msg.reference;
          print(`SMS (demo, not sent) to ${msg.to.map((t) => t.number).join(', ')}: ${msg.body.content}`);
        }
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ details: 'not a message', errorCode: 999, messages: [] }));
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ details: 'Created 1 message(s)', errorCode: 0, messages: [{ status: 'Accepted', reference, parts: 1, messageErrorCode: 0 }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0/message`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
