import { Injectable } from '@nestjs/common';
import { lookup as systemLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { RuleViolationError } from '../common/errors.js';
import { AppConfig } from '../config/app-config.js';
import { addressKind, addressRefusal } from './webhook-address.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** A delivery the address policy stopped before any connection was made. */
export class WebhookAddressRefused extends Error {
  override readonly name = 'WebhookAddressRefused';
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/**
 * Where a provider's paging webhook may go (webhook-address.ts has the policy), checked twice:
 * when an admin sets the URL (an IP address in it, or what its name resolves to then), and at
 * every delivery against the addresses the name resolves to at that moment, since a name may
 * resolve differently later. At delivery the check sits in the connection's own name lookup, so
 * the address that was checked is the address connected to: a name cannot answer one address to
 * the check and another to the connection.
 */
@Injectable()
export class WebhookTargets {
  /** Every address of a name, as the system resolver gives them (tests replace it). */
  static resolve: (host: string) => Promise<ResolvedAddress[]> = (host) => systemLookup(host, { all: true, verbatim: true });
  /** How long setting a URL waits for its name to resolve before leaving the check to delivery. */
  static settingLookupMs = 3_000;

  constructor(private readonly config: AppConfig) {}

  private refusalOf(address: string): string | null {
    return addressRefusal(address, this.config.webhookAllowPrivate);
  }

  /**
   * Refuses (422 `webhook-address`) a URL whose IP address, or any address its name resolves to
   * now, the policy does not allow. A name that does not resolve now (or not in time) is accepted:
   * every delivery checks it again.
   */
  async assertSettable(raw: string): Promise<void> {
    const host = hostOf(new URL(raw));
    let refusal: string | null;
    if (addressKind(host) !== null) {
      refusal = this.refusalOf(host);
    } else {
      let addresses: ResolvedAddress[];
      let timer: NodeJS.Timeout | undefined;
      try {
        addresses = await Promise.race([
          WebhookTargets.resolve(host),
          new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), WebhookTargets.settingLookupMs))),
        ]);
      } catch {
        return;
      } finally {
        clearTimeout(timer);
      }
      const first = addresses.map((a) => this.refusalOf(a.address)).find((r) => r !== null);
      refusal = first ? `${host} resolves to ${first}` : null;
    }
    if (refusal) {
      throw new RuleViolationError([{ rule: 'webhook-address', message: `pagingWebhookUrl may not point there: ${refusal}` }]);
    }
  }

  /** The connection's name lookup: resolves, refuses the whole name if any of its addresses is refused, else hands over what was checked. */
  private guardedLookup(): LookupFunction {
    return (hostname, options, callback) => {
      WebhookTargets.resolve(hostname).then(
        (addresses) => {
          const refused = addresses.map((a) => this.refusalOf(a.address)).find((r) => r !== null);
          if (refused) return callback(new WebhookAddressRefused(`address refused: ${hostname} resolves to ${refused}`), '', 0);
          const usable = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
          if (!usable.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
          if (options.all) callback(null, usable);
          else callback(null, usable[0].address, usable[0].family);
        },
        (e: NodeJS.ErrnoException) => callback(e, '', 0),
      );
    };
  }

  /**
   * POSTs a body and answers the receiver's HTTP status. `guarded` (a provider's webhook) applies
   * the address policy; the operator's own ALERT_WEBHOOK_URL is not limited. Redirects are not
   * followed: the receiver is the URL that was configured, nothing else.
   */
  async post(raw: string, headers: Record<string, string>, body: string, options: { guarded: boolean; timeoutMs: number }): Promise<number> {
    const url = new URL(raw);
    const host = hostOf(url);
    if (options.guarded && addressKind(host) !== null) {
      const refusal = this.refusalOf(host);
      if (refusal) throw new WebhookAddressRefused(`address refused: ${refusal}`);
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<number>((resolve, reject) => {
      const req = send(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          signal: AbortSignal.timeout(options.timeoutMs),
          ...(options.guarded ? { lookup: this.guardedLookup() } : {}),
        },
        (res: IncomingMessage) => {
          // Only the status counts; the body is not read.
          res.resume();
          res.on('error', () => undefined);
          resolve(res.statusCode ?? 0);
          res.destroy();
        },
      );
      req.on('error', (e: Error & { cause?: unknown }) => reject(e.cause instanceof WebhookAddressRefused ? e.cause : e));
      req.end(body);
    });
  }
}
