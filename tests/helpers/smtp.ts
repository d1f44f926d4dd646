import net from 'net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** RCPT TO addresses of the SMTP envelope. */
  to: string[];
  parsed: ParsedMail;
  raw: Buffer;
}

export interface TestSmtpOptions {
  port?: number;
  /**
   * Called with the 1-based number of each complete message before the server answers it:
   * resolve to accept (250), throw to refuse it (the error's responseCode, 451 by default), or
   * never settle to leave the client waiting.
   */
  beforeAccept?: (count: number, to: string[]) => Promise<void>;
}

export interface TestSmtp {
  port: number;
  /** Messages the server accepted, in order. */
  received: ReceivedMail[];
  /** SMTP sessions opened so far. */
  connections(): number;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (nothing listens there once this resolves). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A real SMTP server (smtp-server) for a test: no TLS, no auth, keeps every accepted message
 * parsed with mailparser. Stop it in afterAll.
 */
export async function startSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let count = 0;
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Do not wait 30 s for a pooled client connection to leave when the test stops the server.
    closeTimeout: 1000,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((address) => address.address);
        count += 1;
        try {
          await options.beforeAccept?.(count, to);
        } catch (error) {
          const refusal = Object.assign(new Error((error as Error).message), {
            responseCode: (error as { responseCode?: number }).responseCode ?? 451,
          });
          callback(refusal);
          return;
        }
        received.push({ to, parsed: await simpleParser(raw), raw });
        callback();
      });
    },
  });
  const port = options.port ?? (await freePort());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    received,
    connections: () => connections,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Message-IDs that arrived more than once. */
export function duplicates(received: readonly ReceivedMail[]): string[] {
  const seen = new Map<string, number>();
  for (const mail of received)
    seen.set(mail.parsed.messageId ?? '', (seen.get(mail.parsed.messageId ?? '') ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}

/** Resolves when `condition` holds, polling; rejects after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
