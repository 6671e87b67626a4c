import { Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorDto, ApiErrors, ApiTransportErrors } from '../common/api-error.dto.js';
import { AssignmentResponse } from '../assignments/assignment.response.js';
import { CalendarFeedResponse } from './calendar-feed.response.js';
import { AssignmentsService } from '../assignments/assignments.service.js';
import { CurrentPrincipal, Public, Roles } from '../common/decorators.js';
import { type Principal } from '../common/principal.js';
import { DateRangeQuery } from '../roster/dto/list-slots.query.js';
import { assertNurse, CalendarService } from './calendar.service.js';

@ApiTags('nurse self-service')
@Controller('api')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly assignments: AssignmentsService,
  ) {}

  @ApiBearerAuth()
  @ApiErrors()
  @ApiOperation({ summary: "The calling nurse's own shifts by local date (at most 366 days)" })
  @ApiOkResponse({ type: [AssignmentResponse], description: 'By start' })
  @Get('me/shifts')
  @Roles('nurse')
  myShifts(@CurrentPrincipal() who: Principal, @Query() q: DateRangeQuery) {
    assertNurse(who);
    return this.assignments.shiftsOf(who, who.nurseId as string, q.from, q.to);
  }

  @ApiBearerAuth()
  @ApiErrors()
  @ApiOperation({ summary: "The URL of the nurse's private calendar feed (created on first use)" })
  @ApiOkResponse({ type: CalendarFeedResponse })
  @Get('me/calendar')
  @Roles('nurse')
  myCalendar(@CurrentPrincipal() who: Principal) {
    assertNurse(who);
    return this.calendar.myFeed(who);
  }

  @ApiBearerAuth()
  @ApiErrors()
  @ApiOperation({ summary: 'Issue a new feed secret; the old URL answers 404 from now on' })
  @ApiOkResponse({ type: CalendarFeedResponse, description: 'The new URL' })
  @Post('me/calendar/rotate')
  @HttpCode(200)
  @Roles('nurse')
  rotate(@CurrentPrincipal() who: Principal) {
    assertNurse(who);
    return this.calendar.rotate(who);
  }

  @ApiOperation({ summary: 'The private iCalendar feed; the secret in the URL is the key (no header auth)' })
  @ApiOkResponse({ description: "The nurse's duties as iCalendar events", content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No feed has this secret (rotated, or its nurse has no active user)' })
  @ApiTransportErrors()
  @Public()
  @Get('calendar/:file')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  feed(@Param('file') file: string) {
    return this.calendar.feed(file);
  }
}
