export type Role = 'admin' | 'insurer' | 'coordinator' | 'nurse' | 'partner' | 'provider';
export const ROLES: Role[] = ['admin', 'insurer', 'coordinator', 'nurse', 'partner', 'provider'];

/** Who is calling, resolved from the bearer token once per request. */
export interface Principal {
  userId: string;
  role: Role;
  regionCodes: string[];
  insurerUzovi: string | null;
  nurseId: string | null;
  /** A provider user's provider (AGB): it publishes that provider's intake capacity and answers its referral offers. */
  providerAgb?: string | null;
}

/** The user id of whoever calls with the ADMIN_TOKEN from the environment (not a stored user). */
export const ADMIN_TOKEN_USER_ID = 'admin-token';

export function actingFor(p: Principal): string {
  switch (p.role) {
    case 'admin':
      return 'admin';
    case 'insurer':
      return `insurer ${p.insurerUzovi}`;
    case 'coordinator':
      return `coordinator ${p.regionCodes.join(',')}`;
    case 'nurse':
      return `nurse ${p.nurseId}`;
    case 'partner':
      return `partner ${p.regionCodes.join(',')}`;
    case 'provider':
      return `provider ${p.providerAgb}`;
  }
}

export function coordinates(p: Principal, regionCode: string): boolean {
  return p.role === 'admin' || (p.role === 'coordinator' && p.regionCodes.includes(regionCode));
}

/** Scheduled jobs act as the system (audited as user "system", acting for "admin"). */
export const SYSTEM_PRINCIPAL: Principal = {
  userId: 'system',
  role: 'admin',
  regionCodes: [],
  insurerUzovi: null,
  nurseId: null,
};
