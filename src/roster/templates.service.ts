import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { type Principal, coordinates } from '../common/principal.js';
import { Clock } from '../common/clock.js';
import { BadInputError, NotFoundError, RuleViolationError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { todayIn } from '../common/local-time.js';
import { Locks } from '../database/locks.js';
import { Transactions } from '../database/transactions.js';
import type { ContractEntity } from '../contracts/contract.entity.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { closedMonthConflict } from '../months/closed-month.js';
import { MonthsService } from '../months/months.service.js';
import { MAX_TEMPLATES_PER_CONTRACT, TOO_MANY_TEMPLATES_RULE } from '../contracts/fee-bounds.js';
import { ReferenceService } from '../reference/reference.service.js';
import { CreateTemplateDto } from './dto/create-template.dto.js';
import { runInSlices } from '../common/slices.js';
import { parseRRule, RecurrenceError, ruleNeverOccurs, TooManySlotsError } from './recurrence.js';
import { SlotEntity, TemplateEntity } from './roster.entities.js';
import { buildSlots, generationHorizon } from './slot-generator.js';
import { insertSlots } from './slots.service.js';
import type { TemplateResponse } from './template.response.js';

/** A template may not produce more slots than this in one go (a 50-year daily pattern is a mistake). */
export const MAX_SLOTS_PER_TEMPLATE = 20_000;

function templateView(t: TemplateEntity, slotCount: number): TemplateResponse {
  return {
    id: t.id,
    contractId: t.contractId,
    name: t.name,
    rrule: t.rrule,
    startTime: t.startTime,
    endTime: t.endTime,
    dutyType: t.dutyType,
    requiredNurses: t.requiredNurses,
    requiredQualifications: t.requiredQualifications,
    exdates: t.exdates,
    holidays: t.holidays,
    slotCount,
  };
}

@Injectable()
export class TemplatesService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly contracts: ContractsService,
    private readonly months: MonthsService,
    @InjectRepository(TemplateEntity) private readonly templates: Repository<TemplateEntity>,
    @InjectRepository(SlotEntity) private readonly slots: Repository<SlotEntity>,
    private readonly reference: ReferenceService,
  ) {}

  /** A contract the caller plans (coordinator of its region or admin), else 404. */
  async findPlannable(who: Principal, contractId: string): Promise<ContractEntity> {
    const contract = await this.contracts.findReadable(who, contractId);
    if (!coordinates(who, contract.regionCode)) throw new NotFoundError(`contract ${contractId} not found`);
    return contract;
  }

  async create(who: Principal, contractId: string, dto: CreateTemplateDto): Promise<TemplateResponse> {
    const holidays = dto.holidays ?? 'ignore';
    if (holidays === 'only' && dto.rrule !== undefined) throw new BadInputError('rrule must be omitted when holidays is "only"');
    if (holidays !== 'only' && dto.rrule === undefined) throw new BadInputError('rrule is required');
    if (dto.rrule !== undefined) {
      try {
        parseRRule(dto.rrule);
      } catch (e) {
        if (e instanceof RecurrenceError) throw new BadInputError(`rrule: ${e.message}`);
        throw e;
      }
    }
    const found = await this.findPlannable(who, contractId);
    const region = await this.reference.regionByCode(found.regionCode);
    if (!region) throw new NotFoundError(`region ${found.regionCode} not found`);
    if (dto.rrule !== undefined && (await runInSlices(ruleNeverOccurs(dto.rrule, found.validFrom, dto.startTime, region.timezone)))) {
      throw new RuleViolationError([
        {
          rule: 'rule-never-occurs',
          message: `the rule "${dto.rrule}" has no occurrence from ${found.validFrom} on: no date matches all its parts (or none before its UNTIL, or none its INTERVAL reaches)`,
        },
      ]);
    }
    const template = Object.assign(new TemplateEntity(), {
      id: newId(),
      contractId,
      name: dto.name,
      rrule: dto.rrule ?? null,
      startTime: dto.startTime,
      endTime: dto.endTime,
      dutyType: dto.dutyType ?? 'shift',
      requiredNurses: dto.requiredNurses ?? 1,
      requiredQualifications: [...new Set(dto.requiredQualifications ?? [])],
      exdates: [...new Set(dto.exdates ?? [])].sort(),
      holidays,
      createdAt: this.clock.now(),
      deletedAt: null,
    });
    // Expanded before the transaction, in slices, and only as far as the cap: a pattern over a
    // very long period is refused without holding the write path or the event loop.
    const expand = async (contract: ContractEntity) => {
      const horizon = generationHorizon(contract, todayIn(region.timezone, this.clock.now()));
      try {
        return { horizon, slots: await buildSlots(template, contract, region, horizon, undefined, MAX_SLOTS_PER_TEMPLATE) };
      } catch (e) {
        if (e instanceof TooManySlotsError) throw new RuleViolationError([{ rule: 'too-many-slots', message: e.message }]);
        throw e;
      }
    };
    const planned = await expand(found);
    return this.tx.run(
      async (m) => {
        const contract = await this.contracts.byId(contractId, m);
        if (!contract) throw new NotFoundError(`contract ${contractId} not found`);
        // Terminated meanwhile: expand again for the period as it is now.
        const { horizon, slots } = contract.validTo === found.validTo ? planned : await expand(contract);
        const closed = await this.months.closedMonthsOf(m, contractId);
        const hit = slots.find((s) => closed.has(s.localDate.slice(0, 7)));
        if (hit) throw closedMonthConflict(hit.localDate.slice(0, 7));
        // Removed templates keep their past slots, and those count in a month's position-minutes too.
        const templateCount = await m
          .createQueryBuilder(TemplateEntity, 't')
          .where('t.contract_id = :contractId', { contractId })
          .andWhere('(t.deleted_at IS NULL OR EXISTS (SELECT 1 FROM slots s WHERE s.template_id = t.id))')
          .getCount();
        if (templateCount >= MAX_TEMPLATES_PER_CONTRACT) {
          throw new RuleViolationError([
            {
              rule: TOO_MANY_TEMPLATES_RULE,
              message: `a contract has at most ${MAX_TEMPLATES_PER_CONTRACT} templates (removed ones that keep past slots count)`,
            },
          ]);
        }
        await m.insert(TemplateEntity, template);
        await insertSlots(m, slots);
        if (contract.validTo === null && (contract.slotsThrough === null || contract.slotsThrough < horizon)) {
          await this.contracts.markSlotsThrough(m, contractId, horizon);
        }
        await this.audit.append(
          m,
          who,
          'create',
          'template',
          template.id,
          `template "${dto.name}" ${dto.rrule ?? 'holidays only'} ${dto.startTime}-${dto.endTime} on contract ${contractId}: ${slots.length} slots`,
        );
        return templateView(template, slots.length);
      },
      [Locks.contractRoster(contractId, 'exclusive')],
    );
  }

  async list(who: Principal, contractId: string): Promise<TemplateResponse[]> {
    await this.contracts.findReadable(who, contractId);
    const rows = await this.templates.find({ where: { contractId, deletedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
    const result = [];
    for (const t of rows) result.push(templateView(t, await this.slots.countBy({ templateId: t.id })));
    return result;
  }

  /** A live template the caller plans, with its contract, else 404. */
  async findDeletable(who: Principal, templateId: string): Promise<{ template: TemplateEntity; contract: ContractEntity }> {
    const template = await this.templates.findOneBy({ id: templateId, deletedAt: IsNull() });
    if (!template) throw new NotFoundError(`template ${templateId} not found`);
    try {
      return { template, contract: await this.findPlannable(who, template.contractId) };
    } catch {
      throw new NotFoundError(`template ${templateId} not found`);
    }
  }

  /** Marks the template deleted inside the caller's transaction (its future slots are gone by now). */
  async markDeletedInTransaction(m: EntityManager, who: Principal, templateId: string, removedSlotCount: number, cancelledCount: number): Promise<void> {
    const live = await m.findOneBy(TemplateEntity, { id: templateId, deletedAt: IsNull() });
    if (!live) throw new NotFoundError(`template ${templateId} not found`);
    await m.update(TemplateEntity, { id: templateId }, { deletedAt: this.clock.now() });
    await this.audit.append(m, who, 'delete', 'template', templateId, `${removedSlotCount} future slots removed, ${cancelledCount} assignments cancelled`);
  }
}
