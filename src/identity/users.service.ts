import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ADMIN_TOKEN_USER_ID, type Principal } from '../common/principal.js';
import { hashToken, newToken } from './tokens.js';
import { Clock } from '../common/clock.js';
import { BadInputError, ConflictError, NotFoundError, RuleViolationError, unknownReference } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { Transactions } from '../database/transactions.js';
import { NursesService } from '../nurses/nurses.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { Violation } from '../common/codes.js';
import { CreateUserDto, UpdateUserDto } from './dto/create-user.dto.js';
import { AccessEnds } from './access-ends.js';
import { RevocationHooks } from './revocation-hooks.js';
import { UserEntity } from './user.entity.js';
import type { CreatedUserResponse, MeResponse, UserResponse } from './user.response.js';

function userView(u: UserEntity): UserResponse {
  return {
    id: u.id,
    name: u.name,
    role: u.role,
    regionCodes: u.role === 'coordinator' || u.role === 'partner' ? u.regionCodes : undefined,
    insurerUzovi: u.insurerUzovi ?? undefined,
    nurseId: u.nurseId ?? undefined,
    providerAgb: u.providerAgb ?? undefined,
    email: u.email ?? undefined,
    revoked: u.revokedAt !== null,
  };
}

/** E-mail addresses are compared and stored lower-cased (identity providers differ in case). */
export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

@Injectable()
export class UsersService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly revocations: RevocationHooks,
    private readonly reference: ReferenceService,
    private readonly nurses: NursesService,
    private readonly accessEnds: AccessEnds,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  // The reads of the modules above: they read users only through here. Inside a transaction, pass
  // its manager.

  /** A user by id (revoked or not), or null. */
  byId(id: string, m: EntityManager = this.users.manager): Promise<UserEntity | null> {
    return m.findOneBy(UserEntity, { id });
  }

  /** The active (not revoked) user with this e-mail address (compared lower-cased), or null. */
  activeByEmail(email: string, m: EntityManager = this.users.manager): Promise<UserEntity | null> {
    return m.findOneBy(UserEntity, { email: normalEmail(email), revokedAt: IsNull() });
  }

  /** A nurse's active user (the oldest, if it has several), or null. */
  activeUserOfNurse(nurseId: string, m: EntityManager = this.users.manager): Promise<UserEntity | null> {
    return m.findOne(UserEntity, { where: { role: 'nurse', nurseId, revokedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The active users of the nurses (role nurse, not revoked). */
  activeUsersOfNurses(nurseIds: readonly string[], m: EntityManager = this.users.manager): Promise<UserEntity[]> {
    return nurseIds.length ? m.findBy(UserEntity, { role: 'nurse', nurseId: In([...nurseIds]), revokedAt: IsNull() }) : Promise.resolve([]);
  }

  /**
   * The caller's name as stored on the user ("Beheerder" for the environment's admin token, which
   * is no stored user), read through `m` so that it can take part in the caller's transaction.
   */
  async nameOf(m: EntityManager, who: Principal): Promise<string> {
    if (who.userId === ADMIN_TOKEN_USER_ID) return 'Beheerder';
    return (await m.findOneBy(UserEntity, { id: who.userId }))?.name ?? who.userId;
  }

  /** The caller as the web app needs it: name, role and scope (never the token). */
  async whoAmI(who: Principal): Promise<MeResponse> {
    const name = await this.nameOf(this.users.manager, who);
    return {
      id: who.userId,
      name,
      role: who.role,
      regionCodes: who.regionCodes,
      insurerUzovi: who.insurerUzovi,
      nurseId: who.nurseId,
      providerAgb: who.providerAgb ?? null,
    };
  }

  async list(): Promise<UserResponse[]> {
    return (await this.users.find({ order: { createdAt: 'ASC' } })).map(userView);
  }

  create(who: Principal, dto: CreateUserDto): Promise<CreatedUserResponse> {
    const needs: Record<string, keyof CreateUserDto | null> = {
      admin: null,
      coordinator: 'regionCodes',
      insurer: 'insurerUzovi',
      nurse: 'nurseId',
      partner: 'regionCodes',
      provider: 'providerAgb',
    };
    const required = needs[dto.role];
    const problems: string[] = [];
    if (required && dto[required] === undefined) problems.push(`a ${dto.role} needs ${required}`);
    for (const field of ['regionCodes', 'insurerUzovi', 'nurseId', 'providerAgb'] as const) {
      if (field !== required && dto[field] !== undefined) problems.push(`${field} does not apply to a ${dto.role}`);
    }
    if (problems.length) throw new BadInputError(problems.join('; '));
    return this.tx.run(async (m) => {
      const missing: Violation[] = [];
      for (const code of new Set(dto.regionCodes ?? [])) {
        if (!(await this.reference.regionByCode(code, m))) missing.push(unknownReference('region', code));
      }
      if (dto.insurerUzovi && !(await this.reference.insurerByUzovi(dto.insurerUzovi, m))) {
        missing.push(unknownReference('insurer', dto.insurerUzovi));
      }
      if (dto.nurseId && !(await this.nurses.byId(dto.nurseId, m))) missing.push(unknownReference('nurse', dto.nurseId));
      if (dto.providerAgb && !(await this.reference.providerByAgb(dto.providerAgb, m))) missing.push(unknownReference('provider', dto.providerAgb));
      const email = dto.email === undefined ? null : normalEmail(dto.email);
      if (email) await this.assertEmailFree(m, email, null);
      if (missing.length) throw new RuleViolationError(missing);
      const token = newToken();
      const user = Object.assign(new UserEntity(), {
        id: newId(),
        name: dto.name,
        role: dto.role,
        regionCodes: [...new Set(dto.regionCodes ?? [])],
        insurerUzovi: dto.insurerUzovi ?? null,
        nurseId: dto.nurseId ?? null,
        providerAgb: dto.providerAgb ?? null,
        email,
        tokenHash: hashToken(token),
        createdAt: this.clock.now(),
        revokedAt: null,
      });
      await m.insert(UserEntity, user);
      await this.audit.append(m, who, 'create', 'user', user.id, `${dto.role} "${dto.name}" (token issued, not logged)`);
      const created: CreatedUserResponse = { id: user.id, name: user.name, role: user.role, ...(user.email ? { email: user.email } : {}), token };
      return created;
    });
  }

  /** Renames a user or sets (null: removes) the e-mail address it signs in with. */
  update(who: Principal, id: string, dto: UpdateUserDto): Promise<UserResponse> {
    return this.tx.run(async (m) => {
      const user = await m.findOneBy(UserEntity, { id });
      if (!user || user.revokedAt !== null) throw new NotFoundError(`user ${id} not found`);
      const changes: string[] = [];
      if (dto.name !== undefined && dto.name !== user.name) {
        user.name = dto.name;
        changes.push('name');
      }
      if (dto.email !== undefined) {
        const email = dto.email === null ? null : normalEmail(dto.email);
        if (email) await this.assertEmailFree(m, email, id);
        if (email !== user.email) changes.push(email === null ? 'e-mail removed' : 'e-mail');
        user.email = email;
      }
      if (changes.length) {
        await m.save(UserEntity, user);
        await this.audit.append(m, who, 'update', 'user', id, `${user.role} "${user.name}": ${changes.join(', ')} changed`);
      }
      return userView(user);
    });
  }

  private async assertEmailFree(m: EntityManager, email: string, exceptUserId: string | null) {
    const holder = await m.findOneBy(UserEntity, { email });
    if (holder && holder.id !== exceptUserId) throw new ConflictError('another user already has this e-mail address', 'email-taken');
  }

  async revoke(who: Principal, id: string) {
    const target = await this.users.findOneBy({ id });
    const ended = { userId: id, sessionId: null, reason: 'user-revoked' as const };
    await this.tx.run(
      async (m) => {
        const user = await m.findOneBy(UserEntity, { id });
        if (!user || user.revokedAt !== null) throw new NotFoundError(`user ${id} not found`);
        user.revokedAt = this.clock.now();
        // The address is released, so that a new user for the same person can carry it.
        user.email = null;
        await m.save(UserEntity, user);
        await this.audit.append(m, who, 'revoke', 'user', id, `token of ${user.role} "${user.name}" revoked`);
        await this.revocations.run(m, who, user);
        // Open page streams of the user, on every instance, end at the commit.
        await this.accessEnds.announce(m, [ended]);
      },
      target ? this.revocations.locks(target) : [],
    );
    this.accessEnds.publish([ended]);
  }
}
