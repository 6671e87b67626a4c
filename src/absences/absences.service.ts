import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { coordinates, type Principal } from '../common/principal.js';
import { AssignmentsService } from '../assignments/assignments.service.js';
import { Clock } from '../common/clock.js';
import type { Violation } from '../common/codes.js';
import { BadInputError, ConflictError, NotFoundError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { Locks } from '../database/locks.js';
import { AbsencesRepository } from './absences.repository.js';
import { AssignmentsRepository } from '../assignments/assignments.repository.js';
import { MonthsService } from '../months/months.service.js';
import { Transactions } from '../database/transactions.js';
import { NursesService } from '../nurses/nurses.service.js';
import { RegionZones } from '../reference/region-zones.service.js';
import { cancelledAssignmentView } from '../assignments/assignment-view.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { checkDateRange } from '../roster/slots.service.js';
import { AbsenceEntity } from './absence.entity.js';
import type { CreateAbsenceDto } from './dto/create-absence.dto.js';
import type { AbsenceResponse, RecordedAbsenceResponse } from './absence.response.js';
import type { CancelledAssignmentResponse } from '../assignments/assignment.response.js';

/** An assignment appeared between reading the affected ones and taking their locks. */
class LocksOutdated extends Error {}

function absenceView(a: AbsenceEntity): AbsenceResponse {
  return { id: a.id, nurseId: a.nurseId, from: a.fromDate, to: a.toDate, reason: a.reason };
}

function overlapping(clash: AbsenceEntity): ConflictError {
  const violation: Violation = {
    rule: 'absence-overlap',
    message: `the nurse is already absent from ${clash.fromDate} to ${clash.toDate}`,
    conflictsWithAbsence: { id: clash.id, from: clash.fromDate, to: clash.toDate },
  };
  return new ConflictError(violation.message, [violation]);
}

/** Absence periods (codes only): they cancel the nurse's assignments inside them and block new ones. */
@Injectable()
export class AbsencesService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly nurses: NursesService,
    private readonly assignments: AssignmentsService,
    private readonly zones: RegionZones,
    private readonly months: MonthsService,
    private readonly absenceRows: AbsencesRepository,
    private readonly rows: AssignmentsRepository,
    private readonly dataSource: DataSource,
  ) {}

  async create(who: Principal, nurseId: string, dto: CreateAbsenceDto): Promise<RecordedAbsenceResponse> {
    if (dto.to < dto.from) throw new BadInputError('to must not be before from');
    checkDateRange(dto.from, dto.to);
    if (who.role === 'nurse') throw new NotFoundError(`nurse ${nurseId} not found`);
    await this.nurses.findInScope(who, nurseId);
    // The assignments to cancel decide the locks (their months against finalizing, their contracts'
    // rosters against terminations). They are read first and again under the nurse's lock; if one
    // was added in between, the locks are taken again with it.
    for (let attempt = 1; ; attempt++) {
      const expected = await this.affected(this.dataSource.manager, nurseId, dto);
      try {
        return await this.tx.run(
          async (m) => {
            const affected = await this.affected(m, nurseId, dto);
            if (affected.some((a) => !expected.some((e) => e.id === a.id))) throw new LocksOutdated();
            // Under the nurse's lock, so two overlapping absences sent at once cannot both pass.
            const clash = await this.absenceRows.firstOverlapping(m, nurseId, dto.from, dto.to);
            if (clash) throw overlapping(clash);
            await this.months.refuseClosed(m, affected);
            const absence = Object.assign(new AbsenceEntity(), {
              id: newId(),
              nurseId,
              fromDate: dto.from,
              toDate: dto.to,
              reason: dto.reason,
              createdAt: this.clock.now(),
            });
            await this.absenceRows.insert(m, absence);
            await this.assignments.cancelInTransaction(m, who, affected, `absence ${absence.id}`);
            await this.audit.append(
              m,
              who,
              'create',
              'absence',
              absence.id,
              `nurse ${nurseId} absent (${dto.reason}) ${dto.from}..${dto.to}; ${affected.length} assignments cancelled`,
            );
            // Only what the caller may see: a coordinator learns nothing of another region's roster.
            const visible = affected.filter((a) => coordinates(who, a.regionCode));
            const cancelled: CancelledAssignmentResponse[] = [];
            for (const a of visible) cancelled.push(cancelledAssignmentView(a, await this.zones.zoneOf(a.regionCode, m)));
            const recorded: RecordedAbsenceResponse = {
              ...absenceView(absence),
              cancelledAssignments: cancelled,
              cancelledElsewhere: affected.length - visible.length,
            };
            return recorded;
          },
          [Locks.nurse(nurseId), ...expected.flatMap((a) => AssignmentsService.locksFor(a))],
        );
      } catch (e) {
        if (!(e instanceof LocksOutdated) || attempt >= 3)
          throw e instanceof LocksOutdated ? new ConflictError("the nurse's roster changed meanwhile; retry", 'changed-meanwhile') : e;
      }
    }
  }

  /** The nurse's active assignments whose local date lies in the absence. */
  private affected(m: EntityManager, nurseId: string, dto: CreateAbsenceDto): Promise<AssignmentEntity[]> {
    return this.rows.activeOfNurseOnDates(m, nurseId, dto.from, dto.to);
  }

  async list(who: Principal, nurseId: string): Promise<AbsenceResponse[]> {
    if (who.role === 'nurse' && who.nurseId !== nurseId) throw new NotFoundError(`nurse ${nurseId} not found`);
    await this.nurses.findInScope(who, nurseId);
    return (await this.absenceRows.ofNurse(this.dataSource.manager, nurseId)).map(absenceView);
  }

  async remove(who: Principal, id: string) {
    const absence = await this.absenceRows.find(this.dataSource.manager, id);
    if (!absence) throw new NotFoundError(`absence ${id} not found`);
    try {
      await this.nurses.findInScope(who, absence.nurseId);
    } catch {
      throw new NotFoundError(`absence ${id} not found`);
    }
    await this.tx.run(
      async (m) => {
        await this.absenceRows.remove(m, id);
        await this.audit.append(m, who, 'delete', 'absence', id, `absence of nurse ${absence.nurseId} removed (cancelled assignments are not restored)`);
      },
      [Locks.nurse(absence.nurseId)],
    );
  }
}
