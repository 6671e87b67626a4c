import { Controller, Get, Query } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IntQueryField } from '../common/validation.js';
import { Clock } from '../common/clock.js';
import { localDateOf } from '../common/local-time.js';
import { dutchPublicHolidays } from './dutch-holidays.js';
import { HolidayResponse } from './holiday.response.js';

export class HolidaysQuery {
  @IntQueryField({ description: 'Year, four digits (default: the current year in Amsterdam)', example: 2027, required: false }, 1900, 2999)
  year?: number;
}

@ApiTags('planning aids')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/holidays')
export class HolidaysController {
  constructor(private readonly clock: Clock) {}

  @ApiOperation({ summary: 'Dutch public holidays of a year, computed (Easter by the Gregorian computus)' })
  @ApiOkResponse({ type: [HolidayResponse], description: 'In order of date' })
  @Get()
  list(@Query() q: HolidaysQuery): HolidayResponse[] {
    const year = q.year ?? Number(localDateOf(this.clock.now(), 'Europe/Amsterdam').slice(0, 4));
    return dutchPublicHolidays(year);
  }
}
