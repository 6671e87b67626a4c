import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DataSource } from 'typeorm';
import { type Principal } from '../common/principal.js';
import { ForbiddenError } from '../common/errors.js';
import { formatInstant } from '../common/local-time.js';
import { CodeField, MonthField, REGION_CODE, Optional } from '../common/validation.js';
import { type ContractEntity, FUNCTIONS, type FunctionCode } from '../contracts/contract.entity.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { staffedSlotsOf, type StaffedSlot } from '../roster/slots.service.js';
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
    private readonly contracts: ContractsService,
  ) {}

  async coverage(who: Principal, q: CoverageQuery): Promise<CoverageResponse[]> {
    if (who.role === 'coordinator' && !who.regionCodes.includes(q.regionCode)) throw new ForbiddenError(`you do not coordinate region ${q.regionCode}`);
    const zone = await this.zones.zoneOf(q.regionCode);
    const contracts = await this.contracts.withDayIn(q.month, {
      regionCode: q.regionCode,
      function: q.function,
      insurerUzovi: who.role === 'insurer' ? (who.insurerUzovi ?? '') : undefined,
    });
    const result: CoverageResponse[] = [];
    for (const c of contracts) result.push(coverageView(c, await staffedSlotsOf(this.dataSource.manager, c.id, q.month), zone));
    return result;
  }
}

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
