// How an email leaves: over SMTP (SMTP_URL), or, without it, as an .eml file in DATA_DIR/outbox.
// nodemailer builds every header; Parley never writes header text itself.
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import { tempPathFor } from "../../store/files.js";

/** One email to send. `to` is a checked plain address. */
export interface OutgoingMail {
  /** The queue record's id: names the .eml file, so a retry overwrites rather than duplicates it. */
  id: string;
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  /** Resolves once the email was accepted (by the SMTP server, or written to the outbox); rejects otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface MailTransportOptions {
  smtpUrl: string | null;
  from: string;
  outboxDir: string;
  logger: Logger;
  /** Give up on an SMTP connection after this long (the queue retries later). */
  timeoutMs?: number;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function createMailTransport(options: MailTransportOptions): MailTransport {
  const { smtpUrl, from, outboxDir, logger } = options;
  const timeout = options.timeoutMs ?? 20_000;
  const transporter = smtpUrl
    ? nodemailer.createTransport({ url: smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout * 3 })
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  // The recipient as an address object: nodemailer does not parse it for more addresses or names.
  const message = (mail: OutgoingMail) => ({ from, to: { name: "", address: mail.to }, subject: mail.subject, text: mail.text });

  return {
    send: async (mail) => {
      if (!ID.test(mail.id)) throw new TypeError("invalid email id");
      const info = await transporter.sendMail(message(mail));
      if (smtpUrl) {
        if ((info.rejected?.length ?? 0) > 0) throw new Error(`the SMTP server rejected the recipient (${info.response})`);
        logger.info({ emailId: mail.id, messageId: info.messageId }, "email sent");
        return;
      }
      await mkdir(outboxDir, { recursive: true });
      const path = join(outboxDir, `${mail.id}.eml`);
      const temp = tempPathFor(path);
      await writeFile(temp, info.message as Buffer, { mode: 0o600 });
      await rename(temp, path);
      // The path, not the content: the email holds the customer's private link.
      logger.info({ emailId: mail.id, file: path }, "no SMTP_URL: email written to the outbox");
    },
    close: () => transporter.close(),
  };
}
