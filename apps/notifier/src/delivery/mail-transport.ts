import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import type { ClaimedDelivery } from './delivery';

// One pooled SMTP transport for the whole app: a few long-lived connections, reused for every email.
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transport: Transporter<SMTPPool.SentMessageInfo>;

  constructor(@Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig) {
    this.transport = createTransport({
      url: config.SMTP_URL,
      pool: true,
      maxConnections: config.SMTP_MAX_CONNECTIONS,
      connectionTimeout: config.SMTP_TIMEOUT_MS,
      greetingTimeout: config.SMTP_TIMEOUT_MS,
      socketTimeout: config.SMTP_TIMEOUT_MS,
    } as SMTPPool.Options);
  }

  // Resolves with the Message-ID once the server accepted the message (250), rejects otherwise.
  async send(delivery: ClaimedDelivery): Promise<string | null> {
    const info = await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: delivery.recipient,
      subject: delivery.subject,
      text: delivery.text,
      html: delivery.html,
      // Stable per delivery row, so a mail system can recognise a copy as the same message.
      messageId: `<delivery-${delivery.id}.${delivery.eventId.replace(/[^\w.-]/g, '_')}@notifier.sms-credits>`,
      headers: { 'X-Notice-Kind': delivery.kind, 'X-Account-Id': delivery.accountId },
    });
    return typeof info.messageId === 'string' ? info.messageId : null;
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
