import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { type Principal } from '../common/principal.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, unknownReference } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { phoneE164 } from '../common/phone.js';
import { Transactions } from '../database/transactions.js';
import { ConsortiumEntity, InsurerEntity, ProviderEntity, RegionEntity } from './reference.entities.js';
import { ProviderMembership } from './provider-membership.js';
import { WebhookTargets } from '../delivery/webhook-targets.js';
import { CreateInsurerDto, UpdateInsurerDto } from './dto/create-insurer.dto.js';
import { CreateRegionDto, UpdateRegionDto } from './dto/create-region.dto.js';
import { CreateProviderDto, UpdateProviderDto } from './dto/create-provider.dto.js';
import { CreateConsortiumDto, UpdateConsortiumDto } from './dto/create-consortium.dto.js';
import type { ConsortiumResponse, InsurerResponse, ProviderResponse, RegionResponse } from './reference.response.js';

export const DEFAULT_ZONE = 'Europe/Amsterdam';

/** Names by key: regions by code, insurers by UZOVI, providers by AGB, consortia by id. */
export interface ReferenceNames {
  regions: Map<string, string>;
  /** Each region's time zone, by code. */
  zones: Map<string, string>;
  insurers: Map<string, string>;
  providers: Map<string, string>;
  consortia: Map<string, string>;
}

/** A new region's referral settings (api.md, "Region settings"). */
export const REGION_REFERRAL_DEFAULTS = {
  referralResponseToday: 30,
  referralResponseWithin24h: 120,
  referralResponsePlanned: 480,
  placementNormToday: 120,
  placementNormWithin24h: 480,
  placementNormPlanned: 2880,
  capacityStaleHours: 24,
} as const;

/** What a coordinator of a region may change on it. */
const COORDINATOR_REGION_FIELDS = [
  'autoApproveOffers',
  'coordinatorPhone',
  'smsAfterSeconds',
  'referralResponseMinutes',
  'placementNormMinutes',
  'capacityStaleHours',
];

export function insurerView(i: InsurerEntity): InsurerResponse {
  return { uzovi: i.uzovi, name: i.name };
}

/**
 * A provider as `who` may see it: the paging webhook's URL only for an admin and the provider's
 * own users (it names an endpoint of the provider's systems); for anyone else the field is left out.
 */
export function providerView(p: ProviderEntity, mayReadWebhook: boolean, issuedSecret?: string): ProviderResponse {
  return {
    agb: p.agb,
    name: p.name,
    ...(mayReadWebhook ? { pagingWebhookUrl: p.pagingWebhookUrl } : {}),
    ...(issuedSecret ? { pagingWebhookSecret: issuedSecret } : {}),
  };
}

export function regionView(r: RegionEntity): RegionResponse {
  return {
    code: r.code,
    name: r.name,
    population: r.population,
    preferredInsurerUzovi: r.preferredInsurerUzovi,
    timezone: r.timezone,
    autoApproveOffers: !!r.autoApproveOffers,
    coordinatorPhone: r.coordinatorPhone ?? null,
    smsAfterSeconds: Number(r.smsAfterSeconds ?? 120),
    referralResponseMinutes: { today: r.referralResponseToday, 'within-24h': r.referralResponseWithin24h, planned: r.referralResponsePlanned },
    placementNormMinutes: { today: r.placementNormToday, 'within-24h': r.placementNormWithin24h, planned: r.placementNormPlanned },
    capacityStaleHours: r.capacityStaleHours,
  };
}

/** A provider; the webhook's key only in the answer of the change that issued it. */
export function consortiumView(c: ConsortiumEntity): ConsortiumResponse {
  return { id: c.id, name: c.name, leadAgb: c.leadAgb, memberAgbs: c.memberAgbs };
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
    private readonly membership: ProviderMembership,
    private readonly webhookTargets: WebhookTargets,
  ) {}

  // The reads of the modules above: they read these tables only through here. Inside a
  // transaction, pass its manager.

  regionByCode(code: string, m: EntityManager = this.regions.manager): Promise<RegionEntity | null> {
    return m.findOneBy(RegionEntity, { code });
  }
  /** The regions of the codes (unknown codes are left out). */
  regionsByCode(codes: readonly string[], m: EntityManager = this.regions.manager): Promise<RegionEntity[]> {
    return codes.length ? m.findBy(RegionEntity, { code: In([...codes]) }) : Promise.resolve([]);
  }
  insurerByUzovi(uzovi: string, m: EntityManager = this.insurers.manager): Promise<InsurerEntity | null> {
    return m.findOneBy(InsurerEntity, { uzovi });
  }
  providerByAgb(agb: string, m: EntityManager = this.providers.manager): Promise<ProviderEntity | null> {
    return m.findOneBy(ProviderEntity, { agb });
  }
  /** The providers' names by AGB (unknown AGBs are left out). */
  async providerNames(agbs: readonly string[], m: EntityManager = this.providers.manager): Promise<Map<string, string>> {
    if (!agbs.length) return new Map();
    const rows = await m.find(ProviderEntity, { where: { agb: In([...new Set(agbs)]) }, select: { agb: true, name: true } });
    return new Map(rows.map((p) => [p.agb, p.name]));
  }
  /** A provider's paging webhook with its signing key, or null when it has none. */
  async webhookOf(agb: string, m: EntityManager = this.providers.manager): Promise<{ url: string; secret: string } | null> {
    const row = await m.findOne(ProviderEntity, { where: { agb }, select: { agb: true, pagingWebhookUrl: true, pagingWebhookSecret: true } });
    return row?.pagingWebhookUrl && row.pagingWebhookSecret ? { url: row.pagingWebhookUrl, secret: row.pagingWebhookSecret } : null;
  }
  consortiumById(id: string, m: EntityManager = this.consortia.manager): Promise<ConsortiumEntity | null> {
    return m.findOneBy(ConsortiumEntity, { id });
  }

  /** The name of every region (by code), insurer (UZOVI), provider (AGB) and consortium (id), for what people read. */
  async names(m: EntityManager = this.regions.manager): Promise<ReferenceNames> {
    const byKey = <T>(rows: T[], key: (row: T) => string, name: (row: T) => string) => new Map(rows.map((row) => [key(row), name(row)]));
    const regions = await m.find(RegionEntity, { select: { code: true, name: true, timezone: true } });
    return {
      regions: byKey(
        regions,
        (r) => r.code,
        (r) => r.name,
      ),
      zones: byKey(
        regions,
        (r) => r.code,
        (r) => r.timezone,
      ),
      insurers: byKey(
        await m.find(InsurerEntity),
        (i) => i.uzovi,
        (i) => i.name,
      ),
      providers: byKey(
        await m.find(ProviderEntity, { select: { agb: true, name: true } }),
        (p) => p.agb,
        (p) => p.name,
      ),
      consortia: byKey(
        await m.find(ConsortiumEntity, { select: { id: true, name: true } }),
        (c) => c.id,
        (c) => c.name,
      ),
    };
  }

  // Insurers
  async listInsurers(): Promise<InsurerResponse[]> {
    return (await this.insurers.find({ order: { uzovi: 'ASC' } })).map(insurerView);
  }
  async getInsurer(uzovi: string): Promise<InsurerResponse> {
    const insurer = await this.insurers.findOneBy({ uzovi });
    if (!insurer) throw new NotFoundError(`insurer ${uzovi} not found`);
    return insurerView(insurer);
  }
  createInsurer(who: Principal, dto: CreateInsurerDto): Promise<InsurerResponse> {
    return this.tx.run(async (m) => {
      if (await m.findOneBy(InsurerEntity, { uzovi: dto.uzovi })) throw new ConflictError(`insurer ${dto.uzovi} already exists`, 'already-exists');
      const insurer = Object.assign(new InsurerEntity(), { uzovi: dto.uzovi, name: dto.name });
      await m.insert(InsurerEntity, insurer);
      await this.audit.append(m, who, 'create', 'insurer', dto.uzovi, `insurer ${dto.uzovi} "${dto.name}"`);
      return insurerView(insurer);
    });
  }
  updateInsurer(who: Principal, uzovi: string, dto: UpdateInsurerDto): Promise<InsurerResponse> {
    return this.tx.run(async (m) => {
      const insurer = await m.findOneBy(InsurerEntity, { uzovi });
      if (!insurer) throw new NotFoundError(`insurer ${uzovi} not found`);
      if (dto.name !== undefined) insurer.name = dto.name;
      await m.save(InsurerEntity, insurer);
      await this.audit.append(m, who, 'update', 'insurer', uzovi, `fields: ${Object.keys(dto).join(', ') || 'none'}`);
      return insurerView(insurer);
    });
  }

  // Regions
  async listRegions(): Promise<RegionResponse[]> {
    return (await this.regions.find({ order: { code: 'ASC' } })).map(regionView);
  }
  async findRegion(code: string): Promise<RegionEntity> {
    const region = await this.regions.findOneBy({ code });
    if (!region) throw new NotFoundError(`region ${code} not found`);
    return region;
  }
  async getRegion(code: string): Promise<RegionResponse> {
    return regionView(await this.findRegion(code));
  }
  createRegion(who: Principal, dto: CreateRegionDto): Promise<RegionResponse> {
    return this.tx.run(async (m) => {
      if (await m.findOneBy(RegionEntity, { code: dto.code })) throw new ConflictError(`region ${dto.code} already exists`, 'already-exists');
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
        smsAfterSeconds: 120,
        ...REGION_REFERRAL_DEFAULTS,
      });
      await m.insert(RegionEntity, region);
      await this.audit.append(m, who, 'create', 'region', dto.code, `region ${dto.code} "${dto.name}"`);
      return regionView(region);
    });
  }
  updateRegion(who: Principal, code: string, dto: UpdateRegionDto): Promise<RegionResponse> {
    // A coordinator of the region may switch auto-approval of offers, set its desk's phone and
    // the referral settings; everything else is admin's.
    if (who.role === 'coordinator') {
      if (!who.regionCodes.includes(code)) throw new NotFoundError(`region ${code} not found`);
      const others = Object.keys(dto).filter((k) => !COORDINATOR_REGION_FIELDS.includes(k));
      if (others.length) throw new ForbiddenError(`a coordinator may change only ${COORDINATOR_REGION_FIELDS.join(', ')}, not ${others.join(', ')}`);
    }
    return this.tx.run(async (m) => {
      const region = await m.findOneBy(RegionEntity, { code });
      if (!region) throw new NotFoundError(`region ${code} not found`);
      if (dto.preferredInsurerUzovi !== undefined && !(await m.findOneBy(InsurerEntity, { uzovi: dto.preferredInsurerUzovi }))) {
        throw new RuleViolationError([unknownReference('insurer', dto.preferredInsurerUzovi)]);
      }
      const { coordinatorPhone, referralResponseMinutes: response, placementNormMinutes: norm, ...rest } = dto;
      Object.assign(region, rest);
      if (response?.today !== undefined) region.referralResponseToday = response.today;
      if (response?.['within-24h'] !== undefined) region.referralResponseWithin24h = response['within-24h'];
      if (response?.planned !== undefined) region.referralResponsePlanned = response.planned;
      if (norm?.today !== undefined) region.placementNormToday = norm.today;
      if (norm?.['within-24h'] !== undefined) region.placementNormWithin24h = norm['within-24h'];
      if (norm?.planned !== undefined) region.placementNormPlanned = norm.planned;
      // Stored in E.164, whichever way it was written (the DTO has checked that it parses).
      if (coordinatorPhone !== undefined) region.coordinatorPhone = coordinatorPhone === null ? null : phoneE164(coordinatorPhone);
      await m.save(RegionEntity, region);
      await this.audit.append(m, who, 'update', 'region', code, `fields: ${Object.keys(dto).join(', ') || 'none'}`);
      return regionView(region);
    });
  }

  // Providers
  /** The providers whose webhook URL `who` may read: all for an admin, else those it belongs to. */
  private async webhookReader(who: Principal): Promise<(agb: string) => boolean> {
    if (who.role === 'admin') return () => true;
    const own = await this.membership.agbsOf(who);
    return (agb) => own.has(agb);
  }
  async listProviders(who: Principal): Promise<ProviderResponse[]> {
    const mayRead = await this.webhookReader(who);
    return (await this.providers.find({ order: { agb: 'ASC' } })).map((p) => providerView(p, mayRead(p.agb)));
  }
  async getProvider(who: Principal, agb: string): Promise<ProviderResponse> {
    const provider = await this.providers.findOneBy({ agb });
    if (!provider) throw new NotFoundError(`provider ${agb} not found`);
    return providerView(provider, (await this.webhookReader(who))(agb));
  }
  createProvider(who: Principal, dto: CreateProviderDto): Promise<ProviderResponse> {
    return this.tx.run(async (m) => {
      if (await m.findOneBy(ProviderEntity, { agb: dto.agb })) throw new ConflictError(`provider ${dto.agb} already exists`, 'already-exists');
      const provider = Object.assign(new ProviderEntity(), { agb: dto.agb, name: dto.name, pagingWebhookUrl: null });
      await m.insert(ProviderEntity, provider);
      await this.audit.append(m, who, 'create', 'provider', dto.agb, `provider ${dto.agb} "${dto.name}"`);
      return providerView(provider, true);
    });
  }
  async updateProvider(who: Principal, agb: string, dto: UpdateProviderDto): Promise<ProviderResponse> {
    // Link-local and metadata addresses never, private ones only where allowed (422 webhook-address);
    // checked before the transaction, since it may wait for a name to resolve (an unknown provider is 404 first).
    if (dto.pagingWebhookUrl) {
      if (!(await this.providers.findOneBy({ agb }))) throw new NotFoundError(`provider ${agb} not found`);
      await this.webhookTargets.assertSettable(dto.pagingWebhookUrl);
    }
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
      // Only an admin changes a provider, and an admin may read its webhook.
      return providerView(provider, true, secret);
    });
  }

  // Consortia
  async listConsortia(): Promise<ConsortiumResponse[]> {
    return (await this.consortia.find({ order: { name: 'ASC' } })).map(consortiumView);
  }
  async getConsortium(id: string): Promise<ConsortiumResponse> {
    const consortium = await this.consortia.findOneBy({ id });
    if (!consortium) throw new NotFoundError(`consortium ${id} not found`);
    return consortiumView(consortium);
  }
  private async missingProviders(m: import('typeorm').EntityManager, agbs: string[]) {
    const missing = [];
    for (const agb of new Set(agbs)) if (!(await m.findOneBy(ProviderEntity, { agb }))) missing.push(unknownReference('provider', agb));
    return missing;
  }
  createConsortium(who: Principal, dto: CreateConsortiumDto): Promise<ConsortiumResponse> {
    return this.tx.run(async (m) => {
      const members = [...new Set([dto.leadAgb, ...dto.memberAgbs])];
      const missing = await this.missingProviders(m, members);
      if (missing.length) throw new RuleViolationError(missing);
      const consortium = Object.assign(new ConsortiumEntity(), { id: newId(), name: dto.name, leadAgb: dto.leadAgb, memberAgbs: members });
      await m.insert(ConsortiumEntity, consortium);
      await this.audit.append(m, who, 'create', 'consortium', consortium.id, `consortium "${dto.name}" members ${members.join(',')}`);
      return consortiumView(consortium);
    });
  }
  updateConsortium(who: Principal, id: string, dto: UpdateConsortiumDto): Promise<ConsortiumResponse> {
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
      return consortiumView(consortium);
    });
  }
}
