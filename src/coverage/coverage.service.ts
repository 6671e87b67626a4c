import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DataSource, Repository } from 'typeorm';
import { type Principal } from '../common/principal.js';
import { ForbiddenError } from '../common/errors.js';
import { formatInstant } from '../common/local-time.js';
import { CodeField, MonthField, REGION_CODE, Optional } from '../common/validation.js';
import { ContractEntity, FUNCTIONS, type FunctionCode } from '../contracts/contract.entity.js';
import { daysOfMonthInPeriod } from '../fees/fee-calculator.js';
import { staffedSlotsOf } from '../fees/fee-statements.service.js';
import { coveragePct, positionMinutesOf, slotPositionMinutes } from '../fees/position-minutes.js';
import { RegionZones } from '../reference/region-zones.service.js';
import type { CoverageResponse, OpenSlotResponse } from './coverage.response.js';

export class CoverageQuery {
  @CodeField({ description: 'Region code', example: 'AMS' }, REGION_CODE, 'a region code')
  regionCode: string;
  @MonthField({ description: 'Month YYYY-MM', example: '2027-03' })
  month: string;
  @ApiPropertyOptional({ description: 'Function code', enum: FUNCTIONS })
  @Optional()
  @IsIn(FUNCTIONS)
  function?: FunctionCode;
}

/** Coverage per contract and month, from the same position-minute function as the fee statements. */
@Injectable()
export class CoverageService {
  constructor(
    private readonly zones: RegionZones,
    private readonly dataSource: DataSource,
  ) {}

  /** contracts owns this table; read here, changed only through its service. */
  private get contracts(): Repository<ContractEntity> {
    return this.dataSource.getRepository(ContractEntity);
  }

  async coverage(who: Principal, q: CoverageQuery): Promise<CoverageResponse[]> {
    if (who.role === 'coordinator' && !who.regionCodes.includes(q.regionCode)) throw new ForbiddenError(`you do not coordinate region ${q.regionCode}`);
    const zone = await this.zones.zoneOf(q.regionCode);
    const where: Record<string, string> = { regionCode: q.regionCode };
    if (q.function) where.function = q.function;
    if (who.role === 'insurer') where.insurerUzovi = who.insurerUzovi ?? '';
    const contracts = (await this.contracts.find({ where, order: { function: 'ASC', validFrom: 'ASC' } })).filter(
      (c) => daysOfMonthInPeriod(q.month, c.validFrom, c.validTo) > 0,
    );
    const result: CoverageResponse[] = [];
    for (const c of contracts) result.push(coverageView(c, await staffedSlotsOf(this.dataSource.manager, c.id, q.month), zone));
    return result;
  }
}

type StaffedSlot = Awaited<ReturnType<typeof staffedSlotsOf>>[number];

function coverageView(c: ContractEntity, slots: StaffedSlot[], zone: string): CoverageResponse {
  const staffed = slots.map((s) => ({ durationMinutes: s.durationMinutes, requiredNurses: s.requiredNurses, assignedNurses: s.assignedCount }));
  const pm = positionMinutesOf(staffed);
  return {
    contractId: c.id,
    function: c.function,
    positionMinutes: pm.positionMinutes,
    coveredMinutes: pm.coveredMinutes,
    uncoveredMinutes: pm.positionMinutes - pm.coveredMinutes,
    coveragePct: coveragePct(pm),
    openSlots: slots.filter((_s, i) => isOpen(slotPositionMinutes(staffed[i]))).map((s) => openSlotView(s, zone)),
  };
}

function isOpen(one: { positionMinutes: number; coveredMinutes: number }): boolean {
  return one.coveredMinutes < one.positionMinutes;
}

function openSlotView(s: StaffedSlot, zone: string): OpenSlotResponse {
  return {
    slotId: s.id,
    start: formatInstant(s.startMs, zone),
    end: formatInstant(s.endMs, zone),
    missing: s.requiredNurses - Math.min(s.assignedCount, s.requiredNurses),
  };
}
