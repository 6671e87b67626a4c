/**
 * Which user a sign-in through an identity provider is for: the rule that keeps one configured
 * provider from signing in as a user of another (issue 23). Pure: the facts are loaded first.
 *
 * 1. The provider's identity (provider name, issuer, subject) is looked up first: a linked user
 *    signs in, whatever e-mail address the provider sends now.
 * 2. Otherwise a verified e-mail address may link a user once per provider: the active user who
 *    holds that address, and only when that user has no link at this provider yet (a second
 *    account at the same provider with the same address is refused, not linked).
 * 3. A provider with OIDC_<NAME>_EMAIL_DOMAINS may vouch only for addresses in those domains;
 *    without it, for any address.
 */
export interface SignInFacts {
  /** The user linked to this identity, if any (active: not revoked). */
  linked: { userId: string; active: boolean } | null;
  /** The address the provider vouches for (verified), or null. */
  verifiedEmail: string | null;
  /** The domains the provider may vouch for; null: any. */
  emailDomains: string[] | null;
  /** The active user holding the verified address, and whether it is linked at this provider already. */
  holder: { userId: string; linkedHere: boolean } | null;
}

export type SignInRefusalReason = 'user-revoked' | 'no-verified-email' | 'domain-not-vouched' | 'no-user' | 'already-linked';

export type SignInDecision =
  { action: 'sign-in'; userId: string } | { action: 'link-and-sign-in'; userId: string } | { action: 'refuse'; reason: SignInRefusalReason };

/** May a provider with these domains vouch for the address? Exact domain after the last `@`, case-insensitive; null allows any. */
export function mayVouchFor(email: string, domains: string[] | null): boolean {
  if (domains === null) return true;
  const at = email.lastIndexOf('@');
  if (at < 1) return false;
  const domain = email.slice(at + 1).toLowerCase();
  return domains.includes(domain);
}

export function decideSignIn(facts: SignInFacts): SignInDecision {
  if (facts.linked) return facts.linked.active ? { action: 'sign-in', userId: facts.linked.userId } : { action: 'refuse', reason: 'user-revoked' };
  if (facts.verifiedEmail === null) return { action: 'refuse', reason: 'no-verified-email' };
  if (!mayVouchFor(facts.verifiedEmail, facts.emailDomains)) return { action: 'refuse', reason: 'domain-not-vouched' };
  if (!facts.holder) return { action: 'refuse', reason: 'no-user' };
  if (facts.holder.linkedHere) return { action: 'refuse', reason: 'already-linked' };
  return { action: 'link-and-sign-in', userId: facts.holder.userId };
}
