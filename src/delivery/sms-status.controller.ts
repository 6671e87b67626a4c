import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { timingSafeEqual } from 'node:crypto';
import { ApiErrorDto, ApiTransportErrors } from '../common/api-error.dto.js';
import { Public } from '../common/decorators.js';
import { BadInputError, ForbiddenError, NotFoundError } from '../common/errors.js';
import { AppConfig } from '../config/app-config.js';
import { OutboxService } from './outbox.service.js';

export class SmsStatusQuery {
  @ApiProperty({ description: 'SMS_STATUS_SECRET, as written into the status report URL configured at the gateway', example: 'k3y-0f-at-least-16' })
  @IsString()
  @MaxLength(200)
  secret: string;
}

export class SmsStatusResponse {
  @ApiProperty({ description: 'How many of our texts the reports changed (reached the handset, or failed)', example: 1 })
  recorded: number;
}

/**
 * The SMS gateway's delivery reports (CM.com's status report webhook, JSON form): configured at
 * the gateway as `<PUBLIC_URL>/api/sms/status?secret=<SMS_STATUS_SECRET>`.
 */
@ApiTags('reaching the phone')
@Public()
@Controller('api/sms')
export class SmsStatusController {
  constructor(
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  @ApiOperation({
    summary: "The SMS gateway's delivery reports (no token: the secret in the query is the key)",
    description:
      'CM.com posts `{"messages":{"msg":{"received","to","reference","status":{"code","errorCode","errorDescription"},"operator"}}}` (or a list under msg). The reference is the one Wijkwacht sent with the text; status code 2 (delivered) or 4 (read) marks the SMS as on the handset, 1 (rejected) or 3 (failed) records the error; 0 (accepted by the operator) changes nothing. Reports for unknown references are ignored. Without SMS_STATUS_SECRET reports are not taken (404); a wrong secret → 403.',
  })
  @ApiOkResponse({ type: SmsStatusResponse })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Not a delivery report' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'The secret does not match SMS_STATUS_SECRET' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'Delivery reports are not configured (no SMS_STATUS_SECRET)' })
  @ApiTransportErrors()
  @Post('status')
  @HttpCode(200)
  async status(@Query() q: SmsStatusQuery, @Body() body: unknown): Promise<SmsStatusResponse> {
    const expected = this.config.smsStatusSecret;
    if (!expected) throw new NotFoundError('SMS delivery reports are not configured');
    const given = Buffer.from(q.secret);
    if (given.length !== Buffer.byteLength(expected) || !timingSafeEqual(given, Buffer.from(expected))) {
      throw new ForbiddenError('the secret of the status report URL does not match');
    }
    const reports = OutboxService.gateway.reports(body);
    if (reports === null) throw new BadInputError('not a delivery report: expected {"messages":{"msg":…}}');
    return { recorded: await this.outbox.recordReports(reports) };
  }
}
