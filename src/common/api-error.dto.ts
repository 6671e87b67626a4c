import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ViolationDto {
  @ApiProperty({ description: 'Rule code', example: 'daily-rest' })
  rule: string;
  @ApiProperty({ description: 'What is wrong, in words', example: 'at least 11 h of rest; this leaves 9 h' })
  message: string;
}

export class ApiErrorDto {
  @ApiProperty({ example: 422 })
  statusCode: number;
  @ApiProperty({ example: 'Unprocessable Entity' })
  error: string;
  @ApiProperty({ description: 'A message or a list of messages', example: 'the request breaks a domain rule' })
  message: string | string[];
  @ApiPropertyOptional({ type: [ViolationDto], description: 'On 409 and 422: every rule the request breaks' })
  violations?: ViolationDto[];
}
