import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { NotFoundError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { formatInstant } from '../common/local-time.js';
import { Locks } from '../database/locks.js';
import type { Principal } from '../common/principal.js';
import { Transactions } from '../database/transactions.js';
import { AccessEnds } from './access-ends.js';
import { RevocationHooks } from './revocation-hooks.js';
import { SessionsService } from './sessions.service.js';
import { UserIdentityEntity } from './user-identity.entity.js';
import { UserEntity } from './user.entity.js';

const ZONE = 'Europe/Amsterdam';

/** An identity at a provider, as an admin reads it. */
export function identityView(link: UserIdentityEntity) {
  return {
    id: link.id,
    provider: link.provider,
    issuer: link.issuer,
    subject: link.subject,
    createdAt: formatInstant(link.createdAt, ZONE),
    lastSignInAt: formatInstant(link.lastSignInAt, ZONE),
  };
}

/** Who is who at a provider: a link names it by the provider's name, the issuer and the subject. */
export interface ProviderIdentity {
  provider: string;
  issuer: string;
  subject: string;
}

/**
 * Users' links to their identities at the identity providers. Sign-in (auth/) reads and makes
 * them through this service; an admin lists and removes them; revoking a user removes its links
 * in the revoking transaction.
 */
@Injectable()
export class UserIdentitiesService implements OnModuleInit {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly revocations: RevocationHooks,
    private readonly sessions: SessionsService,
    private readonly accessEnds: AccessEnds,
    @InjectRepository(UserIdentityEntity) private readonly identities: Repository<UserIdentityEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  onModuleInit(): void {
    this.revocations.register({ locks: (user) => [Locks.identityLinks(user.id)], run: (m, who, user) => this.removeAllOf(m, who, user) });
  }

  /** The link of an identity, through `m` (the sign-in's transaction) or, before it, the plain connection. */
  linkOf(identity: ProviderIdentity, m: EntityManager = this.identities.manager): Promise<UserIdentityEntity | null> {
    return m.findOneBy(UserIdentityEntity, { provider: identity.provider, issuer: identity.issuer, subject: identity.subject });
  }

  /** The user's link at a provider, if it has one. */
  linkAt(m: EntityManager, userId: string, provider: string): Promise<UserIdentityEntity | null> {
    return m.findOneBy(UserIdentityEntity, { userId, provider });
  }

  /** The user (not revoked) with this id, or with this (lower-cased) e-mail address. */
  activeUser(where: { id: string } | { email: string }, m: EntityManager = this.identities.manager): Promise<UserEntity | null> {
    return m.findOneBy(UserEntity, { ...where, revokedAt: IsNull() });
  }

  /** Inside the sign-in's transaction: links the user to the identity, audited as the user's own act. */
  async link(m: EntityManager, user: UserEntity, identity: ProviderIdentity, who: Principal): Promise<UserIdentityEntity> {
    const now = this.clock.now();
    const link = Object.assign(new UserIdentityEntity(), { id: newId(), userId: user.id, ...identity, createdAt: now, lastSignInAt: now });
    await m.insert(UserIdentityEntity, link);
    await this.audit.append(
      m,
      who,
      'link',
      'identity-link',
      link.id,
      `${user.role} "${user.name}" linked to identity provider ${identity.provider} (issuer ${identity.issuer}) by its verified e-mail address`,
    );
    return link;
  }

  /** Records a sign-in through the link (shown to admins). */
  async touch(m: EntityManager, link: UserIdentityEntity): Promise<void> {
    await m.update(UserIdentityEntity, { id: link.id }, { lastSignInAt: this.clock.now() });
  }

  /** A user's links (admin), oldest first; an unknown user is 404. */
  async list(userId: string) {
    if (!(await this.users.findOneBy({ id: userId }))) throw new NotFoundError(`user ${userId} not found`);
    return (await this.identities.find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } })).map(identityView);
  }

  /**
   * Removes a link (admin): the person's next sign-in at that provider may link a user again by a
   * verified e-mail address. The user's sessions that signed in through that provider end with it,
   * in the same transaction, audited.
   */
  async unlink(who: Principal, userId: string, linkId: string): Promise<void> {
    const ends = await this.tx.run(
      async (m) => {
        const link = await m.findOneBy(UserIdentityEntity, { id: linkId, userId });
        if (!link) throw new NotFoundError(`identity link ${linkId} of user ${userId} not found`);
        await m.delete(UserIdentityEntity, { id: link.id });
        await this.audit.append(
          m,
          who,
          'unlink',
          'identity-link',
          link.id,
          `user ${userId} unlinked from identity provider ${link.provider} (issuer ${link.issuer})`,
        );
        return this.sessions.endThroughProvider(m, who, userId, link.provider, `its link to identity provider ${link.provider} was removed`);
      },
      [Locks.identityLinks(userId)],
    );
    this.accessEnds.publish(ends);
  }

  /** Revocation: the user's links go, one audit event each. */
  private async removeAllOf(m: EntityManager, who: Principal, user: UserEntity): Promise<void> {
    const links = await m.findBy(UserIdentityEntity, { userId: user.id });
    if (!links.length) return;
    await m.delete(UserIdentityEntity, { userId: user.id });
    await this.audit.appendMany(
      m,
      who,
      'unlink',
      'identity-link',
      links.map((l) => ({ entityId: l.id, summary: `identity provider ${l.provider} unlinked: user revoked` })),
    );
  }
}
