import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContractsModule } from '../contracts/contracts.module.js';
import { MonthsModule } from '../months/months.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { HolidaysController } from './holidays.controller.js';
import { RosterController } from './roster.controller.js';
import { SlotEntity, TemplateEntity } from './roster.entities.js';
import { SlotExtensionService } from './slot-extension.service.js';
import { SlotsService } from './slots.service.js';
import { TemplatesService } from './templates.service.js';

/** Roster templates and the availability slots they generate. */
@Module({
  imports: [TypeOrmModule.forFeature([TemplateEntity, SlotEntity]), ContractsModule, MonthsModule, ReferenceModule],
  controllers: [RosterController, HolidaysController],
  providers: [TemplatesService, SlotsService, SlotExtensionService],
  exports: [TemplatesService, SlotsService, SlotExtensionService],
})
export class RosterModule {}
