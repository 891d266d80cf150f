import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/**
 * A real SMTP server (smtp-server) that keeps what it accepts. `hold` makes it keep a message's
 * DATA unanswered (the sender waits for "250") until `release()`: a worker can be killed mid-send.
 */
export class SmtpCatcher {
  readonly mails: CaughtMail[] = [];
  /** Every DATA the server began to receive, accepted or not. */
  attempts = 0;
  hold = false;
  private held: (() => void)[] = [];
  private server: SMTPServer;
  port = 0;

  constructor() {
    this.server = this.create();
  }

  private create(): SMTPServer {
    return new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        this.attempts++;
        const accept = () =>
          simpleParser(stream).then(
            (mail) => {
              this.mails.push({
                messageId: mail.messageId ?? '',
                from: mail.from?.text ?? '',
                to: session.envelope.rcptTo.map((r) => r.address),
                subject: mail.subject ?? '',
                text: mail.text ?? '',
                html: typeof mail.html === 'string' ? mail.html : '',
              });
              callback(null, 'queued as caught-' + this.mails.length);
            },
            (err: Error) => callback(err),
          );
        if (this.hold) this.held.push(() => void accept());
        else void accept();
      },
    });
  }

  /** Listens on `port` (0: any free port); again after `stop()`, on the same port. */
  async start(port = this.port): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Closes the server (connections dropped); `start()` opens a fresh one on the same port. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = this.create();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  release(): void {
    this.hold = false;
    for (const accept of this.held.splice(0)) accept();
  }
}
