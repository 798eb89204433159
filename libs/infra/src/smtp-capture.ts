import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerDataStream,
  type SMTPServerError,
  type SMTPServerSession,
} from 'smtp-server';

export interface CapturedAttachment {
  filename: string | null;
  contentType: string;
  size: number;
}

export interface CapturedMail {
  id: string;
  /** Address in the From header (the envelope sender when the header is missing). */
  from: string;
  /** Envelope recipients (RCPT TO): everyone the message was delivered to, Bcc included. */
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  attachments: CapturedAttachment[];
  /** Header values by lower-case name (the last one wins when a header repeats). */
  headers: Record<string, string>;
  receivedAt: Date;
  raw: string;
}

export interface SmtpCaptureOptions {
  /** SMTP port; 0 picks a free one (read it back from `port`). */
  port: number;
  host?: string;
  /** When given, also serve a small web mailbox (and JSON API) on this port; 0 picks a free one. */
  httpPort?: number;
}

export type MailPredicate = (mail: CapturedMail) => boolean;

const MAX_MESSAGE_BYTES = 30 * 1024 * 1024;

/** A real SMTP server for tests and the local stack: accepts every message and keeps it in memory. */
export class SmtpCapture {
  private readonly captured: CapturedMail[] = [];
  private readonly events = new EventEmitter();
  private nextId = 1;
  private down = false;
  private permanentFailure: RegExp | string | null = null;
  private readonly smtp: SMTPServer;
  private http: Server | undefined;

  private smtpPort = 0;
  private mailboxPort: number | undefined;
  readonly host: string;

  private constructor(host: string) {
    this.host = host;
    this.events.setMaxListeners(0);
    this.smtp = new SMTPServer({
      name: 'smtp-capture.local',
      banner: 'SMTP capture (test server)',
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      size: MAX_MESSAGE_BYTES,
      // Pooled clients keep idle connections open; do not wait for them on stop().
      closeTimeout: 100,
      onMailFrom: (_address, _session, callback) => callback(this.downError()),
      onRcptTo: (address, _session, callback) => callback(this.downError() ?? this.recipientError(address)),
      onData: (stream, session, callback) => this.receive(stream, session, callback),
    });
    // A client dropping its connection mid-transaction surfaces here; it must not crash the test run.
    this.smtp.on('error', () => undefined);
  }

  static async start(opts: SmtpCaptureOptions): Promise<SmtpCapture> {
    const capture = new SmtpCapture(opts.host ?? '127.0.0.1');
    try {
      await capture.listen(opts.port);
      if (opts.httpPort !== undefined) {
        await capture.serveMailbox(opts.httpPort);
      }
    } catch (error) {
      await capture.stop();
      throw error;
    }
    return capture;
  }

  /** The SMTP port (the one picked when started with port 0). */
  get port(): number {
    return this.smtpPort;
  }

  get httpPort(): number | undefined {
    return this.mailboxPort;
  }

  /** smtp://host:port, ready for nodemailer or an SMTP_URL setting. */
  get url(): string {
    return `smtp://${this.host}:${this.port}`;
  }

  get mailboxUrl(): string | undefined {
    return this.httpPort === undefined ? undefined : `http://${this.host}:${this.httpPort}/`;
  }

  /** Captured messages, oldest first. */
  messages(): CapturedMail[] {
    return [...this.captured];
  }

  clear(): void {
    this.captured.length = 0;
  }

  /** Resolves with the first message (already captured or arriving later) that matches. */
  waitFor(predicate: MailPredicate = () => true, timeoutMs = 10_000): Promise<CapturedMail> {
    const found = this.captured.find(predicate);
    if (found) {
      return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const onMail = (mail: CapturedMail): void => {
        if (!predicate(mail)) {
          return;
        }
        cleanup();
        resolve(mail);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`No matching mail within ${timeoutMs} ms; captured: ${this.describeCaptured()}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.events.off('mail', onMail);
      };
      this.events.on('mail', onMail);
    });
  }

  /** While down, every transaction is refused with 421 (a temporary failure senders should retry). */
  setDown(down: boolean): void {
    this.down = down;
  }

  /** Recipients matching this (a RegExp, or an exact address ignoring case) are refused with 550; null clears it. */
  setPermanentFailure(recipient: RegExp | string | null): void {
    this.permanentFailure = recipient;
  }

  async stop(): Promise<void> {
    const http = this.http;
    const closed: Promise<void>[] = [new Promise<void>((resolve) => this.smtp.close(() => resolve()))];
    if (http) {
      closed.push(new Promise<void>((resolve) => http.close(() => resolve())));
    }
    // Browsers keep the mailbox's connections alive; close() alone would wait for them.
    http?.closeAllConnections();
    await Promise.all(closed);
    this.events.removeAllListeners();
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.smtp.once('error', reject);
      const server = this.smtp.listen(port, this.host, () => {
        this.smtp.off('error', reject);
        this.smtpPort = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private downError(): SMTPServerError | null {
    return this.down ? smtpError(421, 'Service temporarily unavailable, try again later') : null;
  }

  private recipientError(address: SMTPServerAddress): SMTPServerError | null {
    const pattern = this.permanentFailure;
    if (pattern === null) {
      return null;
    }
    const rejected =
      typeof pattern === 'string'
        ? pattern.toLowerCase() === address.address.toLowerCase()
        : pattern.test(address.address);
    return rejected ? smtpError(550, `Mailbox unavailable: ${address.address}`) : null;
  }

  private receive(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (err?: Error | null, message?: string) => void,
  ): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('error', (error) => callback(error));
    stream.once('end', () => {
      if (stream.sizeExceeded) {
        return callback(smtpError(552, 'Message exceeds the maximum size'));
      }
      const down = this.downError();
      if (down) {
        return callback(down);
      }
      // The message is stored before the 250 reply, so it is visible as soon as the sender's call resolves.
      this.store(Buffer.concat(chunks), session).then(
        (mail) => callback(null, `Message captured as ${mail.id}`),
        (error: Error) => callback(error),
      );
    });
  }

  private async store(raw: Buffer, session: SMTPServerSession): Promise<CapturedMail> {
    const mail = await parseMail(String(this.nextId++), raw, session);
    this.captured.push(mail);
    this.events.emit('mail', mail);
    return mail;
  }

  private describeCaptured(): string {
    if (this.captured.length === 0) {
      return 'none';
    }
    return this.captured.map((mail) => `[${mail.to.join(', ')}] ${JSON.stringify(mail.subject)}`).join('; ');
  }

  private serveMailbox(port: number): Promise<void> {
    const http = createServer((req, res) => this.handleHttp(req, res));
    this.http = http;
    return new Promise((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, this.host, () => {
        http.off('error', reject);
        this.mailboxPort = (http.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private handleHttp(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const newestFirst = [...this.captured].reverse();
    if (req.method === 'GET' && path === '/') {
      return send(res, 200, 'text/html', renderList(newestFirst));
    }
    if (req.method === 'GET' && path === '/api/messages') {
      return send(res, 200, 'application/json', JSON.stringify(newestFirst));
    }
    if (req.method === 'DELETE' && path === '/api/messages') {
      this.clear();
      return send(res, 204, 'text/plain', '');
    }
    const match = /^\/messages\/([^/]+)$/.exec(path);
    const mail = match && this.captured.find((candidate) => candidate.id === decodeURIComponent(match[1]));
    if (req.method === 'GET' && mail) {
      return send(res, 200, 'text/html', renderMail(mail));
    }
    send(res, 404, 'text/plain', 'Not found');
  }
}

function smtpError(responseCode: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
}

async function parseMail(id: string, raw: Buffer, session: SMTPServerSession): Promise<CapturedMail> {
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  const base = {
    id,
    to: session.envelope.rcptTo.map((recipient) => recipient.address),
    receivedAt: new Date(),
    raw: raw.toString('utf8'),
  };
  try {
    const email = await PostalMime.parse(raw);
    return {
      ...base,
      from: email.from?.address ?? envelopeFrom,
      subject: email.subject ?? '',
      text: email.text ?? '',
      html: email.html ?? null,
      attachments: email.attachments.map((attachment) => ({
        filename: attachment.filename,
        contentType: attachment.mimeType,
        size: contentSize(attachment.content),
      })),
      headers: Object.fromEntries(email.headers.map((header) => [header.key, header.value])),
    };
  } catch {
    // Keep unparseable messages too: the raw text is still worth asserting on.
    return { ...base, from: envelopeFrom, subject: '', text: '', html: null, attachments: [], headers: {} };
  }
}

function contentSize(content: ArrayBuffer | Uint8Array | string): number {
  return typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': `${contentType}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:left}
iframe{width:100%;height:70vh;border:1px solid #ccc}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}
</style></head><body>${body}</body></html>`;
}

function renderList(mails: CapturedMail[]): string {
  const rows = mails
    .map(
      (mail) =>
        `<tr><td>${mail.receivedAt.toISOString()}</td><td>${escapeHtml(mail.to.join(', '))}</td>` +
        `<td><a href="/messages/${encodeURIComponent(mail.id)}">${escapeHtml(mail.subject || '(no subject)')}</a></td></tr>`,
    )
    .join('\n');
  const table = mails.length
    ? `<table><tr><th>Received</th><th>To</th><th>Subject</th></tr>${rows}</table>`
    : '<p>No messages yet.</p>';
  return page('Mailbox', `<h1>Mailbox (${mails.length})</h1>${table}`);
}

function renderMail(mail: CapturedMail): string {
  const attachments = mail.attachments
    .map(
      (file) =>
        `<li>${escapeHtml(file.filename ?? '(unnamed)')} (${escapeHtml(file.contentType)}, ${file.size} bytes)</li>`,
    )
    .join('');
  // The HTML part is untrusted: a sandboxed iframe keeps its scripts and styles away from this page.
  const content =
    mail.html !== null
      ? `<iframe sandbox srcdoc="${escapeHtml(mail.html)}"></iframe>`
      : `<pre>${escapeHtml(mail.text)}</pre>`;
  const body = `<p><a href="/">&larr; Mailbox</a></p>
<h1>${escapeHtml(mail.subject || '(no subject)')}</h1>
<p><b>From:</b> ${escapeHtml(mail.from)}<br><b>To:</b> ${escapeHtml(mail.to.join(', '))}<br>
<b>Received:</b> ${mail.receivedAt.toISOString()}</p>
${attachments ? `<p><b>Attachments:</b></p><ul>${attachments}</ul>` : ''}
${content}`;
  return page(mail.subject || 'Message', body);
}
