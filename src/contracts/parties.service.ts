import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { ContractEntity } from './contract.entity.js';
import { ReferenceService } from '../reference/reference.service.js';

export interface PartyRef {
  partyType: 'provider' | 'consortium';
  partyAgb: string | null;
  partyConsortiumId: string | null;
}

/** Who a responsible party is and which providers employ its nurses. */
@Injectable()
export class PartiesService {
  constructor(
    @InjectRepository(ContractEntity) private readonly contracts: Repository<ContractEntity>,
    private readonly reference: ReferenceService,
  ) {}

  /** AGBs of the providers whose nurses may staff the party's slots (inside a transaction, pass its manager). */
  async employerAgbs(party: PartyRef, manager: EntityManager = this.contracts.manager): Promise<string[]> {
    if (party.partyType === 'provider') return party.partyAgb ? [party.partyAgb] : [];
    const consortium = await this.reference.consortiumById(party.partyConsortiumId ?? '', manager);
    return consortium ? consortium.memberAgbs : [];
  }

  /** Employers of every responsible party contracted in the regions (the coordinator's nurse scope). */
  async employerAgbsInRegions(regionCodes: string[]): Promise<Set<string>> {
    if (regionCodes.length === 0) return new Set();
    const contracts = await this.contracts.findBy({ regionCode: In(regionCodes) });
    const agbs = new Set<string>();
    for (const c of contracts) for (const agb of await this.employerAgbs(c)) agbs.add(agb);
    return agbs;
  }
}
