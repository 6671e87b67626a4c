import { ApiProperty } from '@nestjs/swagger';

/** A Dutch public holiday, as dutchPublicHolidays computes it. */
export class HolidayResponse {
  @ApiProperty({ example: '2027-04-27' }) date: string;
  @ApiProperty({ example: 'Koningsdag' }) name: string;
}
