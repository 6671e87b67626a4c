import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { RULE_CODES, type RuleCode } from './codes.js';

export class ViolationDto {
  @ApiProperty({ description: 'Rule code', enum: RULE_CODES, enumName: 'RuleCode', example: 'daily-rest' })
  rule: RuleCode;
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

/** The error answers every authenticated endpoint may give, documented once. */
export function ApiErrors() {
  const e = (description: string) => ({ description, type: ApiErrorDto });
  return applyDecorators(
    ApiBadRequestResponse(e('Malformed input (validation); unknown fields are refused')),
    ApiUnauthorizedResponse(e('Missing, unknown or revoked bearer token')),
    ApiForbiddenResponse(e('The role or scope does not allow this')),
    ApiNotFoundResponse(e("Not found, or outside the caller's scope")),
    ApiConflictResponse(e('Conflict with existing state; carries violations where a rule applies')),
    ApiUnprocessableEntityResponse(e('Refused by a domain rule; violations lists every broken rule')),
  );
}
