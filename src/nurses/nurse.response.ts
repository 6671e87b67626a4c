import { ApiProperty } from '@nestjs/swagger';

/** The answer shape of a nurse, filled by nurseView. */

export class NurseResponse {
  @ApiProperty({ description: 'Opaque id', example: '01930f2e-…' }) id: string;
  @ApiProperty({ description: 'Full name', example: 'Anna de Vries' }) name: string;
  @ApiProperty({ description: 'AGB of the employing provider', example: '75123456' }) employerAgb: string;
  @ApiProperty({ description: 'Qualification codes', example: ['district-nurse', 'wound-care'], type: [String] }) qualifications: string[];
  @ApiProperty({ description: 'BIG registration number, or null', example: '19012345601', nullable: true, type: String }) bigNumber: string | null;
  @ApiProperty({ description: 'Phone number partners may call while on call, or null', example: '+31 20 555 0101', nullable: true, type: String }) phone:
    string | null;
  @ApiProperty({
    description:
      'Contract hours per week in minutes, or null (counts as 2160): plans keep within it, an assignment by hand beyond it in a week carries a contract-hours warning',
    example: 1920,
    nullable: true,
    type: 'integer',
  })
  contractMinutesPerWeek: number | null;
  @ApiProperty({
    description:
      'The regions the nurse works in, sorted, which roster plans draw their candidates by; null: every region where her employer is a responsible party of a contract (the default)',
    example: ['AMS'],
    nullable: true,
    type: [String],
  })
  regionCodes: string[] | null;
}
