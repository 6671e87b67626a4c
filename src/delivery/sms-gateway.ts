/**
 * The SMS gateway behind one interface, so that another gateway can follow CM.com's: building the
 * request a text goes out with, reading the gateway's verdict, and reading the delivery reports it
 * posts back. Pure: no network and no Nest or TypeORM; the outbox sends what this builds.
 */

/** One text to one number. */
export interface SmsMessage {
  /** E.164, e.g. `+31612345678`. */
  to: string;
  text: string;
  /** Ours, echoed in the gateway's delivery reports: the outbox row's id. */
  reference: string;
}

export interface GatewayRequest {
  headers: Record<string, string>;
  body: string;
}

/** The gateway's answer to a send: accepted, or why not (never the text or the number). */
export type GatewayVerdict = { accepted: true } | { accepted: false; error: string };

/** A delivery report: the reference of the text, and whether it reached the handset or failed for good. */
export interface DeliveryReport {
  reference: string;
  outcome: 'delivered' | 'failed' | 'pending';
  /** Why it failed, in the gateway's words (a code and a short description). */
  error: string | null;
}

export interface SmsGateway {
  request(message: SmsMessage, settings: { token: string; sender: string }): GatewayRequest;
  verdict(status: number, body: string): GatewayVerdict;
  /** The reports in a delivery-report body; null when the body is not one. */
  reports(body: unknown): DeliveryReport[] | null;
}

const short = (text: string) => text.replace(/\s+/g, ' ').slice(0, 160);

/**
 * CM.com's JSON messaging API (`POST https://gw.messaging.cm.com/v1.0/message`): the product token
 * in the body's authentication block, numbers as `00` and the E.164 digits, `type: auto` so that a
 * text outside the GSM alphabet still arrives. The answer is HTTP 200 with `errorCode` 0 and a
 * per-message `status` of `Accepted`; anything else is a failure. Delivery reports (the JSON form
 * of CM's status report webhook) carry our reference and a status code: 0 accepted by the
 * operator, 1 rejected, 2 delivered, 3 failed, 4 read.
 */
export const CM_GATEWAY: SmsGateway = {
  request(message, settings) {
    return {
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        messages: {
          authentication: { producttoken: settings.token },
          msg: [
            {
              allowedChannels: ['SMS'],
              from: settings.sender,
              to: [{ number: `00${message.to.replace(/^\+/, '')}` }],
              body: { type: 'auto', content: message.text },
              reference: message.reference,
            },
          ],
        },
      }),
    };
  },

  verdict(status, body) {
    let parsed: { errorCode?: unknown; details?: unknown; messages?: Array<{ status?: unknown; messageDetails?: unknown }> } | null;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = null;
    }
    const first = Array.isArray(parsed?.messages) ? parsed.messages[0] : undefined;
    if (status >= 200 && status <= 299 && (parsed?.errorCode === 0 || parsed?.errorCode === undefined) && (!first || first.status === 'Accepted')) {
      return { accepted: true };
    }
    const detail = typeof first?.messageDetails === 'string' ? first.messageDetails : typeof parsed?.details === 'string' ? parsed.details : '';
    return {
      accepted: false,
      error: short(`HTTP ${status}${typeof parsed?.errorCode === 'number' ? ` error ${parsed.errorCode}` : ''}${detail ? `: ${detail}` : ''}`),
    };
  },

  reports(body) {
    const messages = (body as { messages?: { msg?: unknown } } | null)?.messages?.msg;
    if (messages === undefined || messages === null) return null;
    const list = Array.isArray(messages) ? messages : [messages];
    const reports: DeliveryReport[] = [];
    for (const m of list as Array<Record<string, unknown>>) {
      if (typeof m !== 'object' || m === null || typeof m.reference !== 'string' || m.reference === '') continue;
      const status = (m.status ?? {}) as Record<string, unknown>;
      const code = typeof status.code === 'string' || typeof status.code === 'number' ? String(status.code) : '';
      const outcome = code === '2' || code === '4' ? 'delivered' : code === '1' || code === '3' ? 'failed' : 'pending';
      const description = [status.errorCode, status.errorDescription].filter((x) => typeof x === 'string' && x !== '').join(' ');
      reports.push({
        reference: m.reference,
        outcome,
        error: outcome === 'failed' ? short(`status ${code}${description ? `: ${description}` : ''}`) : null,
      });
    }
    return reports;
  },
};
