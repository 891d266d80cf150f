/** The test e-mail "Send test e-mail" queues: proves the SMTP path and the recipients, nothing more. */
export function renderTestEmail(organizationName: string, requestedBy: string, publicUrl: string): { subject: string; text: string; html: string } {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const settings = `${publicUrl.replace(/\/+$/, '')}/settings/notifications`;
  const subject = `[Portico] Test e-mail for ${organizationName}`;
  const text = `This is a test e-mail from Portico, sent by ${requestedBy} for ${organizationName}.\n\nCertificate alerts will reach this address. Notification settings: ${settings}`;
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(subject)}</title></head><body style="font-family:system-ui,sans-serif"><p>This is a test e-mail from Portico, sent by ${esc(requestedBy)} for ${esc(organizationName)}.</p><p>Certificate alerts will reach this address. <a href="${esc(settings)}">Notification settings</a></p></body></html>`;
  return { subject, text, html };
}
