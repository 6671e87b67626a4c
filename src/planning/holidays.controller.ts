import { Controller, Get, Query } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IntQueryField } from '../common/validation.js';
import { Clock } from '../common/clock.js';
import { localDateOf } from '../common/local-time.js';
import { dutchPublicHolidays } from '../roster/dutch-holidays.js';

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
  @Get()
  list(@Query() q: HolidaysQuery) {
    const year = q.year ?? Number(localDateOf(this.clock.now(), 'Europe/Amsterdam').slice(0, 4));
    return dutchPublicHolidays(year);
  }
}
