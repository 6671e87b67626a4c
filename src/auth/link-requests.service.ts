import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { LessThan } from 'typeorm';
import { Clock } from '../common/clock.js';
import { newId } from '../common/ids.js';
import { Locks } from '../database/locks.js';
import { phoneE164 } from '../common/phone.js';
import { SYSTEM_PRINCIPAL } from '../common/principal.js';
import { Transactions } from '../database/transactions.js';
import { AppConfig } from '../config/app-config.js';
import { OutboxService } from '../delivery/outbox.service.js';
import { UsersService } from '../identity/users.service.js';
import { NursesService } from '../nurses/nurses.service.js';
import { LINK_VALID_MS, SignInLinksService } from './sign-in-links.service.js';
import { LinkRequestEntity } from './link-request.entity.js';

const HOUR_MS = 3_600_000;
/** At most this many links an hour to one number, and this many requests an hour from one client address. */
export const PER_NUMBER_PER_HOUR = 3;
export const PER_ADDRESS_PER_HOUR = 20;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * "Stuur mij een nieuwe link": a nurse whose device session ended asks for a new sign-in link by
 * SMS with her phone number. The answer never tells whether the number is known: it is given
 * before the work is done (so that it takes as long either way), and the work sends a link only to
 * the phone of a nurse with a nurse user, at most 3 an hour per number and 20 requests an hour per
 * client address. The number and the address are kept only as hashes, for an hour.
 */
@Injectable()
export class LinkRequestsService {
  private readonly logger = new Logger('LinkRequests');
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly nurses: NursesService,
    private readonly users: UsersService,
    private readonly links: SignInLinksService,
    private readonly outbox: OutboxService,
  ) {}

  /** Takes the request; the work runs after the answer. */
  accept(phone: string, clientAddress: string): void {
    const work: Promise<void> = this.handle(phone, clientAddress)
      .then(() => undefined)
      .catch((e: unknown) => this.logger.error(`a sign-in link request failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  /** Tests: the work of the requests taken so far is done. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** Returns how many links went out (0 or more), for the tests; the caller learns nothing of it. */
  async handle(phone: string, clientAddress: string): Promise<number> {
    const e164 = phoneE164(phone);
    // What cannot be a number is counted under what was typed, so that it counts against the limits too.
    const phoneHash = sha256(`phone:${e164 ?? phone.trim()}`);
    const addressHash = sha256(`address:${clientAddress}`);
    return this.tx.run(
      async (m) => {
        const now = this.clock.now();
        await m.delete(LinkRequestEntity, { createdAt: LessThan(now - HOUR_MS) });
        const since = now - HOUR_MS;
        const forNumber = await m
          .createQueryBuilder(LinkRequestEntity, 'l')
          .where('l.phone_hash = :phoneHash AND l.created_at > :since', { phoneHash, since })
          .getCount();
        const fromAddress = await m
          .createQueryBuilder(LinkRequestEntity, 'l')
          .where('l.address_hash = :addressHash AND l.created_at > :since', { addressHash, since })
          .getCount();
        await m.insert(LinkRequestEntity, Object.assign(new LinkRequestEntity(), { id: newId(), phoneHash, addressHash, createdAt: now }));
        if (forNumber >= PER_NUMBER_PER_HOUR || fromAddress >= PER_ADDRESS_PER_HOUR || !e164 || !this.config.sms) return 0;
        const nurses = await this.nurses.withPhone(e164, m);
        const users = await this.users.activeUsersOfNurses(
          nurses.map((n) => n.id),
          m,
        );
        for (const user of users) {
          const link = await this.links.issue(m, SYSTEM_PRINCIPAL, user, ', asked for by SMS');
          await this.outbox.enqueue(m, [
            {
              kind: 'sms',
              url: `tel:${e164}`,
              secret: null,
              body: { text: `Wijkwacht: uw nieuwe inloglink, 15 minuten geldig en één keer te gebruiken: ${link.url}` },
              idempotencyKey: `sign-in-link:${newId()}`,
              giveUpAfterMs: LINK_VALID_MS,
            },
          ]);
        }
        return users.length;
      },
      [Locks.linkRequestsFor(phoneHash), Locks.linkRequestsFrom(addressHash)],
    );
  }
}
