import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ForbiddenError } from '../common/errors.js';
import { type Principal } from '../common/principal.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { NursesService } from '../nurses/nurses.service.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { ListSlotsQuery } from '../roster/dto/list-slots.query.js';
import { checkDateRange, SlotsService } from '../roster/slots.service.js';
import { SlotAssignmentRef, slotView } from '../roster/slot-view.js';
import type { SlotResponse } from '../roster/slot.response.js';
import { AssignmentsRepository } from './assignments.repository.js';

/** Slots as the board shows them: the roster's slots with the nurses assigned to them. */
@Injectable()
export class SlotViewsService {
  constructor(
    private readonly slots: SlotsService,
    private readonly zones: RegionZones,
    private readonly dataSource: DataSource,
    private readonly rows: AssignmentsRepository,
    private readonly contracts: ContractsService,
    private readonly nurses: NursesService,
  ) {}

  /** Active assignments with nurse names, per slot id. */
  async assignmentsBySlot(slotIds: string[]): Promise<Map<string, SlotAssignmentRef[]>> {
    const m = this.dataSource.manager;
    const bySlot = new Map<string, SlotAssignmentRef[]>();
    const rows = (await this.rows.activeOnSlots(m, slotIds)).sort((a, b) => a.createdAt - b.createdAt);
    const names = await this.nurses.namesOf(
      rows.map((a) => a.nurseId),
      m,
    );
    for (const a of rows) {
      const list = bySlot.get(a.slotId) ?? [];
      list.push({ id: a.id, nurseId: a.nurseId, nurseName: names.get(a.nurseId) ?? '' });
      bySlot.set(a.slotId, list);
    }
    return bySlot;
  }

  async list(who: Principal, q: ListSlotsQuery): Promise<SlotResponse[]> {
    checkDateRange(q.from, q.to);
    if (who.role === 'coordinator' && !who.regionCodes.includes(q.regionCode)) {
      throw new ForbiddenError(`you do not coordinate region ${q.regionCode}`);
    }
    const zone = await this.zones.zoneOf(q.regionCode);
    let contractIds: string[] | undefined;
    if (who.role === 'insurer') {
      const own = (await this.contracts.ofRegion(q.regionCode)).filter((c) => c.insurerUzovi === who.insurerUzovi);
      if (own.length === 0) return [];
      contractIds = own.map((c) => c.id);
    }
    const rows = await this.slots.slotsOfRegion({ ...q, contractIds });
    const bySlot = await this.assignmentsBySlot(rows.map((s) => s.id));
    return rows.map((s) => slotView(s, zone, bySlot.get(s.id) ?? []));
  }

  async get(who: Principal, id: string): Promise<SlotResponse> {
    const slot = await this.slots.findReadable(who, id);
    const zone = await this.zones.zoneOf(slot.regionCode);
    return slotView(slot, zone, (await this.assignmentsBySlot([id])).get(id) ?? []);
  }
}
