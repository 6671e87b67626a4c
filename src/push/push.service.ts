import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ForbiddenError, NotFoundError, RuleViolationError } from '../common/errors.js';
import { formatInstant } from '../common/local-time.js';
import type { Principal } from '../common/principal.js';
import { Transactions } from '../database/transactions.js';
import { AppConfig, isLoopbackHost } from '../config/app-config.js';
import { PushSubscriptions } from '../delivery/push-subscriptions.js';
import { WebhookTargets } from '../delivery/webhook-targets.js';
import { RevocationHooks, SessionEndHooks } from '../identity/revocation-hooks.js';
import type { RequestSession } from '../identity/sessions.service.js';
import type { CreatePushSubscriptionDto } from './dto/create-push-subscription.dto.js';
import type { PushKeyResponse, PushSubscriptionCreatedResponse, PushSubscriptionResponse } from './push.response.js';

const ZONE = 'Europe/Amsterdam';

/**
 * A nurse's browsers that pages are pushed to. A subscription belongs to the user and to the
 * session it was made in: signing out of that session, ending it, or revoking the user removes it
 * in the same transaction (and no push queued for it goes out).
 */
@Injectable()
export class PushService implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly subscriptions: PushSubscriptions,
    private readonly targets: WebhookTargets,
    private readonly revocations: RevocationHooks,
    private readonly sessionEnds: SessionEndHooks,
  ) {}

  onModuleInit(): void {
    this.revocations.register({
      locks: () => [],
      run: async (m, who, user) => {
        const removed = await this.subscriptions.removeAllOf(m, user.id);
        await this.audit.appendMany(
          m,
          who,
          'delete',
          'push-subscription',
          removed.map((entityId) => ({ entityId, summary: 'push subscription removed: user revoked' })),
        );
      },
    });
    this.sessionEnds.register({
      run: async (m, who, sessionIds) => {
        const removed = await this.subscriptions.removeOfSessions(m, sessionIds);
        await this.audit.appendMany(
          m,
          who,
          'delete',
          'push-subscription',
          removed.map((entityId) => ({ entityId, summary: 'push subscription removed: its session ended' })),
        );
      },
    });
  }

  key(): PushKeyResponse {
    if (!this.config.vapid) throw new NotFoundError('push is off: the service has no VAPID keys');
    return { publicKey: this.config.vapid.publicKey };
  }

  private assertNurse(who: Principal): void {
    if (who.role !== 'nurse') throw new ForbiddenError('push subscriptions are for nurses');
  }

  async subscribe(who: Principal, session: RequestSession | undefined, dto: CreatePushSubscriptionDto): Promise<PushSubscriptionCreatedResponse> {
    this.assertNurse(who);
    if (!this.config.vapid) throw new NotFoundError('push is off: the service has no VAPID keys');
    let url: URL;
    try {
      url = new URL(dto.endpoint);
    } catch {
      throw new RuleViolationError([{ rule: 'webhook-address', message: 'endpoint must be an https URL' }]);
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
      throw new RuleViolationError([{ rule: 'webhook-address', message: 'endpoint must be https (http only to localhost, 127.0.0.1 or [::1])' }]);
    }
    // A push service is reached from inside the service's network, as a webhook is: the same policy.
    await this.targets.assertSettable(dto.endpoint, 'endpoint');
    return this.tx.run(async (m) => {
      const { subscription, removed } = await this.subscriptions.add(m, {
        userId: who.userId,
        nurseId: who.nurseId,
        sessionId: session?.id ?? null,
        endpoint: dto.endpoint,
        p256dh: dto.keys.p256dh.replace(/=+$/, ''),
        auth: dto.keys.auth.replace(/=+$/, ''),
      });
      await this.audit.append(
        m,
        who,
        'create',
        'push-subscription',
        subscription.id,
        `push subscription at ${url.host}${removed.length ? `; ${removed.length} older removed` : ''}`,
      );
      return { id: subscription.id };
    });
  }

  async list(who: Principal, session: RequestSession | undefined): Promise<PushSubscriptionResponse[]> {
    this.assertNurse(who);
    return (await this.subscriptions.listOf(who.userId)).map((s) => ({
      id: s.id,
      pushService: new URL(s.endpoint).host,
      current: s.sessionId !== null && s.sessionId === session?.id,
      createdAt: formatInstant(s.createdAt, ZONE),
    }));
  }

  async remove(who: Principal, id: string): Promise<void> {
    this.assertNurse(who);
    await this.tx.run(async (m) => {
      await this.subscriptions.removeOwn(m, who.userId, id);
      await this.audit.append(m, who, 'delete', 'push-subscription', id, 'push subscription removed by its user');
    });
  }
}
