import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LockKey } from '../database/locks.js';
import type { Principal } from '../common/principal.js';
import type { UserEntity } from './user.entity.js';

/**
 * What other features must end when a user is revoked (a nurse's calendar feed), inside the
 * revoking transaction. Features register here, so identity need not know them.
 */
export interface RevocationHook {
  /** Locks the hook's work needs, taken with the revocation's transaction. */
  locks(user: UserEntity): LockKey[];
  run(m: EntityManager, who: Principal, user: UserEntity): Promise<void>;
}

@Injectable()
export class RevocationHooks {
  private readonly hooks: RevocationHook[] = [];

  register(hook: RevocationHook): void {
    this.hooks.push(hook);
  }

  locks(user: UserEntity): LockKey[] {
    return this.hooks.flatMap((h) => h.locks(user));
  }

  async run(m: EntityManager, who: Principal, user: UserEntity): Promise<void> {
    for (const hook of this.hooks) await hook.run(m, who, user);
  }
}

/**
 * What must go when sessions end (a browser's push subscriptions made in them), inside the ending
 * transaction: signing out, ended by the person or an admin, an unlinked identity, a revocation,
 * and the ended or expired rows a new sign-in clears away. Features register here.
 */
export interface SessionEndHook {
  run(m: EntityManager, who: Principal, sessionIds: string[]): Promise<void>;
}

@Injectable()
export class SessionEndHooks {
  private readonly hooks: SessionEndHook[] = [];

  register(hook: SessionEndHook): void {
    this.hooks.push(hook);
  }

  async run(m: EntityManager, who: Principal, sessionIds: string[]): Promise<void> {
    if (!sessionIds.length) return;
    for (const hook of this.hooks) await hook.run(m, who, sessionIds);
  }
}
