import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/principal.js';

/** The providers (AGB codes) a caller belongs to, as a feature above reference knows them. */
export type MembershipResolver = (who: Principal) => Promise<string[]>;

/**
 * Which providers a caller is one of "that provider's own users": reference cannot ask the nurses
 * feature (which sits above it) whose employee a nurse user is, so nurses registers the answer
 * here at start, as features register revocation hooks with identity.
 */
@Injectable()
export class ProviderMembership {
  private readonly resolvers: MembershipResolver[] = [];

  register(resolver: MembershipResolver): void {
    this.resolvers.push(resolver);
  }

  async agbsOf(who: Principal): Promise<Set<string>> {
    const agbs = new Set<string>();
    for (const resolve of this.resolvers) for (const agb of await resolve(who)) agbs.add(agb);
    return agbs;
  }
}
