import { ApiProperty } from '@nestjs/swagger';

/** The answer of GET /api/me/calendar and its rotation. */

export class CalendarFeedResponse {
  @ApiProperty({ description: 'Path of the private iCalendar feed; the secret in it is the key', example: '/api/calendar/3f9c…e1.ics' }) url: string;
}
