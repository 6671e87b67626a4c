import { DataSource, DataSourceOptions } from 'typeorm';
import { DEFAULT_DATABASE_PATH } from './src/config/app-config.js';
import { connectionOptions, type DatabaseSettings } from './src/database/connection.js';
import { UserEntity } from './src/identity/user.entity.js';
import { ConsortiumEntity, InsurerEntity, ProviderEntity, RegionEntity } from './src/reference/reference.entities.js';
import { NurseEntity } from './src/nurses/nurse.entity.js';
import { ContractEntity } from './src/contracts/contract.entity.js';
import { SlotEntity, TemplateEntity } from './src/roster/roster.entities.js';
import { AssignmentEntity } from './src/assignments/assignment.entity.js';
import { FeeStatementEntity } from './src/fees/fee-statement.entity.js';
import { CalendarFeedEntity } from './src/calendar/calendar-feed.entity.js';
import { AuditEventEntity } from './src/audit/audit-event.entity.js';
import { JobRunEntity } from './src/jobs/job-run.entity.js';
import { WorkerEntity } from './src/jobs/worker.entity.js';
import { InitialSchema1795420800000 } from './src/migrations/1795420800000-InitialSchema.js';
import { PlanningAids1795507200000 } from './src/migrations/1795507200000-PlanningAids.js';
import { GapAlerts1795593600000 } from './src/migrations/1795593600000-GapAlerts.js';
import { AssignmentsOutliveSlots1795680000000 } from './src/migrations/1795680000000-AssignmentsOutliveSlots.js';
import { AppendOnlyHardening1795766400000 } from './src/migrations/1795766400000-AppendOnlyHardening.js';
import { WideFeeColumns1795852800000 } from './src/migrations/1795852800000-WideFeeColumns.js';
import { ClosedMonths1795939200000 } from './src/migrations/1795939200000-ClosedMonths.js';
import { NamedSqliteConstraints1796025600000 } from './src/migrations/1796025600000-NamedSqliteConstraints.js';
import { DropOriginalValidTo1796112000000 } from './src/migrations/1796112000000-DropOriginalValidTo.js';
import { RosterPlansAndWishes1796200000000 } from './src/migrations/1796200000000-RosterPlansAndWishes.js';
import { RosterPlanEntity, WishEntity } from './src/roster-plans/plan.entities.js';
import { SignInForPeople1796500000000 } from './src/migrations/1796500000000-SignInForPeople.js';
import { FinalizedByAndCoordinatorPhone1796600000000 } from './src/migrations/1796600000000-FinalizedByAndCoordinatorPhone.js';
import { NurseRegionsAndPersons1796740000000 } from './src/migrations/1796740000000-NurseRegionsAndPersons.js';
import { SessionEntity } from './src/identity/session.entity.js';
import { SignInLinkEntity } from './src/auth/sign-in-link.entity.js';
import { ClosedMonthEntity } from './src/months/closed-month.entity.js';
import { AlertEntity } from './src/alerts/alert.entity.js';
import { AbsenceEntity } from './src/absences/absence.entity.js';
import { OfferEntity } from './src/offers/offer.entity.js';
import { RequestEntity, RequestPageEntity } from './src/requests/request.entities.js';
import { OutboxEntity } from './src/delivery/outbox.entity.js';
import { AcuteRequests1796300000000 } from './src/migrations/1796300000000-AcuteRequests.js';
import { ClosedMonthsNoTruncate1796700000000 } from './src/migrations/1796700000000-ClosedMonthsNoTruncate.js';
import { IdentityLinks1796700100000 } from './src/migrations/1796700100000-IdentityLinks.js';
import { UserIdentityEntity } from './src/identity/user-identity.entity.js';
import { Workers1796710000000 } from './src/migrations/1796710000000-Workers.js';
import { ProviderUsersAndReferralSettings1796750000000 } from './src/migrations/1796750000000-ProviderUsersAndReferralSettings.js';
import { Referrals1796750100000 } from './src/migrations/1796750100000-Referrals.js';
import { IntakeVersions1796750200000 } from './src/migrations/1796750200000-IntakeVersions.js';
import {
  IntakeLineEntity,
  IntakeSnapshotEntity,
  IntakeVersionEntity,
  ProviderIntakeEntity,
  ReferralEntity,
  ReferralOfferEntity,
} from './src/referrals/referral.entities.js';
import { ReachingThePhone1796760000000 } from './src/migrations/1796760000000-ReachingThePhone.js';
import { PushSubscriptionEntity } from './src/delivery/push-subscription.entity.js';
import { PageLinkEntity } from './src/requests/page-link.entity.js';
import { LinkRequestEntity } from './src/auth/link-request.entity.js';

/** The one DataSource definition, used by the application and by the TypeORM CLI. */
export const ENTITIES = [
  UserEntity,
  InsurerEntity,
  RegionEntity,
  ProviderEntity,
  ConsortiumEntity,
  NurseEntity,
  ContractEntity,
  TemplateEntity,
  SlotEntity,
  AssignmentEntity,
  FeeStatementEntity,
  CalendarFeedEntity,
  AuditEventEntity,
  JobRunEntity,
  WorkerEntity,
  AbsenceEntity,
  OfferEntity,
  AlertEntity,
  ClosedMonthEntity,
  WishEntity,
  RosterPlanEntity,
  SessionEntity,
  UserIdentityEntity,
  SignInLinkEntity,
  RequestEntity,
  RequestPageEntity,
  OutboxEntity,
  ProviderIntakeEntity,
  IntakeLineEntity,
  IntakeSnapshotEntity,
  ReferralEntity,
  ReferralOfferEntity,
  IntakeVersionEntity,
  PushSubscriptionEntity,
  PageLinkEntity,
  LinkRequestEntity,
];

export const MIGRATIONS = [
  InitialSchema1795420800000,
  PlanningAids1795507200000,
  GapAlerts1795593600000,
  AssignmentsOutliveSlots1795680000000,
  AppendOnlyHardening1795766400000,
  WideFeeColumns1795852800000,
  ClosedMonths1795939200000,
  NamedSqliteConstraints1796025600000,
  DropOriginalValidTo1796112000000,
  RosterPlansAndWishes1796200000000,
  AcuteRequests1796300000000,
  SignInForPeople1796500000000,
  FinalizedByAndCoordinatorPhone1796600000000,
  ClosedMonthsNoTruncate1796700000000,
  IdentityLinks1796700100000,
  Workers1796710000000,
  NurseRegionsAndPersons1796740000000,
  ProviderUsersAndReferralSettings1796750000000,
  Referrals1796750100000,
  IntakeVersions1796750200000,
  ReachingThePhone1796760000000,
];

/** The connection (`src/database/connection.ts`) with this service's entities and migrations; never synchronised. */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return { ...connectionOptions(settings), entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: false, synchronize: false, logging: false };
}

export default new DataSource(
  dataSourceOptions({
    databasePath: process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH,
    databaseUrl: process.env.DATABASE_URL || undefined,
  }),
);
