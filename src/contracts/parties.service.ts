import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository, DataSource } from 'typeorm';
import { ContractEntity } from './contract.entity.js';
import { ConsortiumEntity, ProviderEntity } from '../reference/reference.entities.js';

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
    private readonly dataSource: DataSource,
  ) {}

  /** reference owns this table; read here, changed only through its service. */
  private get consortia(): Repository<ConsortiumEntity> {
    return this.dataSource.getRepository(ConsortiumEntity);
  }

  /** reference owns this table; read here, changed only through its service. */
  private get providers(): Repository<ProviderEntity> {
    return this.dataSource.getRepository(ProviderEntity);
  }

  /** AGBs of the providers whose nurses may staff the party's slots (inside a transaction, pass its manager). */
  async employerAgbs(party: PartyRef, manager: EntityManager = this.consortia.manager): Promise<string[]> {
    if (party.partyType === 'provider') return party.partyAgb ? [party.partyAgb] : [];
    const consortium = await manager.findOneBy(ConsortiumEntity, { id: party.partyConsortiumId ?? '' });
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

  async describe(party: PartyRef): Promise<{ type: string; agb?: string; consortiumId?: string; name: string }> {
    if (party.partyType === 'provider') {
      const provider = await this.providers.findOneBy({ agb: party.partyAgb ?? '' });
      return { type: 'provider', agb: party.partyAgb ?? '', name: provider?.name ?? '' };
    }
    const consortium = await this.consortia.findOneBy({ id: party.partyConsortiumId ?? '' });
    return { type: 'consortium', consortiumId: party.partyConsortiumId ?? '', name: consortium?.name ?? '' };
  }
}
