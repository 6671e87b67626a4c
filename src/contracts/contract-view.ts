import { type Principal } from '../common/principal.js';
import { ContractEntity } from './contract.entity.js';
import type { ContractResponse, ResponsiblePartyResponse } from './contract.response.js';

/** An acute request's page must be acknowledged within this many minutes unless the SLA says otherwise. */
export const DEFAULT_ACK_MINUTES = 10;

export function responsiblePartyOf(c: ContractEntity): ResponsiblePartyResponse {
  return c.partyType === 'provider' ? { type: 'provider', agb: c.partyAgb as string } : { type: 'consortium', consortiumId: c.partyConsortiumId as string };
}

export function contractView(c: ContractEntity): ContractResponse {
  return {
    id: c.id,
    regionCode: c.regionCode,
    insurerUzovi: c.insurerUzovi,
    function: c.function,
    responsibleParty: responsiblePartyOf(c),
    validFrom: c.validFrom,
    validTo: c.validTo,
    fee: {
      fixedMonthlyCents: c.fixedMonthlyCents,
      perPositionHourCents: c.perPositionHourCents,
      perInhabitantMonthlyCents: c.perInhabitantMonthlyCents,
    },
    // No SLA term given: null. Each term is optional; a contract without a minimum deducts nothing.
    sla:
      c.slaMinCoverageHundredths === null && c.slaDeductionPerUncoveredHourCents === null && c.slaAckMinutes === null
        ? null
        : {
            minCoveragePct: c.slaMinCoverageHundredths === null ? null : c.slaMinCoverageHundredths / 100,
            deductionPerUncoveredHourCents: c.slaDeductionPerUncoveredHourCents ?? 0,
            ackMinutes: c.slaAckMinutes ?? DEFAULT_ACK_MINUTES,
          },
    status: c.terminatedAt === null ? 'active' : 'terminated',
  };
}

/** Read scope: admin all, an insurer its own, a coordinator those in its regions. */
export function canReadContract(who: Principal, c: ContractEntity): boolean {
  if (who.role === 'admin') return true;
  if (who.role === 'insurer') return c.insurerUzovi === who.insurerUzovi;
  if (who.role === 'coordinator') return who.regionCodes.includes(c.regionCode);
  return false;
}

/** Does the contract's period contain the local date? */
export function contractCovers(c: Pick<ContractEntity, 'validFrom' | 'validTo'>, date: string): boolean {
  return c.validFrom <= date && (c.validTo === null || date <= c.validTo);
}
