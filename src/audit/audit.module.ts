import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEventEntity } from './audit-event.entity.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

/** The append-only audit log: every feature appends inside its own transaction. */
@Global()
@Module({ imports: [TypeOrmModule.forFeature([AuditEventEntity])], controllers: [AuditController], providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
