// `npm start` without SMTP_URL: a local SMTP server (smtp-server) the worker sends to, so alerts
// and test e-mails are really sent (the portal's Settings → Outbox shows each one, rendered, with
// the server's answer). It accepts every message on 127.0.0.1 and keeps none.
import { SMTPServer } from 'smtp-server';

/** Starts the catcher on `port` (any free port if that one is taken); resolves with its smtp:// URL and `close()`. */
export async function startMailCatcher({ port = 2525, log = () => undefined } = {}) {
  let caught = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        caught++;
        log(`mail caught #${caught}: to ${session.envelope.rcptTo.map((r) => r.address).join(', ')}`);
        callback(null, `caught as #${caught} by the local mail catcher`);
      });
    },
  });
  const listen = (p) =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => resolve(server.server.address().port));
    });
  const bound = await listen(port).catch((err) => (err.code === 'EADDRINUSE' ? listen(0) : Promise.reject(err)));
  return { url: `smtp://127.0.0.1:${bound}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
