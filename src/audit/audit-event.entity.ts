import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/columns.js';

@Entity('audit_events')
@Index('audit_events_entity', ['entityType', 'entityId', 'at'])
@Index('audit_events_at', ['at'])
export class AuditEventEntity {
  @PrimaryColumn('text') id: string;
  @Column('bigint', { transformer: bigintAsNumber }) at: number;
  @Column('text', { name: 'user_id' }) userId: string;
  @Column('text', { name: 'acting_for' }) actingFor: string;
  @Column('text') action: string;
  @Column('text', { name: 'entity_type' }) entityType: string;
  @Column('text', { name: 'entity_id' }) entityId: string;
  @Column('text') summary: string;
}
