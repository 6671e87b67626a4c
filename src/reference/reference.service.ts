import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { type Principal } from '../common/principal.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, unknownReference } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { phoneE164 } from '../common/phone.js';
import { Transactions } from '../database/transactions.js';
import { ConsortiumEntity, InsurerEntity, ProviderEntity, RegionEntity } from './reference.entities.js';
import { CreateInsurerDto, UpdateInsurerDto } from './dto/create-insurer.dto.js';
import { CreateRegionDto, UpdateRegionDto } from './dto/create-region.dto.js';
import { CreateProviderDto, UpdateProviderDto } from './dto/create-provider.dto.js';
import { CreateConsortiumDto, UpdateConsortiumDto } from './dto/create-consortium.dto.js';

export const DEFAULT_ZONE = 'Europe/Amsterdam';

/** What a coordinator of a region may change on it. */
const COORDINATOR_REGION_FIELDS = ['autoApproveOffers', 'coordinatorPhone'];

export function regionView(r: RegionEntity) {
  return {
    code: r.code,
    name: r.name,
    population: r.population,
    preferredInsurerUzovi: r.preferredInsurerUzovi,
    timezone: r.timezone,
    autoApproveOffers: !!r.autoApproveOffers,
    coordinatorPhone: r.coordinatorPhone ?? null,
  };
}

@Injectable()
export class ReferenceService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    @InjectRepository(InsurerEntity) readonly insurers: Repository<InsurerEntity>,
    @InjectRepository(RegionEntity) readonly regions: Repository<RegionEntity>,
    @InjectRepository(ProviderEntity) readonly providers: Repository<ProviderEntity>,
    @InjectRepository(ConsortiumEntity) readonly consortia: Repository<ConsortiumEntity>,
  ) {}

  // Insurers
  listInsurers() {
    return this.insurers.find({ order: { uzovi: 'ASC' } });
  }
  async getInsurer(uzovi: string) {
    const insurer = await this.insurers.findOneBy({ uzovi });
    if (!insurer) throw new NotFoundError(`insurer ${uzovi} not found`);
    return insurer;
  }
  createInsurer(who: Principal, dto: CreateInsurerDto) {
    return this.tx.run(async (m) => {
      if (await m.findOneBy(InsurerEntity, { uzovi: dto.uzovi })) throw new ConflictError(`insurer ${dto.uzovi} already exists`);
      const insurer = Object.assign(new InsurerEntity(), { uzovi: dto.uzovi, name: dto.name });
      await m.insert(InsurerEntity, insurer);
      await this.audit.append(m, who, 'create', 'insurer', dto.uzovi, `insurer ${dto.uzovi} "${dto.name}"`);
      return insurer;
    });
  }
  updateInsurer(who: Principal, uzovi: string, dto: UpdateInsurerDto) {
    return this.tx.run(async (m) => {
      const insurer = await m.findOneBy(InsurerEntity, { uzovi });
      if (!insurer) throw new NotFoundError(`insurer ${uzovi} not found`);
      if (dto.name !== undefined) insurer.name = dto.name;
      await m.save(InsurerEntity, insurer);
      await this.audit.append(m, who, 'update', 'insurer', uzovi, `fields: ${Object.keys(dto).join(', ') || 'none'}`);
      return insurer;
    });
  }

  // Regions
  async listRegions() {
    return (await this.regions.find({ order: { code: 'ASC' } })).map(regionView);
  }
  async findRegion(code: string): Promise<RegionEntity> {
    const region = await this.regions.findOneBy({ code });
    if (!region) throw new NotFoundError(`region ${code} not found`);
    return region;
  }
  async getRegion(code: string) {
    return regionView(await this.findRegion(code));
  }
  createRegion(who: Principal, dto: CreateRegionDto) {
    return this.tx.run(async (m) => {
      if (await m.findOneBy(RegionEntity, { code: dto.code })) throw new ConflictError(`region ${dto.code} already exists`);
      if (!(await m.findOneBy(InsurerEntity, { uzovi: dto.preferredInsurerUzovi }))) {
        throw new RuleViolationError([unknownReference('insurer', dto.preferredInsurerUzovi)]);
      }
      const region = Object.assign(new RegionEntity(), {
        code: dto.code,
        name: dto.name,
        population: dto.population,
        preferredInsurerUzovi: dto.preferredInsurerUzovi,
        timezone: dto.timezone ?? DEFAULT_ZONE,
        autoApproveOffers: false,
        coordinatorPhone: null,
      });
      await m.insert(RegionEntity, region);
      await this.audit.append(m, who, 'create', 'region', dto.code, `region ${dto.code} "${dto.name}"`);
      return regionView(region);
    });
  }
  updateRegion(who: Principal, code: string, dto: UpdateRegionDto) {
    // A coordinator of the region may switch auto-approval of offers and set its desk's phone;
    // everything else is admin's.
    if (who.role === 'coordinator') {
      if (!who.regionCodes.includes(code)) throw new NotFoundError(`region ${code} not found`);
      const others = Object.keys(dto).filter((k) => !COORDINATOR_REGION_FIELDS.includes(k));
      if (others.length) throw new ForbiddenError(`a coordinator may change only ${COORDINATOR_REGION_FIELDS.join(' and ')}, not ${others.join(', ')}`);
    }
    return this.tx.run(async (m) => {
      const region = await m.findOneBy(RegionEntity, { code });
      if (!region) throw new NotFoundError(`region ${code} not found`);
      if (dto.preferredInsurerUzovi !== undefined && !(await m.findOneBy(InsurerEntity, { uzovi: dto.preferredInsurerUzovi }))) {
        throw new RuleViolationError([unknownReference('insurer', dto.preferredInsurerUzovi)]);
      }
      const { coordinatorPhone, ...rest } = dto;
      Object.assign(region, rest);
      // Stored in E.164, whichever way it was written (the DTO has checked that it parses).
      if (coordinatorPhone !== undefined) region.coordinatorPhone = coordinatorPhone === null ? null : phoneE164(coordinatorPhone);
      await m.save(RegionEntity, region);
      await this.audit.append(m, who, 'update', 'region', code, `fields: ${Object.keys(dto).join(', ') || 'none'}`);
      return regionView(region);
    });
  }

  // Providers
  listProviders() {
    return this.providers.find({ order: { agb: 'ASC' } });
  }
  async getProvider(agb: string) {
    const provider = await this.providers.findOneBy({ agb });
    if (!provider) throw new NotFoundError(`provider ${agb} not found`);
    return provider;
  }
  createProvider(who: Principal, dto: CreateProviderDto) {
    return this.tx.run(async (m) => {
      if (await m.findOneBy(ProviderEntity, { agb: dto.agb })) throw new ConflictError(`provider ${dto.agb} already exists`);
      const provider = Object.assign(new ProviderEntity(), { agb: dto.agb, name: dto.name, pagingWebhookUrl: null });
      await m.insert(ProviderEntity, provider);
      await this.audit.append(m, who, 'create', 'provider', dto.agb, `provider ${dto.agb} "${dto.name}"`);
      return provider;
    });
  }
  updateProvider(who: Principal, agb: string, dto: UpdateProviderDto) {
    return this.tx.run(async (m) => {
      const provider = await m.findOneBy(ProviderEntity, { agb });
      if (!provider) throw new NotFoundError(`provider ${agb} not found`);
      if (dto.name !== undefined) provider.name = dto.name;
      let secret: string | undefined;
      if (dto.pagingWebhookUrl !== undefined) {
        provider.pagingWebhookUrl = dto.pagingWebhookUrl;
        // A new URL gets a new key: whoever knew the old one cannot sign for the new receiver.
        secret = dto.pagingWebhookUrl === null ? undefined : randomBytes(32).toString('hex');
        provider.pagingWebhookSecret = secret ?? null;
      }
      await m.save(ProviderEntity, provider);
      // The secret is never audited, only that one was issued.
      await this.audit.append(
        m,
        who,
        'update',
        'provider',
        agb,
        `fields: ${Object.keys(dto).join(', ') || 'none'}${secret ? ' (new webhook secret issued)' : ''}`,
      );
      return { agb: provider.agb, name: provider.name, pagingWebhookUrl: provider.pagingWebhookUrl, ...(secret ? { pagingWebhookSecret: secret } : {}) };
    });
  }

  // Consortia
  listConsortia() {
    return this.consortia.find({ order: { name: 'ASC' } });
  }
  async getConsortium(id: string) {
    const consortium = await this.consortia.findOneBy({ id });
    if (!consortium) throw new NotFoundError(`consortium ${id} not found`);
    return consortium;
  }
  private async missingProviders(m: import('typeorm').EntityManager, agbs: string[]) {
    const missing = [];
    for (const agb of new Set(agbs)) if (!(await m.findOneBy(ProviderEntity, { agb }))) missing.push(unknownReference('provider', agb));
    return missing;
  }
  createConsortium(who: Principal, dto: CreateConsortiumDto) {
    return this.tx.run(async (m) => {
      const members = [...new Set([dto.leadAgb, ...dto.memberAgbs])];
      const missing = await this.missingProviders(m, members);
      if (missing.length) throw new RuleViolationError(missing);
      const consortium = Object.assign(new ConsortiumEntity(), { id: newId(), name: dto.name, leadAgb: dto.leadAgb, memberAgbs: members });
      await m.insert(ConsortiumEntity, consortium);
      await this.audit.append(m, who, 'create', 'consortium', consortium.id, `consortium "${dto.name}" members ${members.join(',')}`);
      return consortium;
    });
  }
  updateConsortium(who: Principal, id: string, dto: UpdateConsortiumDto) {
    return this.tx.run(async (m) => {
      const consortium = await m.findOneBy(ConsortiumEntity, { id });
      if (!consortium) throw new NotFoundError(`consortium ${id} not found`);
      if (dto.memberAgbs !== undefined) {
        const members = [...new Set([consortium.leadAgb, ...dto.memberAgbs])];
        const missing = await this.missingProviders(m, members);
        if (missing.length) throw new RuleViolationError(missing);
        consortium.memberAgbs = members;
      }
      if (dto.name !== undefined) consortium.name = dto.name;
      await m.save(ConsortiumEntity, consortium);
      await this.audit.append(m, who, 'update', 'consortium', id, `fields: ${Object.keys(dto).join(', ') || 'none'}`);
      return consortium;
    });
  }
}
