import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { NursesModule } from '../nurses/nurses.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { CalendarFeedEntity } from './calendar-feed.entity.js';
import { CalendarController } from './calendar.controller.js';
import { CalendarService } from './calendar.service.js';

/** A nurse's shifts as a private iCalendar feed. */
@Module({
  imports: [TypeOrmModule.forFeature([CalendarFeedEntity]), IdentityModule, AssignmentsModule, NursesModule, ReferenceModule],
  controllers: [CalendarController],
  providers: [CalendarService],
})
export class CalendarModule {}
