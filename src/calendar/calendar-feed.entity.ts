import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

/** A nurse's private calendar feed. The secret is a capability URL, separate from API tokens. */
@Entity('calendar_feeds')
export class CalendarFeedEntity {
  @ForeignKey('nurses', { name: 'calendar_feeds_nurse_id_fkey' })
  @PrimaryColumn('text', { name: 'nurse_id' })
  nurseId: string;
  @Column('text', { unique: true }) secret: string;
  @Column('bigint', { name: 'created_at', transformer: bigintAsNumber }) createdAt: number;
}
