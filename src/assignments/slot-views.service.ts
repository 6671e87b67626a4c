import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ForbiddenError } from '../common/errors.js';
import { type Principal } from '../common/principal.js';
import { ContractEntity } from '../contracts/contract.entity.js';
import { NurseEntity } from '../nurses/nurse.entity.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { ListSlotsQuery } from '../roster/dto/list-slots.query.js';
import { checkDateRange, SlotsService } from '../roster/slots.service.js';
import { SlotAssignmentRef, slotView } from '../roster/slot-view.js';
import { inChunks } from '../database/dialect.js';
import { AssignmentsRepository } from './assignments.repository.js';

/** Slots as the board shows them: the roster's slots with the nurses assigned to them. */
@Injectable()
export class SlotViewsService {
  constructor(
    private readonly slots: SlotsService,
    private readonly zones: RegionZones,
    private readonly dataSource: DataSource,
    private readonly rows: AssignmentsRepository,
  ) {}

  /** Active assignments with nurse names, per slot id. */
  async assignmentsBySlot(slotIds: string[]): Promise<Map<string, SlotAssignmentRef[]>> {
    const m = this.dataSource.manager;
    const bySlot = new Map<string, SlotAssignmentRef[]>();
    const rows = (await this.rows.activeOnSlots(m, slotIds)).sort((a, b) => a.createdAt - b.createdAt);
    const nurseIds = [...new Set(rows.map((a) => a.nurseId))];
    const names = new Map(
      (await inChunks(nurseIds, (chunk) => m.find(NurseEntity, { where: { id: In(chunk) }, select: { id: true, name: true } }))).map((n) => [n.id, n.name]),
    );
    for (const a of rows) {
      const list = bySlot.get(a.slotId) ?? [];
      list.push({ id: a.id, nurseId: a.nurseId, nurseName: names.get(a.nurseId) ?? '' });
      bySlot.set(a.slotId, list);
    }
    return bySlot;
  }

  async list(who: Principal, q: ListSlotsQuery) {
    checkDateRange(q.from, q.to);
    if (who.role === 'coordinator' && !who.regionCodes.includes(q.regionCode)) {
      throw new ForbiddenError(`you do not coordinate region ${q.regionCode}`);
    }
    const zone = await this.zones.zoneOf(q.regionCode);
    let contractIds: string[] | undefined;
    if (who.role === 'insurer') {
      const own = await this.dataSource.manager.find(ContractEntity, {
        where: { regionCode: q.regionCode, insurerUzovi: who.insurerUzovi ?? '' },
        select: { id: true },
      });
      if (own.length === 0) return [];
      contractIds = own.map((c) => c.id);
    }
    const rows = await this.slots.slotsOfRegion({ ...q, contractIds });
    const bySlot = await this.assignmentsBySlot(rows.map((s) => s.id));
    return rows.map((s) => slotView(s, zone, bySlot.get(s.id) ?? []));
  }

  async get(who: Principal, id: string) {
    const slot = await this.slots.findReadable(who, id);
    const zone = await this.zones.zoneOf(slot.regionCode);
    return slotView(slot, zone, (await this.assignmentsBySlot([id])).get(id) ?? []);
  }
}
