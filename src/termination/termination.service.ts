import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssignmentsService } from '../assignments/assignments.service.js';
import { type Principal } from '../common/principal.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError } from '../common/errors.js';
import { Locks } from '../database/locks.js';
import { Transactions } from '../database/transactions.js';
import { contractView } from '../contracts/contract-view.js';
import { ContractsService } from '../contracts/contracts.service.js';
import { TerminateContractDto } from '../contracts/dto/create-contract.dto.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { cancelledAssignmentView } from '../assignments/assignment-view.js';
import { SlotEntity } from '../roster/roster.entities.js';
import { SlotsService } from '../roster/slots.service.js';
import { TemplatesService } from '../roster/templates.service.js';
import { MonthsService } from '../months/months.service.js';
import { FeeStatementsService } from '../fees/fee-statements.service.js';
import type { TemplateDeletionResponse, TerminatedContractResponse } from './termination.response.js';

/**
 * The two changes that remove slots with their assignments: terminating a contract (which also
 * settles its draft fee statements) and deleting a template with force. Each is one transaction holding the contract's roster lock exclusive,
 * which every single-assignment change of that contract takes shared: no assignment can be
 * written to a slot while it is being removed, and every cancelled assignment stays as a record
 * (audited, its offers cancelled, gone from the calendar feeds) in the answer.
 */
@Injectable()
export class TerminationService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly zones: RegionZones,
    private readonly contracts: ContractsService,
    private readonly templates: TemplatesService,
    private readonly slots: SlotsService,
    private readonly assignments: AssignmentsService,
    private readonly fees: FeeStatementsService,
    private readonly months: MonthsService,
  ) {}

  async terminateContract(who: Principal, id: string, dto: TerminateContractDto): Promise<TerminatedContractResponse> {
    const readable = await this.contracts.findReadable(who, id);
    if (who.role === 'coordinator') throw new ForbiddenError('only the insurer or an admin may terminate a contract');
    const result = await this.tx.run(
      async (m) => {
        const contract = await this.contracts.terminationTarget(m, id, dto.lastDay);
        const doomed = await this.slots.slotsAfter(m, id, dto.lastDay);
        const cancelled = await this.removeSlots(m, who, contract.regionCode, doomed, `contract ${id} terminated on ${dto.lastDay}`);
        const shortened = await this.contracts.shortenInTransaction(m, who, contract, dto.lastDay, cancelled.length);
        // Drafts of months after the last day go; the last day's month is recomputed for the shorter period.
        await this.fees.reconcileAfterTermination(m, who, shortened, dto.lastDay);
        const answer: TerminatedContractResponse = { ...contractView(shortened), cancelledAssignments: cancelled };
        return answer;
      },
      [Locks.regionFunction(readable.regionCode, readable.function), Locks.contractRoster(id, 'exclusive')],
    );
    this.contracts.contractsChanged();
    return result;
  }

  async deleteTemplate(who: Principal, templateId: string, force: boolean): Promise<TemplateDeletionResponse> {
    const { contract } = await this.templates.findDeletable(who, templateId);
    return this.tx.run(
      async (m) => {
        const future = await this.slots.futureSlotsOf(m, templateId, this.clock.now());
        await this.months.refuseClosed(m, future);
        if (!force) {
          const active = await this.assignments.activeOnSlots(
            m,
            future.map((s) => s.id),
          );
          if (active.length) {
            throw new ConflictError(`${active.length} of the template's future slots have assignments; use ?force=true to cancel them`, [
              { rule: 'has-assignments', message: `${active.length} assignments would be cancelled` },
            ]);
          }
        }
        const cancelled = await this.removeSlots(m, who, contract.regionCode, future, `template ${templateId} deleted with force`);
        await this.templates.markDeletedInTransaction(m, who, templateId, future.length, cancelled.length);
        const answer: TemplateDeletionResponse = { id: templateId, removedSlotCount: future.length, cancelledAssignments: cancelled };
        return answer;
      },
      [Locks.contractRoster(contract.id, 'exclusive')],
    );
  }

  /** Cancels the slots' active assignments (records stay), then deletes the slots. */
  private async removeSlots(m: EntityManager, who: Principal, regionCode: string, slots: SlotEntity[], reason: string) {
    const active = await this.assignments.activeOnSlots(
      m,
      slots.map((s) => s.id),
    );
    await this.assignments.cancelInTransaction(m, who, active, `cancelled: ${reason}`);
    await this.slots.removeInTransaction(
      m,
      slots.map((s) => s.id),
    );
    const zone = await this.zones.zoneOf(regionCode, m);
    return active.map((a) => cancelledAssignmentView(a, zone));
  }
}
