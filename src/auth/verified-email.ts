/**
 * The e-mail address an identity provider vouches for, or null. The address counts only when the
 * provider marks it verified: by default the standard `email_verified` claim; Microsoft Entra ID
 * sends none, and offers the optional `xms_edov` claim (the address's domain is verified by the
 * tenant) instead, so the claim to read is a per-provider setting. `true` and the string "true"
 * (as some providers send it) count as verified; anything else does not.
 */
export function verifiedEmail(claims: Record<string, unknown>, verifiedClaim: string): string | null {
  const email = claims.email;
  const verified = claims[verifiedClaim];
  if (typeof email !== 'string' || email.length === 0 || email.length > 254) return null;
  return verified === true || verified === 'true' ? email : null;
}
